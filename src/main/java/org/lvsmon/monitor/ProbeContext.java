package org.lvsmon.monitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One host's probe inside a {@link ParallelProbes} run: its deadline, its current phase, and the
 * resources (sockets, SSH sessions) to close when the deadline passes. Closing them is how a probe
 * blocked in I/O is stopped: the blocked call then fails at once, and the probe reports the phase it
 * was in. The probe thread reads and tightens the deadline; the coordinating thread expires it.
 * Thread-safe.
 */
public final class ProbeContext {
  private final String host;
  private final long limitNanos;
  private final BlockingQueue<ProbeContext> events;
  private final List<AutoCloseable> resources = new ArrayList<>();

  private volatile boolean started;
  private volatile long startNanos;
  private volatile long deadlineNanos;
  private volatile boolean expired;
  private volatile String phase = "queued";
  private volatile boolean finished;
  private long expiredAtNanos;
  private Object result;
  private Throwable crash;

  ProbeContext(String host, Duration limit, BlockingQueue<ProbeContext> events) {
    this.host = host;
    this.limitNanos = limit.toNanos();
    this.events = events;
  }

  public String host() {
    return host;
  }

  /** Names what the probe is doing now ({@code connect}, {@code banner}, ...), for its timeout message. */
  public void phase(String name) {
    phase = name;
  }

  /** The phase last named, {@code queued} before the probe started. */
  public String phase() {
    return phase;
  }

  /**
   * Sets this host's deadline to {@code d} from now, but never past the run's per-host limit: how a
   * probe gives each of its phases a deadline of its own.
   */
  public void expireAfter(Duration d) {
    long now = System.nanoTime();
    long cap = startNanos + limitNanos;
    long want = now + d.toNanos();
    deadlineNanos = want - cap < 0 ? want : cap;
    events.offer(this);
  }

  /**
   * True once the deadline has passed or the run was stopped. It reads the clock rather than waiting
   * for the coordinator to expire the probe: a socket timeout set from {@link #remainingMillis} fires
   * at the deadline, racing the coordinator, and the probe must still report it as its deadline.
   */
  public boolean expired() {
    return expired || started && System.nanoTime() - deadlineNanos >= 0;
  }

  /** Time left until the deadline; zero once it has passed. */
  public Duration remaining() {
    long left = deadlineNanos - System.nanoTime();
    return left > 0 && !expired ? Duration.ofNanos(left) : Duration.ZERO;
  }

  /**
   * Milliseconds left until the deadline, at least 1, for socket timeouts (where 0 would mean
   * forever). Check {@link #expired} first.
   */
  public int remainingMillis() {
    long ms = TimeUnit.NANOSECONDS.toMillis(remaining().toNanos() + 999_999);
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms));
  }

  /** Closes {@code c} when the deadline passes (at once if it already has). */
  public void closeOnExpiry(AutoCloseable c) {
    boolean now;
    synchronized (this) {
      now = expired;
      if (!now) {
        resources.add(c);
      }
    }
    if (now) {
      closeQuietly(c);
    }
  }

  // --- used by ParallelProbes ---

  void begin() {
    startNanos = System.nanoTime();
    deadlineNanos = startNanos + limitNanos;
    phase = "start";
    started = true;
    events.offer(this);
  }

  synchronized void finish(Object value, Throwable failure) {
    result = value;
    crash = failure;
    finished = true;
    events.offer(this);
  }

  boolean started() {
    return started;
  }

  boolean finished() {
    return finished;
  }

  synchronized Object result() {
    return result;
  }

  synchronized Throwable crash() {
    return crash;
  }

  /** True once the coordinator has expired the probe (and closed its resources) or the run was stopped. */
  boolean expiredByCoordinator() {
    return expired;
  }

  long deadlineNanos() {
    return deadlineNanos;
  }

  long expiredAtNanos() {
    synchronized (this) {
      return expiredAtNanos;
    }
  }

  /** Marks the probe expired and closes its resources, outside the lock (closing may block briefly). */
  void expire(long nowNanos) {
    List<AutoCloseable> toClose;
    synchronized (this) {
      if (expired) {
        return;
      }
      expired = true;
      expiredAtNanos = nowNanos;
      toClose = new ArrayList<>(resources);
      resources.clear();
    }
    toClose.forEach(ProbeContext::closeQuietly);
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // closing is how the probe is stopped; a failure to close changes nothing about the outcome
    }
  }
}
