package org.lvsmon.monitor;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of a {@link ParallelProbes}: named daemon threads ({@code lvsmon-NAME-N}), at most
 * {@code max}, started only when no started thread is idle (a plain {@link ThreadPoolExecutor} with
 * a fixed core size starts a new thread for every task until it has them all, so a pool of 64 would
 * soon hold 64 threads for 3 hosts), ending after {@code idle} without work. Thread-safe.
 */
final class ProbeThreads {
  private final Pool pool;
  private final Set<Thread> live = ConcurrentHashMap.newKeySet();

  ProbeThreads(String name, int max, Duration idle) {
    AtomicInteger n = new AtomicInteger();
    pool = new Pool(max, idle, r -> {
      Thread t = new Thread(() -> {
        try {
          r.run();
        } finally {
          live.remove(Thread.currentThread());
        }
      }, "lvsmon-" + name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      live.add(t);
      return t;
    });
  }

  /** @throws RejectedExecutionException once closed */
  Future<?> submit(Runnable task) {
    return pool.submit(task);
  }

  /**
   * Called by a running task when its work is done and before it reports the result: its thread
   * counts as idle from then on, so that work submitted in reaction to the result does not start a
   * thread of its own.
   */
  void released() {
    pool.released();
  }

  /** Threads alive now, busy or idle. */
  int threads() {
    return pool.getPoolSize();
  }

  /** Stops every thread, interrupting tasks, and waits up to {@code wait} for them to end. */
  void close(Duration wait) {
    pool.shutdownNow();
    long end = System.nanoTime() + wait.toNanos();
    try {
      for (Thread t : List.copyOf(live)) {
        long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
        if (left > 0) {
          t.join(left);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts a thread only when no started one is idle, up to the maximum, then queues (as Tomcat's pool does). */
  private static final class Pool extends ThreadPoolExecutor {
    /** Tasks handed to the pool and not done (queued, given to a new thread, or running). */
    private final AtomicInteger submitted = new AtomicInteger();
    /** Set by a task that released its count itself, so that {@link #afterExecute} does not again. */
    private final ThreadLocal<Boolean> releasedEarly = ThreadLocal.withInitial(() -> false);

    Pool(int max, Duration idle, java.util.concurrent.ThreadFactory threads) {
      this(max, idle, threads, new HandOff());
    }

    private Pool(int max, Duration idle, java.util.concurrent.ThreadFactory threads, HandOff queue) {
      super(0, max, idle.toMillis(), TimeUnit.MILLISECONDS, queue, threads, (r, pool) -> {
        if (pool.isShutdown() || !queue.force(r)) {
          throw new RejectedExecutionException("probe pool is shut down");
        }
      });
      queue.pool = this;
    }

    @Override
    public void execute(Runnable command) {
      submitted.incrementAndGet();
      try {
        super.execute(command);
      } catch (RejectedExecutionException e) {
        submitted.decrementAndGet();
        throw e;
      }
    }

    void released() {
      if (!releasedEarly.get()) {
        releasedEarly.set(true);
        submitted.decrementAndGet();
      }
    }

    @Override
    protected void afterExecute(Runnable r, Throwable t) {
      if (releasedEarly.get()) {
        releasedEarly.set(false);
      } else {
        submitted.decrementAndGet(); // cancelled before it ran, or it never released
      }
    }
  }

  /** Takes a task only when an idle thread will run it or no thread may be added. */
  private static final class HandOff extends LinkedBlockingQueue<Runnable> {
    private static final long serialVersionUID = 1L;
    private transient Pool pool;

    @Override
    public boolean offer(Runnable r) {
      int threads = pool.getPoolSize();
      if (pool.submitted.get() > threads && threads < pool.getMaximumPoolSize()) {
        return false; // no idle thread for it: the executor starts one
      }
      return super.offer(r);
    }

    boolean force(Runnable r) {
      return super.offer(r);
    }
  }
}
