package org.lvsmon.monitor;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Monitor} for tests of other packages: records every request and answers from a script
 * of outcomes ({@link #willReturn}, {@link #willFailToStart}); the last outcome repeats, and with
 * none it succeeds with empty output. Times come from the given clock. Thread-safe.
 */
public final class RecordingMonitor implements Monitor {
  private final Clock clock;
  private final List<MonitorRequest> requests = new CopyOnWriteArrayList<>();
  private final Deque<Object> outcomes = new ArrayDeque<>();
  private Object last = new Returned(0, "");

  private record Returned(int exitValue, String output) {}

  private record NotStarted(String reason) {}

  public RecordingMonitor(Clock clock) {
    this.clock = clock;
  }

  public RecordingMonitor() {
    this(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
  }

  /** The next run returns this exit value and output. */
  public synchronized RecordingMonitor willReturn(int exitValue, String output) {
    outcomes.add(new Returned(exitValue, output));
    return this;
  }

  /** The next run throws {@link MonitorNotStartedException} with this reason. */
  public synchronized RecordingMonitor willFailToStart(String reason) {
    outcomes.add(new NotStarted(reason));
    return this;
  }

  @Override
  public CheckResult run(MonitorRequest request) throws MonitorNotStartedException {
    requests.add(request);
    Object outcome;
    synchronized (this) {
      if (!outcomes.isEmpty()) {
        last = outcomes.poll();
      }
      outcome = last;
    }
    if (outcome instanceof NotStarted n) {
      throw new MonitorNotStartedException(request.service(), n.reason(), null);
    }
    Returned r = (Returned) outcome;
    Instant now = clock.instant();
    return CheckResult.of(r.exitValue(), r.output(), now, now);
  }

  /** Every request so far, in order. */
  public List<MonitorRequest> requests() {
    return List.copyOf(requests);
  }
}
