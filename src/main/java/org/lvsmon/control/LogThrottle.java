package org.lvsmon.control;

/**
 * At most one log line per interval for one kind of event that clients can repeat at will (refused
 * connections, over-long lines): the events in between are only counted, and the count goes out
 * with the next line. Time is passed in ({@code System.nanoTime} values), so tests need no clock.
 * Not thread-safe.
 */
final class LogThrottle {
  private final long intervalNanos;
  private boolean logged;
  private long nextNanos;
  private int suppressed;

  LogThrottle(long intervalNanos) {
    this.intervalNanos = intervalNanos;
  }

  /**
   * Whether to log the event happening at {@code nowNanos}: -1 to stay quiet, else how many events
   * went unlogged since the last line.
   */
  int admit(long nowNanos) {
    if (logged && nowNanos - nextNanos < 0) {
      suppressed++;
      return -1;
    }
    logged = true;
    nextNanos = nowNanos + intervalNanos;
    int n = suppressed;
    suppressed = 0;
    return n;
  }

  /** {@code ""}, or {@code " (N more like it not logged)"} for a count from {@link #admit}. */
  static String more(int suppressed) {
    return suppressed > 0 ? " (" + suppressed + " more like it not logged)" : "";
  }
}
