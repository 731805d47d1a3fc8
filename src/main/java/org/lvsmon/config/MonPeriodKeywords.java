package org.lvsmon.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The keywords of mon 1.3.x allowed inside a {@code period} block. */
final class MonPeriodKeywords {
  /** Handles one period line. */
  @FunctionalInterface
  interface Handler {
    void apply(String args, PeriodBuilder p, KeywordContext ctx) throws BadValueException;
  }

  private static final Pattern EXIT_PREFIX =
      Pattern.compile("^exit\\s*=\\s*(\\S*)\\s+(.*)$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern AFTER_NUM = Pattern.compile("^(\\d+)$");
  private static final Pattern AFTER_TIME = Pattern.compile("^(\\d+[hms])$");
  private static final Pattern AFTER_WINDOW = Pattern.compile("^(\\d+)\\s+(\\d+[hms])$");
  private static final Pattern EVERY =
      Pattern.compile("^(\\S+)(?:\\s+(observe_detail|ignore_summary|summary|strict))?\\s*$",
          Pattern.CASE_INSENSITIVE);

  private MonPeriodKeywords() {}

  static Map<String, Handler> all() {
    Map<String, Handler> k = new LinkedHashMap<>();
    k.put("alert", (a, p, c) -> p.alerts.add(alert("alert", a)));
    k.put("upalert", (a, p, c) -> p.upalerts.add(alert("upalert", a)));
    k.put("startupalert", (a, p, c) -> p.startupalerts.add(alert("startupalert", a)));
    k.put("ackalert", (a, p, c) -> p.ackalerts.add(alert("ackalert", a)));
    k.put("disablealert", (a, p, c) -> p.disablealerts.add(alert("disablealert", a)));
    k.put("alertevery", (a, p, c) -> p.alertEvery = alertEvery(a));
    k.put("alertafter", MonPeriodKeywords::alertAfter);
    k.put("upalertafter", (a, p, c) -> {
      p.upalertAfter = Values.positiveTime("upalertafter", a);
      c.warn("upalertafter has no effect in mon 1.3.x (it is stored on the period but read from the"
          + " service); lvsmon ignores it the same way");
    });
    k.put("numalerts", (a, p, c) -> p.numAlerts = Values.nonNegativeInt("numalerts", a));
    k.put("no_comp_alerts", (a, p, c) -> p.noCompAlerts = true);
    k.put("alerts_dont_count", (a, p, c) -> p.alertsDontCount = true);
    k.put("alertexitrange", (a, p, c) -> p.alertExitRange = Values.exitRange("alertexitrange", a));
    return k;
  }

  /** Names of the keywords that list alert programs, for tools that walk a config's alerts. */
  static final List<String> ALERT_LISTS =
      List.of("alert", "upalert", "startupalert", "ackalert", "disablealert");

  private static AlertCommand alert(String keyword, String args) throws BadValueException {
    if (args.matches("(?is)exit\\s+=.*|exit=\\s.*")) {
      // mon parses it, but when alerting splits the line at blanks and looks for an alert named "="
      throw new BadValueException(keyword + ": write the exit range without spaces, as exit=N or exit=N-M"
          + " (mon would look for an alert program named \"=\"): \"" + args + "\"");
    }
    Matcher m = EXIT_PREFIX.matcher(args);
    if (m.matches()) {
      ExitRange range = Values.exitRange(keyword + " exit=", m.group(1));
      return new AlertCommand(range, Values.command(keyword, m.group(2)));
    }
    if (args.regionMatches(true, 0, "exit", 0, 4) && args.matches("(?is)exit\\s*=.*")) {
      throw new BadValueException(keyword + ": \"" + args + "\" has an exit= range but no alert program after it");
    }
    return new AlertCommand(null, Values.command(keyword, args));
  }

  private static AlertEvery alertEvery(String args) throws BadValueException {
    Matcher m = EVERY.matcher(args);
    if (!m.matches()) {
      throw new BadValueException("alertevery: invalid value \"" + args
          + "\" (expected a time value, optionally followed by observe_detail, ignore_summary, strict or summary)");
    }
    Duration every = Values.positiveTime("alertevery", m.group(1));
    String word = m.group(2) == null ? "summary" : m.group(2).toLowerCase();
    AlertEvery.Mode mode = switch (word) {
      case "observe_detail" -> AlertEvery.Mode.OBSERVE_DETAIL;
      case "ignore_summary" -> AlertEvery.Mode.IGNORE_SUMMARY;
      case "strict" -> AlertEvery.Mode.STRICT;
      default -> AlertEvery.Mode.SUMMARY;
    };
    return new AlertEvery(every, mode);
  }

  private static void alertAfter(String args, PeriodBuilder p, KeywordContext c) throws BadValueException {
    Matcher m;
    if ((m = AFTER_NUM.matcher(args)).matches()) {
      p.alertAfter = p.alertAfter.withConsecutive(count(m.group(1)));
    } else if ((m = AFTER_TIME.matcher(args)).matches()) {
      p.alertAfter = p.alertAfter.withInterval(Values.positiveTime("alertafter", m.group(1)));
    } else if ((m = AFTER_WINDOW.matcher(args)).matches()) {
      int n = count(m.group(1));
      Duration window = Values.positiveTime("alertafter", m.group(2));
      Duration interval = c.interval().orElse(null);
      if (!MonServiceKeywords.sensible(n, window, interval)) {
        throw new BadValueException("alertafter " + args + ": " + n + " failures can never happen within "
            + TimeValue.format(window) + " at interval " + TimeValue.format(interval)
            + " ((N-1) x interval must be less than the window)");
      }
      p.alertAfter = p.alertAfter.withWindow(n, window);
    } else {
      throw new BadValueException("alertafter: invalid value \"" + args
          + "\" (expected N, an integer time such as 10m, or N and a time; units s, m, h; no fractions, no d)");
    }
  }

  private static int count(String digits) throws BadValueException {
    return Values.nonNegativeInt("alertafter", digits);
  }
}
