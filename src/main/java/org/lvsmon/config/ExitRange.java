package org.lvsmon.config;

/** An inclusive range of monitor exit values, from {@code exit=N} or {@code exit=N-M}. */
public record ExitRange(int low, int high) {

  /** Whether the monitor exit value {@code retval} lies in the range. */
  public boolean contains(int retval) {
    return retval >= low && retval <= high;
  }

  @Override
  public String toString() {
    return low == high ? Integer.toString(low) : low + "-" + high;
  }
}
