package org.lvsmon.daemon.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every monitor run of a benchmark, in the order they started: the service, its run number, and
 * when the run was due, when the engine decided to start it and when the monitor started, in epoch
 * microseconds. Preallocated, so recording allocates nothing; runs past the capacity are counted
 * but not kept. {@link #add} may be called from any thread, but never for one service from two
 * threads at once; read the log only after the writers have stopped (e.g. after awaitTermination).
 */
public final class RunLog {
  private final AtomicInteger count = new AtomicInteger();
  private final int[] service;
  private final int[] k;
  private final long[] due;
  private final long[] decided;
  private final long[] started;
  private final int[] perService;
  private final long[] firstDecided;

  /** What the runs that started inside a window show. */
  public record Window(Distribution lateness, Distribution decidedLate, Distribution dispatch, int offGrid) {}

  public RunLog(int capacity, int services) {
    service = new int[capacity];
    k = new int[capacity];
    due = new long[capacity];
    decided = new long[capacity];
    started = new long[capacity];
    perService = new int[services];
    firstDecided = new long[services];
  }

  public void add(int s, Instant dueAt, Instant decidedAt, Instant startedAt) {
    int i = count.getAndIncrement();
    if (i >= service.length) {
      return;
    }
    int n = perService[s]++;
    if (n == 0) {
      firstDecided[s] = micros(decidedAt);
    }
    service[i] = s;
    k[i] = n;
    due[i] = micros(dueAt);
    decided[i] = micros(decidedAt);
    started[i] = micros(startedAt);
  }

  /**
   * The runs that started in [{@code from}, {@code to}) (epoch µs): lateness (start - due), its part
   * before the engine decided (decided - due) and the hand-off to a worker (start - decided), and how
   * many due times were not on the service's fixed-rate grid, its first run's decision time + k ×
   * {@code intervalMicros}.
   */
  public Window window(long from, long to, long intervalMicros) {
    int total = Math.min(count.get(), service.length);
    long[] lateness = new long[total];
    long[] decidedLate = new long[total];
    long[] dispatch = new long[total];
    int m = 0;
    int offGrid = 0;
    for (int i = 0; i < total; i++) {
      if (started[i] < from || started[i] >= to) {
        continue;
      }
      lateness[m] = started[i] - due[i];
      decidedLate[m] = decided[i] - due[i];
      dispatch[m] = started[i] - decided[i];
      m++;
      if (k[i] > 0 && due[i] != firstDecided[service[i]] + k[i] * intervalMicros) {
        offGrid++;
      }
    }
    return new Window(new Distribution(lateness, m), new Distribution(decidedLate, m), new Distribution(dispatch, m), offGrid);
  }

  /** Writes every kept run as CSV: service, run number, due, decided, started (epoch µs). */
  public void dump(Path file) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      out.write("service,k,due,decided,started\n");
      for (int i = 0; i < Math.min(count.get(), service.length); i++) {
        out.write(service[i] + "," + k[i] + "," + due[i] + "," + decided[i] + "," + started[i] + "\n");
      }
    }
  }

  public static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
  }
}
