package org.lvsmon.monitor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One check started by {@link Monitor#start}: its result to come, and a way to stop it. Thread-safe.
 *
 * <p>{@link #result} completes once, on whatever thread ended the check (for an external monitor,
 * the child reactor): with the result; exceptionally with {@link MonitorNotStartedException} when the
 * monitor could not be started, with a {@link java.util.concurrent.CancellationException} after
 * {@link #stop}, or with the failure of the run. Callers must not block in their callbacks.
 */
public interface MonitorRun {

  /** The outcome, as described above. */
  CompletionStage<CheckResult> result();

  /**
   * Stops the check without blocking (an external one has its process group terminated: SIGTERM,
   * then SIGKILL after the kill grace); {@link #result} then completes with a cancellation, unless
   * the check ended first. Idempotent.
   */
  void stop();

  /** The process id of the monitor's process while it runs; 0 for an in-process check or before it started. */
  default long pid() {
    return 0;
  }

  /** A run that never started: its result is {@code e}. */
  static MonitorRun notStarted(MonitorNotStartedException e) {
    CompletableFuture<CheckResult> result = CompletableFuture.failedFuture(e);
    return new MonitorRun() {
      @Override
      public CompletionStage<CheckResult> result() {
        return result;
      }

      @Override
      public void stop() {}
    };
  }
}
