package org.lvsmon.service;

import java.util.Objects;
import org.lvsmon.config.ServiceRef;

/**
 * Why the machine did not call an alert (or dropped an event), for the daemon to log. {@code
 * periodKey} is set for per-period reasons; {@code subject} names the alert for the per-alert ones.
 */
public record Decision(ServiceRef service, String periodKey, Reason reason, String subject)
    implements Intent {

  public Decision {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(reason, "reason");
  }

  /** The message as mon logs it where mon logs one, else in the same shape. */
  public String message() {
    String g = service.group();
    String s = service.service();
    return switch (reason.scope) {
      case SERVICE_COMMA -> reason.text.replace("%", g + "," + s);
      case SERVICE_DOT -> reason.text.replace("%", g + "." + s);
      case SERVICE_SLASH -> reason.text.replace("%", g + "/" + s);
      case PERIOD -> g + "/" + s + "/" + periodKey + ": " + reason.text;
      case ALERT -> reason.text.replace("%", String.valueOf(subject));
    };
  }

  /** The reasons, with mon's wording (mon says nothing for those marked "not logged by mon"). */
  public enum Reason {
    SCHEDULER_STOPPED(Scope.SERVICE_COMMA, "ignoring alert for % because the mon scheduler is stopped"),
    DISABLED(Scope.SERVICE_COMMA, "ignoring alert for %"),
    DEPENDENCY(Scope.SERVICE_COMMA, "alert for % supressed because of dep fail"),
    UNACKED_SUMMARY_CHANGED(Scope.SERVICE_SLASH, "Unacking % because the summary changed"),
    ACKED(Scope.SERVICE_DOT, "no alert for % because of ack'd failure"),
    /** Not logged by mon. */
    PERIOD_INACTIVE(Scope.PERIOD, "period is not active now."),
    NO_DOWN_ALERT_FOR_UPALERT(Scope.PERIOD, "Suppressing upalert since no down alert was sent."),
    NO_DOWN_ALERT_FOR_ACKALERT(Scope.PERIOD, "Suppressing ackalert since no down alert was sent."),
    /** Not logged by mon. */
    UPALERT_ALREADY_SENT(Scope.PERIOD, "Suppressing upalert since no_comp_alerts already sent one."),
    /** Not logged by mon. */
    ALERTEXITRANGE(Scope.PERIOD, "Suppressing alert since the exit value is outside alertexitrange."),
    NUMALERTS(Scope.PERIOD, "Suppressing alert since numalerts is met."),
    ALERTEVERY(Scope.PERIOD, "Suppressing alert for now due to alertevery."),
    ALERTAFTER_CONSECUTIVE(Scope.PERIOD, "Suppressing alert for now due to alertafter consecutive failures."),
    ALERTAFTER_TIME(Scope.PERIOD, "Suppressing alert for now due to alertafter numval."),
    ALERTAFTER_WINDOW(Scope.PERIOD, "Suppressing alert for now due to alertafter num timeval."),
    /** Not logged by mon. */
    EXIT_MISMATCH(Scope.ALERT, "not calling % since its exit= range does not match"),
    NO_ALERT_FOUND(Scope.ALERT, "no alert found while trying to run %"),
    /** The reply to {@code ack} on a service that is OK or untested. */
    NOT_FAILING(Scope.SERVICE_SLASH, "service % is in a non-failure state"),
    /** The reply to {@code test ...} naming a period the service lacks. */
    PERIOD_NOT_DEFINED(Scope.ALERT, "period % not defined");

    private final Scope scope;
    private final String text;

    Reason(Scope scope, String text) {
      this.scope = scope;
      this.text = text;
    }
  }

  private enum Scope {
    SERVICE_COMMA,
    SERVICE_DOT,
    SERVICE_SLASH,
    PERIOD,
    ALERT
  }
}
