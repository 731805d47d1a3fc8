package org.lvsmon.service;

import java.util.List;
import org.lvsmon.alert.AlertType;
import org.lvsmon.config.AlertCommand;
import org.lvsmon.config.Period;

/**
 * What set off an alert decision: mon's {@code FL_*} flags minus the two modifiers (test and
 * redistribute). Each carries the alert type and the argv flag {@code call_alert} derives from it.
 */
enum Trigger {
  MONITOR(AlertType.FAILURE, null),
  TRAP(AlertType.TRAP, "-T"),
  TRAP_TIMEOUT(AlertType.TRAP_TIMEOUT, "-O"),
  UP(AlertType.UP, "-u"),
  STARTUP(AlertType.STARTUP, null),
  ACK(AlertType.ACK, "-a"),
  DISABLE(AlertType.DISABLE, "-D");

  private final AlertType type;
  private final String flag;

  Trigger(AlertType type, String flag) {
    this.type = type;
    this.flag = flag;
  }

  /**
   * The alert type {@code call_alert} picks. With the test modifier only a plain failure becomes
   * TEST, because mon looks at the test flag last.
   */
  AlertType type(boolean test) {
    return test && this == MONITOR ? AlertType.TEST : type;
  }

  /** The argv flag ({@code -u -a -D -T -O}), or null for none. */
  String flag() {
    return flag;
  }

  /** Failure events are the only ones subject to numalerts, alertevery, alertafter and acks. */
  boolean isFailure() {
    return this == MONITOR || this == TRAP || this == TRAP_TIMEOUT;
  }

  /** The period's alert list this trigger calls. */
  List<AlertCommand> alertsOf(Period p) {
    return switch (this) {
      case UP -> p.upalerts();
      case STARTUP -> p.startupalerts();
      case DISABLE -> p.disablealerts();
      case ACK -> p.ackalerts();
      case MONITOR, TRAP, TRAP_TIMEOUT -> p.alerts();
    };
  }
}
