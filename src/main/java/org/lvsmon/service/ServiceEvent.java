package org.lvsmon.service;

import java.util.Objects;
import org.lvsmon.monitor.CheckResult;

/** Something that happened to one service and may change its state or call alerts. */
public sealed interface ServiceEvent {

  /** A monitor run finished. */
  record MonitorResult(CheckResult result) implements ServiceEvent {
    public MonitorResult {
      Objects.requireNonNull(result, "result");
    }
  }

  /**
   * A trap for this service arrived. {@code output} is what mon builds from the trap: the summary
   * with a newline added if it lacks one, another newline, then the detail (see {@link #of}).
   * {@code intended} is the {@code group:service} a trap caught by {@code default/default} was meant
   * for (it becomes {@code MON_TRAP_INTENDED}), else null.
   */
  record TrapResult(int exitValue, String output, String intended) implements ServiceEvent {
    public TrapResult {
      Objects.requireNonNull(output, "output");
    }

    /** A trap with mon's {@code sta}, {@code sum} and {@code dtl} fields (null meaning absent). */
    public static TrapResult of(int exitValue, String summary, String detail, String intended) {
      String sum = summary == null ? "" : summary;
      sum = sum.endsWith("\n") ? sum : sum + "\n";
      return new TrapResult(exitValue, sum + "\n" + (detail == null ? "" : detail), intended);
    }
  }

  /** No trap arrived within {@code traptimeout}: a failure with flag {@code -O}. */
  record TrapTimeout() implements ServiceEvent {}

  /** {@code trapduration} ran out after a trap: the status is forced back to OK, nothing else. */
  record TrapDurationExpired() implements ServiceEvent {}

  /** The daemon started (or reset with {@code startupalerts_on_reset}): call startupalerts. */
  record Startup() implements ServiceEvent {}

  /**
   * A client acknowledged the failure. {@code user} is the logged-in user ("" if none); {@code
   * comment} is the comment as mon keeps it (the first shell word of the client's text, unescaped).
   */
  record Ack(String user, String comment) implements ServiceEvent {
    public Ack {
      user = user == null ? "" : user;
      comment = comment == null ? "" : comment;
    }
  }

  /**
   * A client disabled this service. The daemon marks the service disabled first, as mon does, so the
   * period {@code disablealert}s never fire (mon 1.3 quirk); only {@code redistribute} sees it.
   */
  record DisableAlert(String user) implements ServiceEvent {
    public DisableAlert {
      user = user == null ? "" : user;
    }
  }

  /**
   * The client command {@code test KIND G S RETVAL PERIOD}: call that period's alerts of one kind
   * with test output, outside every rule (no stop, disable, ack or period check) and uncounted.
   */
  record TestAlert(Kind kind, String retval, String periodKey) implements ServiceEvent {
    public TestAlert {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(periodKey, "periodKey");
    }

    /** Which list of the period to test, named as in the client command. */
    public enum Kind {
      ALERT,
      STARTUPALERT,
      UPALERT,
      ACKALERT,
      DISABLEALERT
    }
  }

  /**
   * lvsmon's own event: a {@code balance} service's fail-static guard started ({@code holding}) or
   * stopped holding its weights. Outside mon's rules: it calls {@link FailStaticAlerts} of the
   * periods active now, unless the scheduler is stopped or the service or its watch is disabled,
   * and counts nothing (so mon's alert bookkeeping stays exact).
   *
   * @param output what the alerts get on stdin: summary line, then detail
   */
  record FailStatic(boolean holding, String output) implements ServiceEvent {
    public FailStatic {
      Objects.requireNonNull(output, "output");
    }
  }
}
