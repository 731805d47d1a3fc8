package org.lvsmon.monitor.exec;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.lvsmon.monitor.CheckResult;
import org.lvsmon.monitor.MonitorRequest;
import org.lvsmon.monitor.MonitorRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of an external monitor, driven by events instead of a waiting thread: the child's exit
 * (on the reactor thread), its monitor timeout and {@link #stop} (both on {@code timer}). The first
 * of the three decides how the run ends; the result completes once the output is finished, on the
 * reactor thread. Thread-safe.
 */
final class ExecRun implements MonitorRun {
  private static final Logger log = LoggerFactory.getLogger(ExecMonitor.class); // one logger for the monitor's story

  private enum End { EXITED, TIMED_OUT, STOPPED }

  private final MonitorRequest request;
  private final Child child;
  private final Instant started;
  private final ExecMonitor.Limits limits;
  private final Clock clock;
  private final ScheduledExecutorService timer;
  private final Runnable onEnd;
  private final AtomicReference<End> end = new AtomicReference<>();
  private final CompletableFuture<CheckResult> result = new CompletableFuture<>();
  private volatile ScheduledFuture<?> timeout;

  /** @param onEnd run once, just before the result completes */
  ExecRun(MonitorRequest request, Child child, Instant started, ExecMonitor.Limits limits, Clock clock,
      ScheduledExecutorService timer, Runnable onEnd) {
    this.request = request;
    this.child = child;
    this.started = started;
    this.limits = limits;
    this.clock = clock;
    this.timer = timer;
    this.onEnd = onEnd;
  }

  /** Arms the timeout, if any, and starts waiting for the exit. Call once, right after the start. */
  void begin() {
    if (request.timeout() != null) {
      try {
        timeout = timer.schedule(this::timedOut, request.timeout().toNanos(), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        stop(); // the daemon is stopping
      }
    }
    child.exit().whenComplete((status, failure) -> exited());
  }

  @Override
  public long pid() {
    return child.pid();
  }

  @Override
  public CompletionStage<CheckResult> result() {
    return result;
  }

  @Override
  public void stop() {
    if (!end.compareAndSet(null, End.STOPPED)) {
      return;
    }
    cancelTimeout();
    log.info("[{}] stopping monitor {} (pid {}) and its process group", request.label(), request.program(), pid());
    stopGroupThen(out -> new CancellationException("[" + request.label() + "] monitor run stopped"));
  }

  private void timedOut() {
    if (!end.compareAndSet(null, End.TIMED_OUT)) {
      return;
    }
    String took = Bounds.format(request.timeout());
    log.warn("[{}] monitor {} (pid {}) still running after {} (monitor timeout); stopping its process group",
        request.label(), request.program(), pid(), took);
    stopGroupThen(out -> CheckResult.of(ExecMonitor.TIMEOUT_EXIT_VALUE, "monitor timed out after " + took + "\n"
        + out.text(), started, clock.instant()));
  }

  private void exited() {
    if (!end.compareAndSet(null, End.EXITED)) {
      return;
    }
    cancelTimeout();
    child.finishOutputLater(limits.outputDrain()).whenComplete((out, failure) -> complete(() -> {
      if (!out.complete()) {
        log.warn("[{}] monitor {} exited but a background process still holds its output open; stopped reading"
            + " after {} (monitor output drain)", request.label(), request.program(), Bounds.format(limits.outputDrain()));
      }
      ExitStatus status = child.exitStatus();
      if (status.signalled()) {
        log.warn("[{}] monitor {} (pid {}) was killed by {}; as in mon this counts as success (exit value 0)",
            request.label(), request.program(), pid(), status);
      }
      return CheckResult.of(status.monValue(), out.text(), started, clock.instant());
    }, failure));
  }

  /** @param outcome from the output, the result, or the throwable to fail the run with */
  private void stopGroupThen(Function<CapturedOutput, Object> outcome) {
    GroupStop.start(child, limits.killGrace(), timer).whenComplete((killed, failure) -> {
      if (Boolean.TRUE.equals(killed)) {
        log.warn("[{}] process group {} was still alive {} after SIGTERM (monitor kill grace); sent SIGKILL",
            request.label(), pid(), Bounds.format(limits.killGrace()));
      }
      child.finishOutputLater(limits.outputDrain()).whenComplete((out, e) -> complete(() -> outcome.apply(out), e));
    });
  }

  private void complete(Supplier<Object> outcome, Throwable failure) {
    Object o;
    try {
      o = failure != null ? failure : outcome.get();
    } catch (RuntimeException e) {
      o = e;
    }
    try {
      onEnd.run();
      child.close();
    } finally {
      if (o instanceof CheckResult r) {
        result.complete(r);
      } else {
        result.completeExceptionally((Throwable) o);
      }
    }
  }

  private void cancelTimeout() {
    ScheduledFuture<?> t = timeout;
    if (t != null) {
      t.cancel(false);
    }
  }
}
