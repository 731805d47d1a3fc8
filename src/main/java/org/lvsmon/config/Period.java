package org.lvsmon.config;

import java.time.Duration;
import java.util.List;

/**
 * One {@code period} block of a service: when it applies and which alerts it sends under which rules.
 * {@code key} is the label if one was given, else the period text itself; mon uses it to name the
 * period in logs and in {@code test alert}. Nullable: {@code label}, {@code alertEvery}, {@code
 * upalertAfter}, {@code alertExitRange}. {@code numAlerts} 0 means unlimited.
 */
public record Period(
    String key,
    String label,
    TimePeriod when,
    List<AlertCommand> alerts,
    List<AlertCommand> upalerts,
    List<AlertCommand> startupalerts,
    List<AlertCommand> ackalerts,
    List<AlertCommand> disablealerts,
    AlertEvery alertEvery,
    AlertAfter alertAfter,
    int numAlerts,
    boolean noCompAlerts,
    Duration upalertAfter,
    ExitRange alertExitRange,
    boolean alertsDontCount,
    Extensions extensions,
    int line) {
  public Period {
    alerts = List.copyOf(alerts);
    upalerts = List.copyOf(upalerts);
    startupalerts = List.copyOf(startupalerts);
    ackalerts = List.copyOf(ackalerts);
    disablealerts = List.copyOf(disablealerts);
  }
}
