package org.lvsmon.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Mutable collector for one {@link Service}; keyword handlers set its fields. */
final class ServiceBuilder {
  final String group;
  final String name;
  final int line;
  Duration interval;
  Duration failureInterval;
  MonitorCommand monitor;
  boolean allowEmptyGroup;
  String description = "";
  Set<String> excludeHosts = new LinkedHashSet<>();
  TimePeriod excludePeriod;
  Duration randskew = Duration.ZERO;
  Duration trapTimeout;
  Duration trapDuration;
  Dependency depend;
  Dependency alertDepend;
  Dependency monitorDepend;
  Dependency hostDepend;
  DepBehavior depBehavior;
  Duration depMemory;
  CommandLine redistribute;
  boolean unackSummary;
  final Map<String, String> env = new LinkedHashMap<>();
  final List<PeriodBuilder> periods = new ArrayList<>();
  final Extensions.Builder extensions = new Extensions.Builder();

  ServiceBuilder(String group, String name, int line, GlobalsBuilder defaults) {
    this.group = group;
    this.name = name;
    this.line = line;
    this.depBehavior = defaults.depBehavior;
    this.depMemory = defaults.depMemory;
    this.unackSummary = defaults.unackSummary;
  }

  PeriodBuilder currentPeriod() {
    return periods.isEmpty() ? null : periods.get(periods.size() - 1);
  }

  Service build() {
    return new Service(
        group, name, interval, failureInterval, monitor, allowEmptyGroup, description, excludeHosts,
        excludePeriod, randskew, trapTimeout, trapDuration, depend, alertDepend, monitorDepend,
        hostDepend, depBehavior, depMemory, redistribute, unackSummary, env,
        periods.stream().map(PeriodBuilder::build).toList(), extensions.build(), line);
  }
}
