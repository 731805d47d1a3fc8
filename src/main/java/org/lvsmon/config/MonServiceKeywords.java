package org.lvsmon.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;

/** The service keywords of mon 1.3.x, allowed between {@code service} and the first {@code period}. */
final class MonServiceKeywords {
  /** Handles one service line. */
  @FunctionalInterface
  interface Handler {
    void apply(String args, ServiceBuilder s, KeywordContext ctx) throws BadValueException;
  }

  private MonServiceKeywords() {}

  static Map<String, Handler> all() {
    Map<String, Handler> k = new LinkedHashMap<>();
    k.put("interval", (a, s, c) -> s.interval = Values.positiveTime("interval", a));
    k.put("failure_interval", (a, s, c) -> s.failureInterval = Values.positiveTime("failure_interval", a));
    k.put("monitor", (a, s, c) -> s.monitor = monitor(a));
    k.put("redistribute", (a, s, c) -> s.redistribute = Values.command("redistribute", a));
    k.put("allow_empty_group", (a, s, c) -> s.allowEmptyGroup = true);
    k.put("description", (a, s, c) -> s.description = a);
    k.put("unack_summary", (a, s, c) -> s.unackSummary = Values.unackSummary(a));
    k.put("traptimeout", (a, s, c) -> s.trapTimeout = Values.positiveTime("traptimeout", a));
    k.put("trapduration", (a, s, c) -> s.trapDuration = Values.positiveTime("trapduration", a));
    k.put("randskew", (a, s, c) -> s.randskew = Values.positiveTime("randskew", a));
    k.put("dep_behavior", (a, s, c) -> s.depBehavior = MonGlobalKeywords.depBehavior(a));
    k.put("dep_memory", (a, s, c) -> s.depMemory = Values.positiveTime("dep_memory", a));
    k.put("depend", (a, s, c) -> s.depend = Values.dependency("depend", a, s.group));
    k.put("alertdepend", (a, s, c) -> s.alertDepend = Values.dependency("alertdepend", a, s.group));
    k.put("monitordepend", (a, s, c) -> s.monitorDepend = Values.dependency("monitordepend", a, s.group));
    k.put("hostdepend", (a, s, c) -> s.hostDepend = Values.dependency("hostdepend", a, s.group));
    k.put("exclude_hosts", (a, s, c) -> s.excludeHosts = new LinkedHashSet<>(PerlSpace.words(a)));
    k.put("exclude_period", (a, s, c) -> s.excludePeriod = Values.period("exclude_period", a));
    return k;
  }

  /** A trailing {@code ;;} (with or without space before it) means: do not append the hosts. */
  private static MonitorCommand monitor(String text) throws BadValueException {
    boolean appendHosts = !text.matches("(?s).*;;\\s*$");
    String line = appendHosts ? text : text.replaceFirst("\\s*;;\\s*$", "");
    return new MonitorCommand(Values.command("monitor", line), appendHosts, text);
  }

  /** Whether {@code alertafter N T} can ever alert at this interval; mon rejects it otherwise. */
  static boolean sensible(int n, Duration window, Duration interval) {
    return interval == null || interval.multipliedBy(n - 1L).compareTo(window) < 0;
  }
}
