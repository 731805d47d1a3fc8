package org.lvsmon.daemon;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns all engine state. A task that throws is logged and the thread goes on,
 * so one bad event never stops monitoring.
 */
final class EngineThread implements Executor, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EngineThread.class);
  private final ExecutorService thread;

  EngineThread(String name) {
    thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(false);
      return t;
    });
  }

  @Override
  public void execute(Runnable task) {
    if (thread.isShutdown()) {
      return; // shutting down: late monitor results and timer fires are dropped
    }
    thread.execute(() -> {
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        log.error("[engine] event handling failed; monitoring continues", e);
      }
    });
  }

  /** Runs {@code task} on the engine thread and waits for it. */
  void call(Runnable task) throws InterruptedException {
    java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
    execute(() -> {
      try {
        task.run();
        done.complete(null);
      } catch (RuntimeException | Error e) {
        done.completeExceptionally(e);
        throw e;
      }
    });
    try {
      done.get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("engine task failed: " + e.getCause(), e.getCause());
    }
  }

  /**
   * Runs {@code task} on the engine thread and returns its value, waiting at most {@code timeout}: a
   * client request must not hang on an engine that is stuck.
   *
   * @throws IllegalStateException when the task failed, timed out or the engine is shutting down
   */
  <T> T get(java.util.function.Supplier<T> task, java.time.Duration timeout) {
    java.util.concurrent.CompletableFuture<T> done = new java.util.concurrent.CompletableFuture<>();
    if (thread.isShutdown()) {
      throw new IllegalStateException("the engine is shutting down");
    }
    execute(() -> {
      try {
        done.complete(task.get());
      } catch (RuntimeException | Error e) {
        done.completeExceptionally(e);
        throw e;
      }
    });
    try {
      return done.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the engine", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("engine task failed: " + e.getCause(), e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the engine did not answer within " + timeout);
    }
  }

  @Override
  public void close() throws InterruptedException {
    thread.shutdown();
    if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
      thread.shutdownNow();
    }
  }
}
