package org.lvsmon.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.lvsmon.alert.AlertCall;
import org.lvsmon.alert.AlertType;
import org.lvsmon.config.CommandLine;
import org.lvsmon.config.ServiceRef;

/**
 * Something the daemon must do after storing a transition's new state, in list order. The state
 * machine only describes these; it never performs them.
 */
public sealed interface Intent
    permits Decision, Intent.CallAlert, Intent.FailureRecord, Intent.AlertRecord,
        Intent.DowntimeRecord, Intent.IntervalChange {

  /** Run an alert program (fire and forget, as mon does). */
  record CallAlert(AlertCall call) implements Intent {
    public CallAlert {
      Objects.requireNonNull(call, "call");
    }
  }

  /**
   * Append to the in-memory failure history (and log mon's {@code failure for ...} line): {@code
   * "GROUP SERVICE EPOCH SUMMARY"}.
   */
  record FailureRecord(ServiceRef service, Instant time, String summary) implements Intent {
    public String line() {
      return service.group() + " " + service.service() + " " + time.getEpochSecond() + " " + summary;
    }
  }

  /**
   * Append a counted alert to the alert history and {@code historicfile}. The daemon resolves the
   * alert's path, as mon records the full path.
   */
  record AlertRecord(AlertType type, ServiceRef service, Instant time, CommandLine command, String summary)
      implements Intent {
    /** mon's history line: {@code <type> <group> <service> <epoch> <alertpath> (<args>) <summary>}. */
    public String line(String alertPath) {
      return type.historyName() + " " + service.group() + " " + service.service() + " "
          + time.getEpochSecond() + " " + alertPath + " (" + command.argsText() + ") " + summary;
    }
  }

  /**
   * A FAIL to OK transition for the downtime log; the daemon writes it only when {@code dtlogging}
   * is on. {@code interval} is the interval in force at recovery (null for a trap-only service).
   */
  record DowntimeRecord(
      Instant up, ServiceRef service, Instant firstFailure, Duration interval, String summary)
      implements Intent {
    public long downtimeSeconds() {
      return up.getEpochSecond() - firstFailure.getEpochSecond();
    }

    /** {@code <epoch up> <group> <service> <first failure> <downtime s> <interval s> <summary>}. */
    public String line() {
      return up.getEpochSecond() + " " + service.group() + " " + service.service() + " "
          + firstFailure.getEpochSecond() + " " + downtimeSeconds() + " "
          + MonText.perlNumber(interval == null ? Duration.ZERO : interval) + " "
          + (summary == null ? "" : summary);
    }
  }

  /**
   * {@code failure_interval} switched on or off: the scheduler restarts the service's timer with
   * this interval (null for a service without one), as mon clears {@code _next_check}.
   */
  record IntervalChange(Duration interval) implements Intent {}
}
