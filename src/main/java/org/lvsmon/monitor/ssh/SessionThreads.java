package org.lvsmon.monitor.ssh;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The thread factory of one JSch session (JSch starts one reader thread per connected session): it
 * names the threads, makes them daemons and remembers them, so that closing the session can wait
 * for them to end and no thread outlives its session. Thread-safe.
 */
final class SessionThreads implements ThreadFactory {
  private final String name;
  private final List<Thread> threads = new ArrayList<>();

  SessionThreads(String name) {
    this.name = name;
  }

  @Override
  public synchronized Thread newThread(Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    threads.add(t);
    return t;
  }

  /** Waits up to {@code max} in all for the threads to end; true when none is alive. */
  boolean join(Duration max) {
    List<Thread> copy;
    synchronized (this) {
      copy = new ArrayList<>(threads);
    }
    long end = System.nanoTime() + max.toNanos();
    try {
      for (Thread t : copy) {
        long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
        if (left > 0 && t != Thread.currentThread()) {
          t.join(left);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return copy.stream().noneMatch(Thread::isAlive);
  }
}
