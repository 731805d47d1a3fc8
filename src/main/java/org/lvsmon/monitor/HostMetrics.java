package org.lvsmon.monitor;

import java.time.Instant;

/**
 * One host's load as a built-in monitor sampled it: the three load averages, the CPU count they are
 * normalised by, and when the sample was taken.
 */
public record HostMetrics(double load1, double load5, double load15, int cpus, Instant sampled) {
  /** The 1-minute load per CPU. */
  public double normalizedLoad1() {
    return cpus > 0 ? load1 / cpus : load1;
  }
}
