package org.lvsmon.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * lvsmon's parsed model in the canonical form {@code test-fixtures/real-mon/read-cf.pl} prints for
 * mon's: nested maps, lists and strings only, with mon's hash keys ({@code %CF} names for globals,
 * {@code group/service} for services, period keys), lists sorted where mon keeps a hash, times as
 * seconds with three decimals and "-" for unset. Equal trees mean both parsers built the same model.
 */
final class ReadCfSummary {
  private ReadCfSummary() {}

  /** The counts read-cf.pl prints before the model: {@code groups=N watches=N services=N periods=N}. */
  static String counts(MonConfig c) {
    long periods = c.services().mapToLong(s -> s.periods().size()).sum();
    return "groups=" + c.hostgroups().size() + " watches=" + c.watches().size() + " services="
        + c.services().count() + " periods=" + periods;
  }

  static Map<String, Object> of(MonConfig c) {
    Map<String, Object> m = new TreeMap<>();
    m.put("groups", map(c.hostgroups(), g -> List.copyOf(g.hosts())));
    m.put("views", map(c.views(), v -> v.members().stream().sorted().toList()));
    m.put("aliases", map(c.aliases(), List::copyOf));
    m.put("globals", globals(c.globals()));
    Map<String, Object> services = new TreeMap<>();
    c.services().forEach(s -> services.put(s.group() + "/" + s.name(), service(s)));
    m.put("services", services);
    return m;
  }

  private static Map<String, Object> service(Service s) {
    Map<String, Object> m = new TreeMap<>();
    m.put("interval", secs(s.interval()));
    m.put("failure_interval", secs(s.failureInterval()));
    m.put("monitor", s.monitor() == null ? "-" : s.monitor().text());
    m.put("redistribute", s.redistribute() == null ? "" : s.redistribute().text());
    m.put("allow_empty_group", flag(s.allowEmptyGroup()));
    m.put("description", s.description());
    m.put("exclude_hosts", s.excludeHosts().stream().sorted().toList());
    m.put("exclude_period", s.excludePeriod() == null ? "" : s.excludePeriod().spec());
    m.put("randskew", secs(s.randskew()));
    m.put("traptimeout", secs(s.trapTimeout()));
    m.put("trapduration", secs(s.trapDuration()));
    m.put("depend", expression(s.depend()));
    m.put("alertdepend", expression(s.alertDepend()));
    m.put("monitordepend", expression(s.monitorDepend()));
    m.put("hostdepend", expression(s.hostDepend()));
    m.put("dep_behavior", s.depBehavior().keyword());
    m.put("dep_memory", secs(s.depMemory() == null ? Duration.ZERO : s.depMemory()));
    m.put("unack_summary", flag(s.unackSummary()));
    m.put("env", new TreeMap<>(s.env()));
    m.put("has_upalert", flag(s.hasUpalert()));
    Map<String, Object> periods = new TreeMap<>();
    for (Period p : s.periods()) {
      periods.put(p.key(), period(p));
    }
    m.put("periods", periods);
    return m;
  }

  private static Map<String, Object> period(Period p) {
    Map<String, Object> m = new TreeMap<>();
    m.put("spec", p.when().spec());
    m.put("alerts", alerts(p.alerts()));
    m.put("upalerts", alerts(p.upalerts()));
    m.put("startupalerts", alerts(p.startupalerts()));
    m.put("ackalerts", alerts(p.ackalerts()));
    m.put("disablealerts", alerts(p.disablealerts()));
    m.put("alertevery", p.alertEvery() == null ? secs(Duration.ZERO) : secs(p.alertEvery().every()));
    m.put("alertevery_mode", p.alertEvery() == null ? "-" : p.alertEvery().mode().name().toLowerCase(Locale.ROOT));
    AlertAfter a = p.alertAfter();
    m.put("alertafter", orDash(a.consecutive()) + "/" + orDash(a.windowCount()) + "/" + secs(a.interval()));
    m.put("numalerts", Integer.toString(p.numAlerts()));
    m.put("no_comp_alerts", flag(p.noCompAlerts()));
    m.put("alerts_dont_count", flag(p.alertsDontCount()));
    m.put("alertexitrange", p.alertExitRange() == null ? "-" : range(p.alertExitRange()));
    m.put("upalertafter", secs(p.upalertAfter()));
    return m;
  }

  private static List<String> alerts(List<AlertCommand> alerts) {
    List<String> out = new ArrayList<>();
    for (AlertCommand a : alerts) {
      String prefix = a.exitRange() == null ? "" : "exit=" + range(a.exitRange()) + " ";
      out.add(prefix + a.command().text());
    }
    return out;
  }

  /** The globals the file set, under mon's {@code %CF} names, valued as read-cf.pl prints them. */
  private static Map<String, Object> globals(Globals g) {
    Map<String, Object> m = new TreeMap<>();
    put(m, "ALERTDIR", g.alertdir(), v -> String.join(":", v));
    put(m, "SCRIPTDIR", g.mondir(), v -> String.join(":", v));
    put(m, "BASEDIR", g.basedir(), ReadCfSummary::catdirFromCurdir);
    put(m, "CFBASEDIR", g.cfbasedir(), ReadCfSummary::catdirFromCurdir);
    put(m, "STATEDIR", g.statedir(), v -> v);
    put(m, "LOGDIR", g.logdir(), v -> v);
    put(m, "AUTHFILE", g.authfile(), v -> v);
    put(m, "AUTHTYPE", g.authtype(), v -> String.join(" ", v));
    put(m, "USERFILE", g.userfile(), v -> v);
    put(m, "PAMSERVICE", g.pamservice(), v -> v);
    put(m, "SERVERBIND", g.serverbind(), v -> v);
    put(m, "SERVPORT", g.serverport(), String::valueOf);
    put(m, "TRAPBIND", g.trapbind(), v -> v);
    put(m, "TRAPPORT", g.trapport(), String::valueOf);
    put(m, "CLIENTALLOW", g.clientallow(), v -> String.join(" ", v));
    put(m, "PIDFILE", g.pidfile(), v -> v);
    put(m, "MAXPROCS", g.maxprocs(), String::valueOf);
    put(m, "MAX_KEEP", g.histlength(), String::valueOf);
    put(m, "HISTORICFILE", g.historicfile(), v -> v);
    put(m, "HISTORICTIME", g.historictime(), ReadCfSummary::secs);
    put(m, "RANDSTART", g.randstart(), ReadCfSummary::secs);
    put(m, "CLIENT_TIMEOUT", g.cltimeout(), ReadCfSummary::secs);
    put(m, "MONERRFILE", g.monerrfile(), v -> v);
    put(m, "DTLOGGING", g.dtlogging(), ReadCfSummary::flag);
    put(m, "DTLOGFILE", g.dtlogfile(), v -> v);
    put(m, "DEP_RECUR_LIMIT", g.depRecurLimit(), String::valueOf);
    put(m, "SYSLOG_FACILITY", g.syslogFacility(), v -> v);
    put(m, "STARTUPALERTS_ON_RESET", g.startupalertsOnReset(), ReadCfSummary::flag);
    put(m, "MONREMOTE", g.monremote(), v -> v);
    put(m, "EXCLUDE_PERIOD", g.excludePeriod(), TimePeriod::spec);
    return m;
  }

  private static <T> void put(Map<String, Object> m, String key, T value, Function<T, String> format) {
    if (value != null) {
      m.put(key, format.apply(value));
    }
  }

  /** mon stores a relative basedir as {@code File::Spec->catdir(".", value)}, which canonicalizes it. */
  private static String catdirFromCurdir(String v) {
    if (v.startsWith("/")) {
      return v;
    }
    List<String> parts = new ArrayList<>();
    for (String p : v.split("/")) {
      if (!p.isEmpty() && !p.equals(".")) {
        parts.add(p);
      }
    }
    return parts.isEmpty() ? "." : String.join("/", parts);
  }

  private static String expression(Dependency d) {
    return d == null ? "-" : d.expression();
  }

  private static String range(ExitRange r) {
    return r.low() + "-" + r.high();
  }

  private static String flag(boolean b) {
    return b ? "1" : "0";
  }

  private static String orDash(Integer i) {
    return i == null ? "-" : i.toString();
  }

  private static String secs(Duration d) {
    return d == null ? "-" : String.format(Locale.ROOT, "%.3f", TimeValue.seconds(d));
  }

  private static <V> Map<String, Object> map(Map<String, V> in, Function<V, Object> value) {
    Map<String, Object> out = new TreeMap<>();
    in.forEach((k, v) -> out.put(k, value.apply(v)));
    return out;
  }
}
