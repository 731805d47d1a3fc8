package org.lvsmon.config;

import java.time.Duration;

/**
 * A period's {@code alertafter} settings. mon keeps the three forms in separate fields, so several
 * {@code alertafter} lines combine rather than replace each other; this record keeps that shape. Any
 * field may be null. The decision mon makes from them, in order: {@code consecutive} if set; else the
 * elapsed-time form if only {@code interval} is set; else the window form ({@code windowCount} failures
 * within {@code interval}).
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
