package org.lvsmon.control;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.lvsmon.config.Dependency;
import org.lvsmon.config.Service;
import org.lvsmon.service.ServiceState;

/**
 * One line of {@code list opstatus} (and {@code list failures|successes|warnings}), built field by
 * field as mon's {@code client_write_opstatus} builds it (reference 6.4): the always-present fields
 * in mon's order, then the conditional ones. Group, service and last trap host are written as they
 * are; the texts are escaped. Stateless.
 */
public final class OpstatusLine {
  private OpstatusLine() {}

  /** The line for {@code status} at {@code now} (which {@code failure_duration} counts to), without a newline. */
  public static String of(ServiceStatus status, Instant now) {
    Service svc = status.service();
    ServiceState st = status.state();
    StringBuilder b = new StringBuilder(512);
    b.append("group=").append(svc.group())
        .append(" service=").append(svc.name())
        .append(" opstatus=").append(st.opStatus().code())
        .append(" last_opstatus=").append(st.lastOpStatus().code())
        .append(" exitval=").append(st.exitValue() == null ? "undef" : st.exitValue().toString())
        .append(" timer=").append(status.timerSeconds())
        .append(" last_success=").append(epoch(st.lastSuccess()))
        .append(" last_trap=").append(epoch(st.lastTrap()))
        .append(" last_traphost=").append(status.lastTrapHost())
        .append(" last_check=").append(st.lastCheck() == null ? "" : epoch(st.lastCheck()))
        .append(" ack=").append(epoch(st.ack()))
        .append(" ackcomment=").append(st.isAcked() ? quoted(st.ackComment()) : "")
        .append(" alerts_sent=").append(st.alertsSent(svc))
        .append(" depstatus=").append(st.dependStatus() == null ? "" : st.dependStatus() ? "1" : "0")
        .append(" depend=").append(expression(svc.depend()))
        .append(" hostdepend=").append(expression(svc.hostDepend()))
        .append(" monitordepend=").append(expression(svc.monitorDepend()))
        .append(" alertdepend=").append(expression(svc.alertDepend()))
        .append(" monitor=").append(quoted(svc.monitor() == null ? null : svc.monitor().text()))
        .append(" last_summary=").append(quoted(st.lastSummary()))
        .append(" last_detail=").append(quoted(st.lastDetail()));
    appendConditional(b, status, now);
    return b.toString();
  }

  private static void appendConditional(StringBuilder b, ServiceStatus status, Instant now) {
    Service svc = status.service();
    ServiceState st = status.state();
    if (isSet(st.lastFailure())) {
      b.append(" last_failure=").append(epoch(st.lastFailure()));
    }
    Duration interval = st.effectiveInterval(svc);
    if (interval != null && !interval.isZero()) {
      b.append(" interval=").append(seconds(interval))
          .append(" monitor_duration=").append(st.monitorDuration())
          .append(" monitor_running=").append(status.monitorRunning() ? 1 : 0);
    }
    if (svc.excludePeriod() != null && !svc.excludePeriod().spec().isEmpty()) {
      b.append(" exclude_period=").append(MonEscaping.escape(svc.excludePeriod().spec(), false));
    }
    if (!svc.excludeHosts().isEmpty()) {
      b.append(" exclude_hosts=").append(MonEscaping.escape(String.join(" ", svc.excludeHosts()), false));
    }
    if (svc.randskew() != null && !svc.randskew().isZero()) {
      b.append(" randskew=").append(seconds(svc.randskew()));
    }
    if (isSet(st.lastAlert())) {
      b.append(" last_alert=").append(epoch(st.lastAlert()));
    }
    if (isSet(st.firstFailure())) {
      b.append(" first_failure=").append(epoch(st.firstFailure()))
          .append(" failure_duration=").append(now.getEpochSecond() - st.firstFailure().getEpochSecond());
    }
  }

  private static String quoted(String s) {
    return MonEscaping.escape(s, true);
  }

  private static String expression(Dependency d) {
    return d == null ? "" : quoted(d.expression());
  }

  /** Perl truthiness of mon's epoch fields: undef and 0 are false. */
  private static boolean isSet(Instant t) {
    return t != null && t.getEpochSecond() != 0;
  }

  private static long epoch(Instant t) {
    return t == null ? 0 : t.getEpochSecond();
  }

  /** Seconds as Perl prints mon's {@code dhmstos} number: {@code 5}, {@code 1.5}. */
  static String seconds(Duration d) {
    return BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9))
        .stripTrailingZeros().toPlainString();
  }
}
