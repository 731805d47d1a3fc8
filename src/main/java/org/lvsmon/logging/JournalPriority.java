package org.lvsmon.logging;

import ch.qos.logback.classic.Level;

/**
 * The syslog priority journald gives a line that starts with {@code <N>} (systemd's {@code
 * SyslogLevelPrefix=}, on by default): error 3, warning 4, info 6, debug 7.
 */
public final class JournalPriority {
  private JournalPriority() {}

  /** The syslog priority of a logback level; TRACE and anything finer count as debug. */
  public static int of(Level level) {
    if (level.isGreaterOrEqual(Level.ERROR)) {
      return 3;
    }
    if (level.isGreaterOrEqual(Level.WARN)) {
      return 4;
    }
    if (level.isGreaterOrEqual(Level.INFO)) {
      return 6;
    }
    return 7;
  }

  /**
   * {@code text} with {@code <N>} in front of each of its lines, so a stack trace or a multi-line
   * message keeps its priority on every line journald stores. Line ends are kept as they are.
   */
  public static String prefixLines(Level level, String text) {
    String prefix = "<" + of(level) + ">";
    StringBuilder out = new StringBuilder(text.length() + 16);
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl + 1;
      out.append(prefix).append(text, start, end);
      start = end;
    }
    return out.toString();
  }
}
