package org.lvsmon.daemon.bench;

import java.util.Arrays;
import java.util.Locale;

/** Percentiles of a set of durations given in microseconds (nearest-rank). Immutable. */
public final class Distribution {
  private final long[] sorted;

  public Distribution(long[] micros, int count) {
    sorted = Arrays.copyOf(micros, count);
    Arrays.sort(sorted);
  }

  public int count() {
    return sorted.length;
  }

  /** The {@code p}-th percentile (0 &lt; p &lt;= 100) in microseconds; 0 when empty. */
  public long percentile(double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  public long min() {
    return sorted.length == 0 ? 0 : sorted[0];
  }

  public long max() {
    return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
  }

  /** "p50 1.23 ms  p99 4.56 ms  p99.9 … max …" */
  public String summary() {
    return String.format(Locale.ROOT, "p50 %8s  p99 %8s  p99.9 %8s  max %8s  (min %s, n=%d)",
        ms(percentile(50)), ms(percentile(99)), ms(percentile(99.9)), ms(max()), ms(min()), count());
  }

  static String ms(long micros) {
    return String.format(Locale.ROOT, "%.2f ms", micros / 1000.0);
  }
}
