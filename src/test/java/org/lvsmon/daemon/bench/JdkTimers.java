package org.lvsmon.daemon.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.lvsmon.config.ServiceRef;
import org.lvsmon.schedule.DueListener;
import org.lvsmon.schedule.Timers;

/**
 * The benchmark's comparison point for {@code QuartzTimers}: the same one-shot, re-armable
 * per-service wake-ups on one JDK {@link ScheduledThreadPoolExecutor} thread. Its delay queue waits
 * on {@code System.nanoTime}, so a wake-up never comes before the instant armed for. Thread-safe.
 */
public final class JdkTimers implements Timers, AutoCloseable {
  private final Clock clock;
  private final DueListener listener;
  private final ScheduledThreadPoolExecutor executor;
  private final Map<ServiceRef, ScheduledFuture<?>> armed = new ConcurrentHashMap<>();

  public JdkTimers(String name, Clock clock, DueListener listener) {
    this.clock = clock;
    this.listener = listener;
    this.executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, name + "-timer");
      t.setDaemon(true);
      return t;
    });
    executor.setRemoveOnCancelPolicy(true);
  }

  @Override
  public void fireAt(ServiceRef service, Instant when) {
    long delay = Math.max(0, Duration.between(clock.instant(), when).toNanos());
    ScheduledFuture<?> next = executor.schedule(() -> listener.due(service), delay, TimeUnit.NANOSECONDS);
    ScheduledFuture<?> previous = armed.put(service, next);
    if (previous != null) {
      previous.cancel(false);
    }
  }

  @Override
  public void cancel(ServiceRef service) {
    ScheduledFuture<?> previous = armed.remove(service);
    if (previous != null) {
      previous.cancel(false);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
