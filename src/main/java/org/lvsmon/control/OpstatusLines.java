package org.lvsmon.control;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.lvsmon.config.Service;
import org.lvsmon.config.ServiceRef;
import org.lvsmon.service.ServiceState;

/**
 * {@link OpstatusLine}s that are formatted again only when something a line shows has changed: the
 * service's config or state (both immutable records, so compared by identity), its timer seconds,
 * whether its monitor runs, its last trap host, or the second of {@code now}. Clients polling
 * {@code list opstatus} then cost a lookup per service, not a formatting (issue 6: 50 clients ten
 * times a second). Keeps one line per service; lines of services that are gone are dropped by
 * {@link #forgetBeyond}. Each line is checked for CR and LF once, when formatted, for
 * {@link Reply#ofCheckedLines}. Thread-safe.
 */
final class OpstatusLines {
  private final ConcurrentHashMap<ServiceRef, Entry> lines = new ConcurrentHashMap<>();

  /** A formatted line and everything it was formatted from. */
  private record Entry(Service service, ServiceState state, long timerSeconds, boolean running, String trapHost,
      long second, String line) {
    boolean formattedFrom(ServiceStatus s, long now) {
      return service == s.service() && state == s.state() && timerSeconds == s.timerSeconds()
          && running == s.monitorRunning() && second == now && trapHost.equals(s.lastTrapHost());
    }
  }

  /** The same line as {@link OpstatusLine#of}, checked by {@link Reply#checkOneLine}. */
  String of(ServiceStatus status, Instant now) {
    long second = now.getEpochSecond(); // the only part of now a line shows (failure_duration)
    ServiceRef ref = status.service().ref();
    Entry e = lines.get(ref);
    if (e != null && e.formattedFrom(status, second)) {
      return e.line();
    }
    String line = Reply.checkOneLine(OpstatusLine.of(status, now));
    lines.put(ref, new Entry(status.service(), status.state(), status.timerSeconds(), status.monitorRunning(),
        status.lastTrapHost(), second, line));
    return line;
  }

  /**
   * Drops every line when more are kept than twice {@code services}, the number the daemon has now
   * (plus some slack), so that the lines of services removed by resets do not pile up.
   */
  void forgetBeyond(int services) {
    if (lines.size() > 2 * services + 64) {
      lines.clear();
    }
  }
}
