package org.lvsmon.monitor.ssh;

/**
 * Parses what a node says about its load: a line as {@code /proc/loadavg} has it ({@code L1 L5 L15},
 * optionally {@code R/T LASTPID}), followed by the node's CPUs, either a count ({@code 8}) or the
 * kernel's CPU list as in {@code /sys/devices/system/cpu/online} ({@code 0-7}, {@code 0,2-5}). A
 * lone number is a count, except {@code 0}, the list of a one-CPU node.
 * Stateless; every method is a pure function of its text.
 */
public final class LoadLine {
  /** Load figures of a line. */
  public record Load(double load1, double load5, double load15, int cpus) {}

  /** The highest CPU count believed; anything above is garbage. */
  static final int MAX_CPUS = 1 << 16;
  /** The highest load average believed. */
  static final double MAX_LOAD = 1e6;

  private LoadLine() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming what is wrong, with the text quoted
   */
  public static Load parse(String text) {
    String[] f = text.strip().split("\\s+");
    if (f.length < 4) {
      throw bad(text, "expected 'L1 L5 L15 [R/T PID] CPUS'");
    }
    double l1 = load(f[0], text);
    double l5 = load(f[1], text);
    double l15 = load(f[2], text);
    int next = 3;
    if (f[3].indexOf('/') >= 0) {
      if (f.length < 6) {
        throw bad(text, "expected 'L1 L5 L15 R/T PID CPUS'");
      }
      next = 5;
    }
    if (f.length != next + 1) {
      throw bad(text, "expected the CPUs last, as one word");
    }
    return new Load(l1, l5, l15, cpus(f[next], text));
  }

  private static double load(String s, String text) {
    double v;
    try {
      v = Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw bad(text, "'" + s + "' is not a load average");
    }
    if (!(v >= 0 && v <= MAX_LOAD) || s.chars().anyMatch(c -> !(c >= '0' && c <= '9' || c == '.'))) {
      throw bad(text, "'" + s + "' is not a load average");
    }
    return v;
  }

  /** A CPU count ({@code 8}) or CPU list ({@code 0-3,8,10-11}): how many CPUs. */
  static int cpus(String s, String text) {
    if (s.indexOf('-') < 0 && s.indexOf(',') < 0) {
      // a lone number is a count, except "0": the CPU list of a one-CPU node
      int n = parseInt(s, text);
      if (n > MAX_CPUS) {
        throw bad(text, "CPU count " + s + " out of range");
      }
      return Math.max(1, n);
    }
    int count = 0;
    for (String part : s.split(",", -1)) {
      int dash = part.indexOf('-');
      int lo;
      int hi;
      if (dash < 0) {
        lo = parseInt(part, text);
        hi = lo;
      } else {
        lo = parseInt(part.substring(0, dash), text);
        hi = parseInt(part.substring(dash + 1), text);
      }
      if (hi < lo || hi >= MAX_CPUS) {
        throw bad(text, "bad CPU list '" + s + "'");
      }
      count += hi - lo + 1;
      if (count > MAX_CPUS) {
        throw bad(text, "bad CPU list '" + s + "'");
      }
    }
    return count;
  }

  private static int parseInt(String s, String text) {
    if (s.isEmpty() || s.length() > 6 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw bad(text, "'" + s + "' is not a CPU count or list");
    }
    return Integer.parseInt(s);
  }

  private static IllegalArgumentException bad(String text, String why) {
    return new IllegalArgumentException("bad load line " + SshBanner.quote(text) + ": " + why);
  }
}
