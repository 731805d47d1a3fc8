package org.lvsmon.alert;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link AlertAction} for tests of other packages: records every call and reports it started
 * unless told otherwise ({@link #failToStart}). Thread-safe.
 */
public final class RecordingAlertAction implements AlertAction {
  private final List<AlertCall> calls = new CopyOnWriteArrayList<>();
  private volatile boolean starts = true;

  /** From now on, {@link #send} reports the alert as not started (still recording it). */
  public RecordingAlertAction failToStart() {
    starts = false;
    return this;
  }

  @Override
  public boolean send(AlertCall call) {
    calls.add(call);
    return starts;
  }

  /** Every call so far, in order. */
  public List<AlertCall> calls() {
    return List.copyOf(calls);
  }
}
