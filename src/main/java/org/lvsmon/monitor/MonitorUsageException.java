package org.lvsmon.monitor;

/**
 * A built-in monitor was given arguments it cannot use (an unknown flag, a bad value, a missing
 * identity file). The monitor reports it as a failed run with exit value {@value #EXIT_VALUE} and
 * the message as its summary, so a broken {@code monitor} line is loud, not silently ignored.
 */
public class MonitorUsageException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The exit value of a run stopped by a usage error, as getopt-style programs use it. */
  public static final int EXIT_VALUE = 2;

  public MonitorUsageException(String message) {
    super(message);
  }

  public MonitorUsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
