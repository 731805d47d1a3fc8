package org.lvsmon.daemon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The whole machine's CPU time from the first line of {@code /proc/stat}, in clock ticks, so a
 * benchmark can say how busy the machine was around it (lateness suffers when other processes
 * keep the cores busy). Linux only; immutable.
 */
public record MachineCpu(long busy, long total) {

  /** Takes a snapshot now. */
  public static MachineCpu now() {
    try {
      String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
      long[] t = Arrays.stream(cpu.substring(3).trim().split("\\s+")).limit(8).mapToLong(Long::parseLong).toArray();
      long idle = t[3] + t[4]; // idle + iowait
      long total = Arrays.stream(t).sum();
      return new MachineCpu(total - idle, total);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot read the machine's CPU times from /proc/stat: " + e, e);
    }
  }

  /** Share of all cores busy since {@code earlier}, 0..1. */
  public double busySince(MachineCpu earlier) {
    long dt = total - earlier.total;
    return dt <= 0 ? 0 : (double) (busy - earlier.busy) / dt;
  }
}
