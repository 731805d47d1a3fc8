package org.lvsmon.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One host as a load monitor found it: its {@link HostState}; when {@code UP}, the three load
 * averages, the CPU count they are normalised by and how long the sample took ({@code latency});
 * when the sample was taken or given up ({@code sampled}); and, unless {@code UP}, why ({@code
 * reason}, the text of the host's detail line). Load figures are NaN and {@code cpus} 0 unless
 * {@code UP}.
 */
public record HostMetrics(HostState state, double load1, double load5, double load15, int cpus, Instant sampled,
    Duration latency, String reason) {
  public HostMetrics {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(sampled, "sampled");
    reason = reason == null ? "" : reason;
  }

  public static HostMetrics up(double load1, double load5, double load15, int cpus, Instant sampled, Duration latency) {
    return new HostMetrics(HostState.UP, load1, load5, load15, cpus, sampled, latency, "");
  }

  public static HostMetrics notUp(HostState state, Instant at, String reason) {
    if (state == HostState.UP) {
      throw new IllegalArgumentException("an UP host has load figures");
    }
    return new HostMetrics(state, Double.NaN, Double.NaN, Double.NaN, 0, at, null, reason);
  }

  /** The 1-minute load per CPU (NaN unless {@code UP}). */
  public double normalizedLoad1() {
    return cpus > 0 ? load1 / cpus : load1;
  }
}
