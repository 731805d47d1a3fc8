package org.lvsmon.daemon.bench;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.lvsmon.config.ServiceRef;

/**
 * Timer activity of a benchmark: how often timers are armed, and each fire's time against the
 * instant its timer was armed for (negative: it fired early). Preallocated; fires past the capacity
 * are counted but not kept. Thread-safe to write; read after the writers have stopped.
 */
public final class FireLog {
  private final Map<ServiceRef, Instant> armedFor = new ConcurrentHashMap<>();
  private final AtomicLong armed = new AtomicLong();
  private final AtomicInteger count = new AtomicInteger();
  private final long[] fired;
  private final long[] late;

  /** What the fires inside a window show. */
  public record Window(Distribution late, int fires, int early) {}

  public FireLog(int capacity) {
    fired = new long[capacity];
    late = new long[capacity];
  }

  /** A timer was armed for {@code when}. */
  public void armed(ServiceRef ref, Instant when) {
    armed.incrementAndGet();
    armedFor.put(ref, when);
  }

  /** How many times timers were armed so far. */
  public long armedCount() {
    return armed.get();
  }

  /** A timer fired {@code now}. */
  public void fired(ServiceRef ref, Instant now) {
    Instant when = armedFor.get(ref);
    int i = count.getAndIncrement();
    if (when != null && i < fired.length) {
      fired[i] = RunLog.micros(now);
      late[i] = RunLog.micros(now) - RunLog.micros(when);
    }
  }

  /** The fires in [{@code from}, {@code to}) (epoch µs). */
  public Window window(long from, long to) {
    int n = Math.min(count.get(), fired.length);
    long[] lateIn = new long[n];
    int f = 0;
    int early = 0;
    for (int i = 0; i < n; i++) {
      if (fired[i] >= from && fired[i] < to) {
        lateIn[f++] = late[i];
        early += late[i] < 0 ? 1 : 0;
      }
    }
    return new Window(new Distribution(lateIn, f), f, early);
  }
}
