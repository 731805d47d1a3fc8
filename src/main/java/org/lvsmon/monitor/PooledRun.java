package org.lvsmon.monitor;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A blocking {@link Monitor#run} on a worker of a pool, as a {@link MonitorRun}: {@link #stop}
 * interrupts the worker (or drops a run not begun yet), and the run's {@link InterruptedException}
 * becomes a cancellation. For in-process monitors, whose checks block a thread anyway.
 */
final class PooledRun implements MonitorRun {
  private final CompletableFuture<CheckResult> result = new CompletableFuture<>();
  private final AtomicBoolean claimed = new AtomicBoolean(); // by the worker that runs it, or by stop
  private final Future<?> task;

  PooledRun(Monitor monitor, MonitorRequest request, ExecutorService workers) {
    this.task = workers.submit(() -> {
      if (!claimed.compareAndSet(false, true)) {
        return;
      }
      try {
        result.complete(monitor.run(request));
      } catch (InterruptedException e) {
        result.completeExceptionally(new CancellationException("[" + request.label() + "] monitor run interrupted"));
      } catch (Exception | Error e) {
        result.completeExceptionally(e);
      }
    });
  }

  @Override
  public CompletionStage<CheckResult> result() {
    return result;
  }

  @Override
  public void stop() {
    task.cancel(true);
    if (claimed.compareAndSet(false, true)) {
      // it never began; one that did completes the result itself once it has wound down
      result.completeExceptionally(new CancellationException("monitor run stopped before it began"));
    }
  }
}
