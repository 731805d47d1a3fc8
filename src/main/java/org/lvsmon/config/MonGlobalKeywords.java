package org.lvsmon.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The global {@code name = value} keywords of mon 1.3.x, each with its value check. */
final class MonGlobalKeywords {
  /** Handles one global line. */
  @FunctionalInterface
  interface Handler {
    void apply(String value, GlobalsBuilder g, KeywordContext ctx) throws BadValueException;
  }

  private static final List<String> AUTH_TYPES = List.of("getpwnam", "userfile", "pam", "trustlocal", "shadow");

  private MonGlobalKeywords() {}

  static Map<String, Handler> all() {
    Map<String, Handler> k = new LinkedHashMap<>();
    k.put("alertdir", (v, g, c) -> g.alertdir = searchPath("alertdir", v, c));
    k.put("mondir", (v, g, c) -> g.mondir = searchPath("mondir", v, c));
    k.put("basedir", (v, g, c) -> g.basedir = nonEmpty("basedir", v));
    k.put("cfbasedir", (v, g, c) -> g.cfbasedir = nonEmpty("cfbasedir", v));
    k.put("statedir", (v, g, c) -> g.statedir = nonEmpty("statedir", v));
    k.put("logdir", (v, g, c) -> g.logdir = nonEmpty("logdir", v));
    k.put("authfile", (v, g, c) -> g.authfile = nonEmpty("authfile", v));
    k.put("authtype", (v, g, c) -> g.authtype = authTypes(v));
    k.put("userfile", (v, g, c) -> g.userfile = nonEmpty("userfile", v));
    k.put("pamservice", (v, g, c) -> g.pamservice = nonEmpty("pamservice", v));
    k.put("serverbind", (v, g, c) -> g.serverbind = nonEmpty("serverbind", v));
    k.put("serverport", (v, g, c) -> g.serverport = Values.port("serverport", v));
    k.put("trapbind", (v, g, c) -> g.trapbind = nonEmpty("trapbind", v));
    k.put("trapport", (v, g, c) -> g.trapport = Values.port("trapport", v));
    k.put("clientallow", (v, g, c) -> g.clientallow = clientAllow(v));
    k.put("pidfile", (v, g, c) -> g.pidfile = v);
    k.put("maxprocs", (v, g, c) -> g.maxprocs = Values.nonNegativeInt("maxprocs", v));
    k.put("histlength", (v, g, c) -> g.histlength = Values.nonNegativeInt("histlength", v));
    k.put("historicfile", (v, g, c) -> g.historicfile = nonEmpty("historicfile", v));
    k.put("historictime", (v, g, c) -> g.historictime = anyTime("historictime", v));
    k.put("randstart", (v, g, c) -> g.randstart = anyTime("randstart", v));
    k.put("cltimeout", (v, g, c) -> g.cltimeout = anyTime("cltimeout", v));
    k.put("monerrfile", (v, g, c) -> g.monerrfile = nonEmpty("monerrfile", v));
    k.put("dtlogging", (v, g, c) -> g.dtlogging = v.equals("yes") || v.equals("true") || perlNumber(v) == 1);
    k.put("dtlogfile", (v, g, c) -> g.dtlogfile = nonEmpty("dtlogfile", v));
    k.put("dep_recur_limit", (v, g, c) -> g.depRecurLimit = Values.nonNegativeInt("dep_recur_limit", v));
    k.put("dep_behavior", (v, g, c) -> g.depBehavior = depBehavior(v));
    k.put("dep_memory", (v, g, c) -> g.depMemory = anyTime("dep_memory", v));
    k.put("unack_summary", (v, g, c) -> g.unackSummary = Values.unackSummary(v));
    k.put("syslog_facility", (v, g, c) -> g.syslogFacility = nonEmpty("syslog_facility", v));
    // mon's test is /^1|yes|true|on$/i: starts with 1, or contains yes or true, or ends with on
    k.put("startupalerts_on_reset",
        (v, g, c) -> g.startupalertsOnReset = Pattern.compile("^1|yes|true|on$", Pattern.CASE_INSENSITIVE).matcher(v).find());
    k.put("monremote", (v, g, c) -> g.monremote = v);
    k.put("exclude_period", (v, g, c) -> g.excludePeriod = Values.period("exclude_period", v));
    return k;
  }

  static DepBehavior depBehavior(String v) throws BadValueException {
    return DepBehavior.of(v)
        .orElseThrow(() -> new BadValueException(
            "dep_behavior: unknown dependency behavior \"" + v + "\" (expected a, m or hm)"));
  }

  /** The number Perl reads from the start of {@code v} (0 when it does not start with one), as {@code ==} does. */
  static double perlNumber(String v) {
    Matcher m = PERL_NUMBER.matcher(v);
    if (!m.find() || m.group(1).isEmpty() || m.group(1).matches("[+-]?\\.?")) {
      return 0;
    }
    return Double.parseDouble(m.group(1));
  }

  private static final Pattern PERL_NUMBER =
      Pattern.compile("^[ \\t\\n\\r\\f\\x0B]*([+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)");

  private static String nonEmpty(String keyword, String v) throws BadValueException {
    if (v.isEmpty()) {
      throw new BadValueException(keyword + ": missing value");
    }
    return v;
  }

  /** mon checks only that these globals parse, so a zero time is accepted. */
  private static java.time.Duration anyTime(String keyword, String v) throws BadValueException {
    return TimeValue.parse(v).orElseThrow(() -> new BadValueException(Values.badTime(keyword, v)));
  }

  /**
   * mon splits search paths with the regex {@code s*:s*} (a Perl escape bug), which eats an "s" next
   * to a colon. lvsmon splits on the colon only, and warns where mon would search elsewhere.
   */
  private static List<String> searchPath(String keyword, String v, KeywordContext c)
      throws BadValueException {
    nonEmpty(keyword, v);
    List<String> dirs = new ArrayList<>();
    for (String d : v.split(":", -1)) {
      dirs.add(PerlSpace.trim(d));
    }
    if (Pattern.compile("s\\s*:|:\\s*s").matcher(v).find()) {
      c.warn(keyword + ": real mon splits this path at \"s:\"/\":s\" and drops that \"s\" (a mon bug),"
          + " so it searches different directories than lvsmon does; end the directory with \"//\""
          + " if the config must behave the same under both");
    }
    return dirs;
  }

  private static List<String> authTypes(String v) throws BadValueException {
    List<String> types = PerlSpace.words(v);
    for (String t : types) {
      if (!AUTH_TYPES.contains(t)) {
        throw new BadValueException("authtype: unknown type \"" + t + "\" (expected " + String.join(", ", AUTH_TYPES) + ")");
      }
    }
    return types;
  }

  /**
   * mon escapes every "." not preceded by "[" or a backslash, and anchors each pattern to the whole
   * client address; we do the same and check that the result compiles.
   */
  private static List<String> clientAllow(String v) throws BadValueException {
    List<String> patterns = new ArrayList<>();
    for (String p : PerlSpace.words(v)) {
      // as mon's s/([^[\\])\./$1\\./g, which consumes the character before each dot
      String escaped = p.replaceAll("([^\\[\\\\])\\.", "$1\\\\.");
      try {
        Pattern.compile(escaped);
      } catch (PatternSyntaxException e) {
        throw new BadValueException("clientallow: invalid pattern \"" + p + "\": " + e.getDescription(), e);
      }
      patterns.add(escaped);
    }
    return patterns;
  }
}
