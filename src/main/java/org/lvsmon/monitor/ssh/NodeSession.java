package org.lvsmon.monitor.ssh;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One node's persistent SSH session for ssh-load.monitor: the logged-in connection and its load
 * source while open, and, while it is not, the reconnect backoff (1 s after the first failure,
 * doubling up to the maximum) and the last failure. One run at a time uses it ({@link #lock}).
 */
final class NodeSession {
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

  final String host;
  final ReentrantLock lock = new ReentrantLock();
  private SshConnection connection;
  private LoadSource source;
  private int failures;
  private long nextAttemptNanos;
  private SshOutcome lastFailure;

  NodeSession(String host) {
    this.host = host;
  }

  boolean isOpen() {
    return source != null && source.isOpen();
  }

  LoadSource source() {
    return source;
  }

  /** Why the open session's source ended, if it has. */
  String ended() {
    return source == null ? "no session" : source.ended();
  }

  void opened(SshConnection c, LoadSource s) {
    connection = c;
    source = s;
    failures = 0;
    lastFailure = null;
  }

  /** A connect attempt failed: wait before the next one. */
  void failed(SshOutcome why, Duration maxBackoff, long nowNanos) {
    close();
    failures++;
    lastFailure = why;
    long backoff = FIRST_BACKOFF.toNanos() << Math.min(20, failures - 1);
    nextAttemptNanos = nowNanos + Math.min(backoff, maxBackoff.toNanos());
  }

  /** The failure to report instead of attempting now, or null when an attempt is due. */
  SshOutcome backingOff(long nowNanos) {
    if (failures == 0 || nowNanos - nextAttemptNanos >= 0) {
      return null;
    }
    long s = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nextAttemptNanos - nowNanos + 999_999_999L));
    return new SshOutcome(lastFailure.status(), lastFailure.text() + " (failed " + failures
        + (failures == 1 ? " time" : " times") + "; next attempt in " + s + " s)");
  }

  int failures() {
    return failures;
  }

  /** Closes the source and the session (waiting briefly for JSch's thread). Idempotent. */
  void close() {
    if (source != null) {
      source.close();
      source = null;
    }
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }
}
