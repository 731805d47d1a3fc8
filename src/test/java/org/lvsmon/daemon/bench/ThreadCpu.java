package org.lvsmon.daemon.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of this JVM: the whole process (from the JVM, nanosecond precise, dead threads included)
 * and each live thread, by its Linux name ({@code /proc/self/task/TID/comm}, cut to 15 characters)
 * and {@code schedstat} run time in nanoseconds. Linux only; a benchmark aid, not thread-safe.
 */
public final class ThreadCpu {
  private final long processNanos;
  private final Map<Long, Sample> threads;

  private record Sample(String name, long nanos) {}

  private ThreadCpu(long processNanos, Map<Long, Sample> threads) {
    this.processNanos = processNanos;
    this.threads = threads;
  }

  /** Takes a snapshot now. */
  public static ThreadCpu now() {
    long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
    Map<Long, Sample> threads = new HashMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        try {
          String name = Files.readString(task.resolve("comm")).strip();
          long nanos = Long.parseLong(Files.readString(task.resolve("schedstat")).split(" ")[0]);
          threads.put(Long.parseLong(task.getFileName().toString()), new Sample(name, nanos));
        } catch (IOException | RuntimeException e) {
          // the thread ended while we looked: its time is still in the process total
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc/self/task: " + e, e);
    }
    return new ThreadCpu(process, threads);
  }

  /** Process CPU nanoseconds since {@code earlier}. */
  public long processNanosSince(ThreadCpu earlier) {
    return processNanos - earlier.processNanos;
  }

  /**
   * CPU nanoseconds since {@code earlier} per thread kind (the name with its trailing number
   * removed), biggest first, plus "(threads gone since)" for time of threads that ended.
   */
  public Map<String, Long> byKindSince(ThreadCpu earlier) {
    Map<String, Long> kinds = new TreeMap<>();
    long accounted = 0;
    for (var e : threads.entrySet()) {
      Sample before = earlier.threads.get(e.getKey());
      long delta = e.getValue().nanos - (before == null ? 0 : before.nanos);
      kinds.merge(kind(e.getValue().name), delta, Long::sum);
      accounted += delta;
    }
    kinds.put("(threads gone since)", Math.max(0, processNanosSince(earlier) - accounted));
    return kinds;
  }

  /** "lvsmon-monitor-17" and "GC Thread#1" become "lvsmon-monitor-*" and "GC Thread#*". */
  static String kind(String name) {
    if (name.matches("lvsmon-[0-9a-f]{8}")) {
      return "quartz scheduler (" + name.substring(0, 7) + "<uuid>_QuartzSchedulerThread)";
    }
    return name.replaceFirst("[0-9]+$", "*");
  }
}
