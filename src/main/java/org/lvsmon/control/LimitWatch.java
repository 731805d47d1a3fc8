package org.lvsmon.control;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.lvsmon.control.ControlServer.Limits;
import org.lvsmon.ipvs.Endpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control server's limits over time: which connections have been idle for {@code cltimeout},
 * and when to look next; and the log lines for limits hit, each kind throttled, since clients can
 * hit them at will. Times are {@code System.nanoTime} values. Selector thread only.
 */
final class LimitWatch {
  private static final Logger log = LoggerFactory.getLogger(ControlServer.class);

  private final Limits limits;
  private final long idleNanos;
  private final LogThrottle notAllowed;
  private final LogThrottle tooMany;
  private final LogThrottle tooLong;
  private final LogThrottle idle;
  private final LogThrottle acceptFailed;
  private long nextIdleCheck = Long.MAX_VALUE;

  LimitWatch(Limits limits, long logIntervalNanos) {
    this.limits = limits;
    this.idleNanos = limits.idleTimeout().toNanos();
    this.notAllowed = new LogThrottle(logIntervalNanos);
    this.tooMany = new LogThrottle(logIntervalNanos);
    this.tooLong = new LogThrottle(logIntervalNanos);
    this.idle = new LogThrottle(logIntervalNanos);
    this.acceptFailed = new LogThrottle(logIntervalNanos);
  }

  /** When {@link #expired} may next find something; {@code Long.MAX_VALUE} for never. */
  long nextIdleCheck() {
    return nextIdleCheck;
  }

  /** A connection was accepted at {@code now}. */
  void connected(long now) {
    nextIdleCheck = Math.min(nextIdleCheck, now + idleNanos);
  }

  /**
   * The connections without a request in flight and with no bytes read or written for
   * {@code cltimeout}, logged; each gets another {@code cltimeout} to take its 520.
   */
  List<Connection> expired(Collection<Connection> connections, long now) {
    if (now - nextIdleCheck < 0) {
      return List.of();
    }
    List<Connection> expired = new ArrayList<>();
    long next = Long.MAX_VALUE;
    for (Connection c : connections) {
      long due = c.lastActivity() + idleNanos;
      if (c.inFlight() || now - due < 0) {
        next = Math.min(next, c.inFlight() ? now + idleNanos : due);
        continue;
      }
      expired.add(c);
      next = Math.min(next, now + idleNanos);
      int more = idle.admit(now);
      if (more >= 0) {
        log.info("[control] {} idle for cltimeout {}s, closing{}", c.name, ControlServer.seconds(limits.idleTimeout()),
            LogThrottle.more(more));
      }
    }
    nextIdleCheck = next;
    return expired;
  }

  void notAllowed(String client, long now) {
    int more = notAllowed.admit(now);
    if (more >= 0) {
      log.warn("[control] {} refused: its address matches no clientallow pattern{}", client, LogThrottle.more(more));
    }
  }

  void tooManyClients(String client, long now) {
    int more = tooMany.admit(now);
    if (more >= 0) {
      log.warn("[control] {} refused: {} clients connected, the limit{}", client, limits.maxClients(),
          LogThrottle.more(more));
    }
  }

  void lineTooLong(String client, long now) {
    int more = tooLong.admit(now);
    if (more >= 0) {
      log.info("[control] {} sent a request line over {} bytes, discarded{}", client, limits.maxLineBytes(),
          LogThrottle.more(more));
    }
  }

  void acceptFailed(InetSocketAddress listener, IOException e, long now) {
    int more = acceptFailed.admit(now);
    if (more >= 0) {
      log.warn("[control] {} accepting a client failed, pausing accepts briefly: {}{}", Endpoints.format(listener),
          e.toString(), LogThrottle.more(more));
    }
  }
}
