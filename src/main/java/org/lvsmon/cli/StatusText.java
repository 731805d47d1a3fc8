package org.lvsmon.cli;

import java.util.Locale;
import org.lvsmon.cli.TextTable.Cell;
import org.lvsmon.cli.TextTable.Colour;
import org.lvsmon.control.IpvsView;
import org.lvsmon.service.OpStatus;

/**
 * The report as {@code lvsmon status} prints it: a summary line, a table of every service and, when
 * the daemon balances, a table of the real servers. Times are relative to the server's clock:
 * <ul>
 *   <li>FOR: how long the service has been in its state ({@link ServiceRow#stateSince}: failing
 *       since {@code first_failure}, else since the last failed check {@code last_failure}); {@code
 *       -} when not known;
 *   <li>LAST CHECK: since {@code last_check} ({@code 12s ago}), {@code never} before the first;
 *   <li>NEXT: {@code timer} ({@code in 8s}), {@code running} while the monitor runs, {@code
 *       stopped} while the scheduler is.
 * </ul>
 * Stateless.
 */
final class StatusText {
  private StatusText() {}

  /** The whole report; {@code width} 0 leaves the last columns uncut, {@code colour} adds ANSI colours. */
  static String format(StatusReport r, int width, boolean colour) {
    StringBuilder b = new StringBuilder(headline(r)).append("\n\n");
    b.append(services(r).render(width, colour));
    if (!r.ipvs().isEmpty()) {
      b.append('\n').append(ipvs(r).render(width, colour));
    }
    return b.toString();
  }

  static String headline(StatusReport r) {
    long failing = r.services().stream().filter(ServiceRow::failing).count();
    String scheduler = r.stoppedSince() == null ? "scheduler running"
        : "scheduler STOPPED for " + span(r.age(r.stoppedSince()));
    return r.server() + ": " + scheduler + ", " + count(r.services().size(), "service") + " (" + failing + " failing)"
        + (r.ipvs().isEmpty() ? "" : ", " + count(r.ipvs().size(), "real server"));
  }

  static TextTable services(StatusReport r) {
    TextTable t = new TextTable("GROUP", "SERVICE", "STATE", "FOR", "LAST CHECK", "NEXT", "ALERTS", "SUMMARY");
    for (ServiceRow s : r.services()) {
      Long since = s.stateSince();
      t.add(Cell.of(s.group()), Cell.of(s.service()),
          new Cell(s.statusName() + (s.ack() != null && s.failing() ? " (acked)" : ""), colour(s)),
          Cell.of(since == null ? "-" : span(r.age(since))),
          Cell.of(s.lastCheck() == null ? "never" : span(r.age(s.lastCheck())) + " ago"),
          Cell.of(next(r, s)), Cell.of(Long.toString(s.alertsSent())), Cell.of(s.summary()));
    }
    return t;
  }

  static TextTable ipvs(StatusReport r) {
    TextTable t = new TextTable("VIRTUAL SERVICE", "REAL SERVER", "HOST", "WEIGHT", "CONNS", "LOAD", "CPUS", "STATE",
        "REASON");
    for (IpvsView v : r.ipvs()) {
      t.add(Cell.of(v.virtualService()), Cell.of(v.realServer()), Cell.of(v.host()),
          Cell.of(known(v.desired()) + "/" + known(v.kernel())), Cell.of(known(v.active()) + "/" + known(v.inactive())),
          Cell.of(v.load1() < 0 ? "-" : String.format(Locale.ROOT, "%.2f", v.load1())),
          Cell.of(v.cpus() <= 0 ? "-" : Integer.toString(v.cpus())), new Cell(v.state(), colour(v)),
          Cell.of(v.reason()));
    }
    return t;
  }

  private static String next(StatusReport r, ServiceRow s) {
    if (s.monitorRunning()) {
      return "running";
    }
    if (r.stoppedSince() != null) {
      return "stopped";
    }
    return s.timer() == null ? "-" : s.timer() <= 0 ? "now" : "in " + span(s.timer());
  }

  private static Colour colour(ServiceRow s) {
    if (s.failing()) {
      return Colour.RED;
    }
    return s.opstatus() == OpStatus.OK.code() ? Colour.GREEN : s.opstatus() == OpStatus.WARN.code() ? Colour.YELLOW : null;
  }

  private static Colour colour(IpvsView v) {
    return switch (v.state()) {
      case "up" -> Colour.GREEN;
      case "down" -> Colour.RED;
      case "overloaded", "drained" -> Colour.YELLOW;
      default -> v.drained() ? Colour.YELLOW : null;
    };
  }

  /** A span of seconds in at most two units: {@code 12s}, {@code 4m05s}, {@code 3h07m}, {@code 2d05h}; negative counts as 0. */
  static String span(long seconds) {
    long s = Math.max(0, seconds);
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    if (s < 86400) {
      return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
    }
    return String.format(Locale.ROOT, "%dd%02dh", s / 86400, s % 86400 / 3600);
  }

  private static String known(long n) {
    return n < 0 ? "-" : Long.toString(n);
  }

  private static String count(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }
}
