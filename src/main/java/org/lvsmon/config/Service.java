package org.lvsmon.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@code service} of a watch, with every service-level keyword typed. Nullable: {@code interval}
 * (a trap-only service has none), {@code failureInterval}, {@code monitor}, {@code description} is
 * never null (empty when unset), {@code excludePeriod}, {@code trapTimeout}, {@code trapDuration},
 * {@code randskew} (zero when unset), the four dependencies, {@code depMemory}, {@code redistribute}.
 * {@code env} keeps the {@code VAR=value} lines in config order.
 */
public record Service(
    String group,
    String name,
    Duration interval,
    Duration failureInterval,
    MonitorCommand monitor,
    boolean allowEmptyGroup,
    String description,
    Set<String> excludeHosts,
    TimePeriod excludePeriod,
    Duration randskew,
    Duration trapTimeout,
    Duration trapDuration,
    Dependency depend,
    Dependency alertDepend,
    Dependency monitorDepend,
    Dependency hostDepend,
    DepBehavior depBehavior,
    Duration depMemory,
    CommandLine redistribute,
    boolean unackSummary,
    Map<String, String> env,
    List<Period> periods,
    Extensions extensions,
    int line) {
  public Service {
    excludeHosts = Collections.unmodifiableSet(new LinkedHashSet<>(excludeHosts));
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    periods = List.copyOf(periods);
  }

  public ServiceRef ref() {
    return new ServiceRef(group, name);
  }

  /** Whether any period has an {@code upalert}, which mon needs before it considers one. */
  public boolean hasUpalert() {
    return periods.stream().anyMatch(p -> !p.upalerts().isEmpty());
  }
}
