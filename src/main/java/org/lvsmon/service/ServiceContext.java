package org.lvsmon.service;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What the state machine needs to know but may not find out itself, gathered by the daemon just
 * before it applies an event.
 *
 * @param schedulerStopped the scheduler is stopped ({@code stop}, {@code -S}): every alert is dropped
 * @param watchDisabled the service's watch is disabled
 * @param serviceDisabled the service is disabled
 * @param dependency the {@code depend} expression evaluated now for {@code dep_behavior a} (see
 *     {@link DependencyEvaluator#check}); null for "no decision", which keeps the previous status
 * @param hosts the group's enabled hosts in config order, for the alerts' {@code -h}
 * @param zone the zone periods are read in (mon's local time)
 * @param alertExists whether an alert name resolves to a program on the alert path; mon counts an
 *     alert as sent only then
 * @param daemonStart when the daemon started; the downtime log uses it for an outage of unknown start
 */
public record ServiceContext(
    boolean schedulerStopped,
    boolean watchDisabled,
    boolean serviceDisabled,
    Boolean dependency,
    List<String> hosts,
    ZoneId zone,
    Predicate<String> alertExists,
    Instant daemonStart) {

  public ServiceContext {
    hosts = List.copyOf(hosts);
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(alertExists, "alertExists");
    Objects.requireNonNull(daemonStart, "daemonStart");
  }

  /** A running scheduler, nothing disabled, no dependency evaluated. */
  public static ServiceContext running(
      List<String> hosts, ZoneId zone, Predicate<String> alertExists, Instant daemonStart) {
    return new ServiceContext(false, false, false, null, hosts, zone, alertExists, daemonStart);
  }

  public ServiceContext withSchedulerStopped(boolean stopped) {
    return new ServiceContext(stopped, watchDisabled, serviceDisabled, dependency, hosts, zone,
        alertExists, daemonStart);
  }

  public ServiceContext withWatchDisabled(boolean disabled) {
    return new ServiceContext(schedulerStopped, disabled, serviceDisabled, dependency, hosts, zone,
        alertExists, daemonStart);
  }

  public ServiceContext withServiceDisabled(boolean disabled) {
    return new ServiceContext(schedulerStopped, watchDisabled, disabled, dependency, hosts, zone,
        alertExists, daemonStart);
  }

  public ServiceContext withDependency(Boolean result) {
    return new ServiceContext(schedulerStopped, watchDisabled, serviceDisabled, result, hosts, zone,
        alertExists, daemonStart);
  }
}
