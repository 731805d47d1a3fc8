package org.lvsmon.monitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Probes many hosts at once on a bounded pool of named daemon threads, each probe within a deadline
 * of its own that starts when the probe starts (so hosts queued behind a full pool still get their
 * whole time). At a host's deadline the coordinator (the caller of {@link #run}) closes the
 * resources the probe registered ({@link ProbeContext#closeOnExpiry}), which makes a blocked socket
 * call fail at once; a probe that still has not returned a grace period later (stuck in a name
 * lookup, which nothing can interrupt) is given up and reported through {@link Probe#unfinished}.
 * Threads start only as needed and end after a while without work, so an unused instance holds
 * none; {@link #close} ends them at once.
 *
 * <p>Deadlines run on {@link System#nanoTime}: they bound real sockets, which no injected clock can
 * speed up. Thread-safe; several runs may share the pool.
 */
public final class ParallelProbes implements AutoCloseable {
  /** The threads per instance unless told otherwise. */
  public static final int DEFAULT_THREADS = 64;
  /** How long a probe has to return after its resources were closed at its deadline. */
  public static final Duration DEFAULT_GRACE = Duration.ofMillis(500);
  private static final Duration IDLE = Duration.ofSeconds(30);

  /** What a run does for one host. */
  public interface Probe<R> {
    /** Probes {@code host}; may block, must give up when {@code ctx} expires (its sockets are closed then). */
    R check(String host, ProbeContext ctx) throws InterruptedException;

    /**
     * The result for a host whose {@link #check} gave none: it threw {@code crash}, or (crash null)
     * it did not return by its deadline plus the grace, or never started before the run's cap. {@link
     * ProbeContext#phase} says how far it got.
     */
    R unfinished(String host, ProbeContext ctx, Throwable crash);
  }

  private final String name;
  private final int maxThreads;
  private final Duration grace;
  private final ProbeThreads threads;

  /** A pool named {@code lvsmon-NAME-N} of at most {@code maxThreads} threads. */
  public ParallelProbes(String name, int maxThreads) {
    this(name, maxThreads, DEFAULT_GRACE, IDLE);
  }

  ParallelProbes(String name, int maxThreads, Duration grace, Duration idle) {
    if (maxThreads < 1 || maxThreads > 1024) {
      throw new IllegalArgumentException("probe threads of " + name + " must be 1..1024, not " + maxThreads);
    }
    this.name = name;
    this.maxThreads = maxThreads;
    this.grace = grace;
    this.threads = new ProbeThreads(name, maxThreads, idle);
  }

  /** The pool's name, which its threads' names start with ({@code lvsmon-NAME-}). */
  public String name() {
    return name;
  }

  public int maxThreads() {
    return maxThreads;
  }

  /** Threads alive in the pool now (busy or idle). */
  public int threads() {
    return threads.threads();
  }

  /**
   * Probes every host, each within {@code limit} of its start, and returns the results in the order
   * of {@code hosts}. {@code cap}, when not null, bounds the whole run: hosts not finished by then get
   * {@link Probe#unfinished}. Interrupting the caller expires every probe and throws.
   *
   * @throws IllegalStateException when the instance is closed
   */
  public <R> List<R> run(List<String> hosts, Duration limit, Probe<R> probe, Duration cap) throws InterruptedException {
    if (limit.isNegative() || limit.isZero()) {
      throw new IllegalArgumentException("per-host probe limit of " + name + " must be positive, not " + limit);
    }
    long start = System.nanoTime();
    BlockingQueue<ProbeContext> events = new LinkedBlockingQueue<>();
    List<Slot<R>> slots = new ArrayList<>(hosts.size());
    try {
      for (String host : hosts) {
        ProbeContext ctx = new ProbeContext(host, limit, events);
        slots.add(new Slot<>(ctx, threads.submit(() -> runOne(host, ctx, probe))));
      }
    } catch (RejectedExecutionException e) {
      slots.forEach(s -> s.future.cancel(true));
      throw new IllegalStateException("probe pool " + name + " is closed", e);
    }
    try {
      await(slots, probe, cap == null ? null : start + cap.toNanos(), events);
    } catch (InterruptedException e) {
      long now = System.nanoTime();
      for (Slot<R> s : slots) {
        if (!s.done) {
          s.ctx.expire(now);
          s.future.cancel(true);
        }
      }
      throw e;
    }
    List<R> results = new ArrayList<>(slots.size());
    slots.forEach(s -> results.add(s.result));
    return results;
  }

  /** One host of a run, as the coordinator sees it. */
  private static final class Slot<R> {
    final ProbeContext ctx;
    final Future<?> future;
    boolean done;
    R result;

    Slot(ProbeContext ctx, Future<?> future) {
      this.ctx = ctx;
      this.future = future;
    }

    void finish(R r) {
      result = r;
      done = true;
    }
  }

  private <R> void runOne(String host, ProbeContext ctx, Probe<R> probe) {
    ctx.begin();
    Object value = null;
    Throwable crash = null;
    try {
      value = probe.check(host, ctx);
    } catch (InterruptedException e) {
      crash = e;
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      crash = e;
    } finally {
      threads.released();
    }
    ctx.finish(value, crash);
  }

  private <R> void await(List<Slot<R>> slots, Probe<R> probe, Long capAt, BlockingQueue<ProbeContext> events)
      throws InterruptedException {
    int left = slots.size();
    while (left > 0) {
      // cleared before the scan: a probe that starts or finishes during the scan leaves an event that ends the wait
      events.clear();
      long now = System.nanoTime();
      if (capAt != null && now - capAt >= 0) {
        endAtCap(slots, probe, now);
        return;
      }
      long wake = capAt == null ? Long.MAX_VALUE : capAt - now;
      for (Slot<R> s : slots) {
        if (!s.done) {
          wake = Math.min(wake, step(s, probe, now));
          left -= s.done ? 1 : 0;
        }
      }
      if (left > 0 && wake > 0) {
        events.poll(wake, TimeUnit.NANOSECONDS);
      }
    }
  }

  /**
   * Moves one slot on: takes its result, expires it at its deadline, or gives it up after the grace.
   * Returns nanoseconds until it needs looking at again ({@link Long#MAX_VALUE}: only an event can change it).
   */
  @SuppressWarnings("unchecked")
  private <R> long step(Slot<R> s, Probe<R> probe, long now) {
    ProbeContext ctx = s.ctx;
    if (ctx.finished()) {
      s.finish(ctx.crash() == null ? (R) ctx.result() : probe.unfinished(ctx.host(), ctx, ctx.crash()));
      return Long.MAX_VALUE;
    }
    if (!ctx.started()) {
      return Long.MAX_VALUE;
    }
    if (!ctx.expiredByCoordinator() && now - ctx.deadlineNanos() >= 0) {
      ctx.expire(now);
    }
    if (!ctx.expiredByCoordinator()) {
      return ctx.deadlineNanos() - now;
    }
    long giveUp = ctx.expiredAtNanos() + grace.toNanos();
    if (now - giveUp < 0) {
      return giveUp - now;
    }
    s.future.cancel(true);
    s.finish(probe.unfinished(ctx.host(), ctx, null));
    return Long.MAX_VALUE;
  }

  @SuppressWarnings("unchecked")
  private <R> void endAtCap(List<Slot<R>> slots, Probe<R> probe, long now) {
    // cancel first, so that no queued probe starts on a thread freed by expiring another
    for (Slot<R> s : slots) {
      if (!s.done && !s.ctx.finished()) {
        s.future.cancel(false);
      }
    }
    for (Slot<R> s : slots) {
      if (s.done) {
        continue;
      }
      ProbeContext ctx = s.ctx;
      if (ctx.finished()) {
        s.finish(ctx.crash() == null ? (R) ctx.result() : probe.unfinished(ctx.host(), ctx, ctx.crash()));
      } else {
        ctx.expire(now);
        s.finish(probe.unfinished(ctx.host(), ctx, null));
      }
    }
  }

  /**
   * Stops the threads now and waits up to twice the grace for them to end (a thread stuck in a name
   * lookup may outlive that; it ends when the lookup does); a run in progress then fails. Idempotent.
   */
  @Override
  public void close() {
    threads.close(grace.multipliedBy(2));
  }
}
