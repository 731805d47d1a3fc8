package org.lvsmon.monitor.exec;

import java.time.Duration;

/** Checking and wording the time limits put on monitor and alert processes. */
public final class Bounds {
  private Bounds() {}

  /** @throws IllegalArgumentException naming {@code what} unless {@code d} is positive */
  public static Duration requirePositive(String what, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, not " + d);
    }
    return d;
  }

  /** A limit as log lines show it: {@code 30s}, {@code 250ms}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }
}
