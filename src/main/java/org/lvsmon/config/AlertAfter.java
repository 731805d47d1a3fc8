package org.lvsmon.config;

import java.time.Duration;

/**
 * A period's {@code alertafter} settings. mon keeps the three forms in separate fields, so several
 * {@code alertafter} lines combine rather than replace each other; this record keeps that shape. Any
 * field may be null. mon checks {@code consecutive} first when set; whether or not it passes, the time
 * form (only {@code interval} set) or the window form ({@code windowCount} failures within {@code
 * interval}) is then checked too (see {@code org.lvsmon.service}).
 */
public record AlertAfter(Integer consecutive, Integer windowCount, Duration interval) {
  public static final AlertAfter NONE = new AlertAfter(null, null, null);

  public boolean isNone() {
    return consecutive == null && windowCount == null && interval == null;
  }

  AlertAfter withConsecutive(int n) {
    return new AlertAfter(n, windowCount, interval);
  }

  AlertAfter withInterval(Duration t) {
    return new AlertAfter(consecutive, windowCount, t);
  }

  AlertAfter withWindow(int n, Duration t) {
    return new AlertAfter(consecutive, n, t);
  }
}
