package org.lvsmon.monitor;

import java.time.Instant;
import java.util.Map;

/**
 * The outcome of one monitor run in mon's terms: the exit value (0 success, anything else failure;
 * a monitor killed by a signal has exit value 0, as in mon) and the whole output, whose first line is
 * the summary (by convention the failing hosts) and the rest the detail. Built-in monitors may add
 * per-host {@code metrics}. {@code started} is when the run began (mon's {@code last_check}).
 */
public record CheckResult(int exitValue, String output, Instant started, Instant finished, Map<String, HostMetrics> metrics) {
  public CheckResult {
    metrics = Map.copyOf(metrics);
  }

  public static CheckResult of(int exitValue, String output, Instant started, Instant finished) {
    return new CheckResult(exitValue, output, started, finished, Map.of());
  }

  public boolean failed() {
    return exitValue != 0;
  }

  /** The text before the first newline (the whole output if there is none). */
  public String summary() {
    int nl = output.indexOf('\n');
    return nl < 0 ? output : output.substring(0, nl);
  }

  /** The text after the first newline, or null when the output has no newline (mon's undef). */
  public String detail() {
    int nl = output.indexOf('\n');
    return nl < 0 ? null : output.substring(nl + 1);
  }
}
