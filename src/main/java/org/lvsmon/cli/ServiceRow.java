package org.lvsmon.cli;

import java.math.BigDecimal;
import java.util.Map;
import org.lvsmon.service.OpStatus;

/**
 * One service of {@code lvsmon status}, read from a {@code list opstatus} line (reference 6.4) as
 * Mon::Client reads it. Epochs are seconds; mon's 0 for "never" becomes null, as does a field that
 * is missing, empty, {@code undef} or not a number.
 *
 * @param interval the monitor interval in seconds, null when the service has none
 * @param timer seconds until the next check (mon's {@code timer})
 * @param ackComment the acknowledgement's comment, null when not acknowledged
 */
record ServiceRow(
    String group,
    String service,
    int opstatus,
    Integer lastOpstatus,
    Integer exitval,
    Long lastCheck,
    Long lastSuccess,
    Long lastFailure,
    Long firstFailure,
    Long timer,
    boolean monitorRunning,
    BigDecimal interval,
    long alertsSent,
    Long ack,
    String ackComment,
    String summary,
    String detail) {

  /** The row of one {@code list opstatus} line's fields ({@link org.lvsmon.control.MonEscaping#parseOpstatus}). */
  static ServiceRow of(Map<String, String> f) {
    Long opstatus = number(f.get("opstatus"));
    Long ack = epoch(f.get("ack"));
    Long alerts = number(f.get("alerts_sent"));
    return new ServiceRow(f.getOrDefault("group", ""), f.getOrDefault("service", ""),
        opstatus == null ? OpStatus.UNKNOWN.code() : opstatus.intValue(), toInt(number(f.get("last_opstatus"))),
        toInt(number(f.get("exitval"))), epoch(f.get("last_check")), epoch(f.get("last_success")),
        epoch(f.get("last_failure")), epoch(f.get("first_failure")), number(f.get("timer")),
        "1".equals(f.get("monitor_running")), decimal(f.get("interval")), alerts == null ? 0 : alerts, ack,
        ack == null ? null : f.getOrDefault("ackcomment", ""), f.getOrDefault("last_summary", ""),
        f.getOrDefault("last_detail", ""));
  }

  /** mon's name of the status ({@code FAIL}, {@code OK}, {@code UNTESTED}...), or {@code STATUS<n>} for a number mon has no name for. */
  String statusName() {
    return OpStatus.of(opstatus).map(Enum::name).orElse("STATUS" + opstatus);
  }

  /** Whether the status is one of mon's failures (FAIL, LINKDOWN, TIMEOUT). */
  boolean failing() {
    return OpStatus.of(opstatus).map(OpStatus::isFailure).orElse(false);
  }

  /**
   * Since when the service has been in its status, as far as opstatus tells: a failing service
   * since {@code first_failure}; any other since its last failed check ({@code last_failure}: it
   * turned good at the first success after that, so this is an upper bound); null when neither is
   * known (never failed since the daemon started, or untested).
   */
  Long stateSince() {
    if (failing()) {
      return firstFailure;
    }
    return opstatus == OpStatus.UNTESTED.code() ? null : lastFailure;
  }

  private static Long number(String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Long epoch(String s) {
    Long n = number(s);
    return n == null || n == 0 ? null : n;
  }

  private static Integer toInt(Long n) {
    return n == null ? null : (int) (long) n;
  }

  private static BigDecimal decimal(String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
