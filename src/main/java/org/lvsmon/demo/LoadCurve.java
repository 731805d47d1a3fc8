package org.lvsmon.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;

/**
 * One simulated node's scripted load, as its {@code /proc/loadavg} would show it: a 1-minute load
 * that moves in a straight line to the level the script last asked for, plus a small steady wobble
 * so the figures look alive; the 5- and 15-minute loads follow it as the kernel's exponential
 * averages do. Thread-safe.
 */
final class LoadCurve {
  private static final double WOBBLE = 0.08;
  private static final Duration WOBBLE_PERIOD = Duration.ofSeconds(17);

  private final InstantSource clock;
  private final int cpus;
  private final double phase;
  private double from;
  private double to;
  private Instant rampStart;
  private Duration rampLength = Duration.ZERO;
  private double load5;
  private double load15;
  private Instant averaged;
  private long lastPid = 4000;

  /** A curve at {@code load} (1-minute load, not per CPU) on {@code cpus} CPUs; {@code phase} shifts the wobble. */
  LoadCurve(InstantSource clock, int cpus, double load, double phase) {
    this.clock = clock;
    this.cpus = cpus;
    this.phase = phase;
    this.from = load;
    this.to = load;
    this.rampStart = clock.instant();
    this.load5 = load;
    this.load15 = load;
    this.averaged = rampStart;
  }

  int cpus() {
    return cpus;
  }

  /** From now, moves the 1-minute load in a straight line to {@code load} over {@code over}. */
  synchronized void rampTo(double load, Duration over) {
    from = load1(clock.instant());
    to = load;
    rampStart = clock.instant();
    rampLength = over;
  }

  /** The 1-minute load now. */
  synchronized double load1() {
    return load1(clock.instant());
  }

  private double load1(Instant now) {
    double f = rampLength.isZero() ? 1 : Math.min(1, Math.max(0,
        (double) Duration.between(rampStart, now).toMillis() / rampLength.toMillis()));
    double level = from + (to - from) * f;
    double wobble = WOBBLE * Math.sin(2 * Math.PI * now.toEpochMilli() / WOBBLE_PERIOD.toMillis() + phase);
    return Math.max(0, level * (1 + wobble));
  }

  /**
   * The line {@code /proc/loadavg} would hold now ({@code L1 L5 L15 R/T LASTPID}); each call is a
   * read, which moves the 5- and 15-minute averages on.
   */
  synchronized String loadavg() {
    Instant now = clock.instant();
    double l1 = load1(now);
    double dt = Math.max(0, Duration.between(averaged, now).toMillis() / 1000.0);
    load5 += (l1 - load5) * (1 - Math.exp(-dt / 300));
    load15 += (l1 - load15) * (1 - Math.exp(-dt / 900));
    averaged = now;
    lastPid += 3;
    int running = 1 + (int) Math.round(l1);
    return String.format(Locale.ROOT, "%.2f %.2f %.2f %d/%d %d", l1, load5, load15, running, 180 + running, lastPid);
  }

  /** {@code /sys/devices/system/cpu/online}: the kernel's list of the node's CPUs, such as {@code 0-3}. */
  String cpusOnline() {
    return cpus == 1 ? "0" : "0-" + (cpus - 1);
  }
}
