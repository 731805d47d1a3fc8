package org.lvsmon.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Mutable collector for one {@link Period}; keyword handlers set its fields. */
final class PeriodBuilder {
  final String key;
  final String label;
  final TimePeriod when;
  final int line;
  final List<AlertCommand> alerts = new ArrayList<>();
  final List<AlertCommand> upalerts = new ArrayList<>();
  final List<AlertCommand> startupalerts = new ArrayList<>();
  final List<AlertCommand> ackalerts = new ArrayList<>();
  final List<AlertCommand> disablealerts = new ArrayList<>();
  AlertEvery alertEvery;
  AlertAfter alertAfter = AlertAfter.NONE;
  int numAlerts;
  boolean noCompAlerts;
  Duration upalertAfter;
  ExitRange alertExitRange;
  boolean alertsDontCount;
  final Extensions.Builder extensions = new Extensions.Builder();

  PeriodBuilder(String key, String label, TimePeriod when, int line) {
    this.key = key;
    this.label = label;
    this.when = when;
    this.line = line;
  }

  Period build() {
    return new Period(
        key, label, when, alerts, upalerts, startupalerts, ackalerts, disablealerts, alertEvery,
        alertAfter, numAlerts, noCompAlerts, upalertAfter, alertExitRange, alertsDontCount,
        extensions.build(), line);
  }
}
