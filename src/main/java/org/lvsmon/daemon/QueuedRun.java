package org.lvsmon.daemon;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.lvsmon.monitor.CheckResult;
import org.lvsmon.monitor.MonitorRun;

/**
 * A run the engine has decided on but starts in a later task on its loop, so that a timer fire
 * that makes many services due handles them all at the same instant before any child is spawned
 * (the first run's instant sets a service's grid, and services on the same millisecond share a
 * timer). Its result follows the started run's. Engine-thread confined, but for {@link #result}.
 */
final class QueuedRun implements MonitorRun {
  private final CompletableFuture<CheckResult> result = new CompletableFuture<>();
  private MonitorRun started;
  private boolean stopped;

  /** Whether {@link #stop} came before the start: then the run must not start. */
  boolean stopped() {
    return stopped;
  }

  /** The run started for this one; its outcome becomes this one's. */
  void startedAs(MonitorRun run) {
    started = run;
    run.result().whenComplete((r, e) -> {
      if (e == null) {
        result.complete(r);
      } else {
        result.completeExceptionally(e);
      }
    });
  }

  @Override
  public CompletionStage<CheckResult> result() {
    return result;
  }

  @Override
  public long pid() {
    return started == null ? 0 : started.pid();
  }

  @Override
  public void stop() {
    if (started != null) {
      started.stop();
    } else if (!stopped) {
      stopped = true;
      result.completeExceptionally(new CancellationException("monitor run stopped before it started"));
    }
  }
}
