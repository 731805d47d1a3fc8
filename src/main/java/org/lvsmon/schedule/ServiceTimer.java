package org.lvsmon.schedule;

import java.time.Duration;
import java.time.Instant;

/**
 * When one service's monitor runs next, by mon's timer rules (reference 3.1): the first run is one
 * interval after start (or a random offset under {@code randstart}); at the start of each run the
 * nominal next check advances by one interval from the previous nominal one, so runs are fixed-rate
 * while monitors are quick; when a run ends, the next one is due at that nominal time, or a full
 * interval after the end if the run overran it; with {@code randskew} the next run is instead one
 * interval ± a random 1..randskew seconds after the end. Immutable and pure: callers pass the time and
 * any random offsets.
 */
public record ServiceTimer(Instant due, Instant nextCheck) {

  /** The timer at daemon start or reset: due one interval from now, or at {@code now + randstartOffset}. */
  public static ServiceTimer atStart(Instant now, Duration interval, Duration randstartOffset) {
    return new ServiceTimer(now.plus(randstartOffset != null ? randstartOffset : interval), null);
  }

  public boolean isDue(Instant now) {
    return !now.isBefore(due);
  }

  /** A run starts now: advance the nominal next check by one interval (mon's {@code _next_check}). */
  public ServiceTimer runStarted(Instant now, Duration interval) {
    Instant next = nextCheck == null ? now.plus(interval) : nextCheck.plus(interval);
    return new ServiceTimer(due, next);
  }

  /**
   * A run ended now. {@code skewSeconds} is the random skew to apply (non-zero only when the service has
   * {@code randskew}; mon draws ±1..randskew whole seconds).
   */
  public ServiceTimer runFinished(Instant now, Duration interval, long skewSeconds) {
    if (skewSeconds != 0) {
      return new ServiceTimer(now.plus(interval).plusSeconds(skewSeconds), nextCheck);
    }
    if (nextCheck != null && !nextCheck.isBefore(now)) {
      return new ServiceTimer(nextCheck, nextCheck);
    }
    return new ServiceTimer(now.plus(interval), nextCheck);
  }

  /**
   * The interval changed (switch to or from {@code failure_interval}): mon forgets the nominal
   * schedule so the next run is a full new interval after this one ends.
   */
  public ServiceTimer intervalChanged() {
    return new ServiceTimer(due, null);
  }

  /** {@code test monitor} or {@code clear timers}: due right now, nominal schedule forgotten. */
  public ServiceTimer dueNow(Instant now) {
    return new ServiceTimer(now, null);
  }

  /** Seconds until due, never negative: mon's {@code timer} field in {@code list opstatus}. */
  public long secondsUntilDue(Instant now) {
    return Math.max(0, Duration.between(now, due).toSeconds());
  }

  /** A random skew as mon draws it: ±(1..randskew) whole seconds, 0 when randskew is zero. */
  public static long skew(Duration randskew, java.util.random.RandomGenerator random) {
    long max = randskew.toSeconds();
    if (max <= 0) {
      return 0;
    }
    long magnitude = 1 + random.nextLong(max);
    return random.nextBoolean() ? magnitude : -magnitude;
  }
}
