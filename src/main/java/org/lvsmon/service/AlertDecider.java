package org.lvsmon.service;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import org.lvsmon.config.AlertCommand;
import org.lvsmon.config.DepBehavior;
import org.lvsmon.config.Period;
import org.lvsmon.config.Service;
import org.lvsmon.service.Decision.Reason;
import org.lvsmon.service.PeriodThrottle.Failure;
import org.lvsmon.service.StateDraft.PeriodDraft;

/**
 * mon's {@code do_alert} for one event: the service-wide gates (stopped, redistribute, disabled,
 * dependency, ack), then every period active now decides on its own. Writes its decisions and
 * calls to the transition's intent list and its bookkeeping to the draft.
 */
final class AlertDecider {
  private final Service service;
  private final ServiceContext context;
  private final Instant now;
  private final StateDraft draft;
  private final List<Intent> intents;
  private final AlertCaller caller;
  private final PeriodThrottle throttle;

  AlertDecider(Service service, ServiceContext context, Instant now, StateDraft draft,
      List<Intent> intents, AlertCaller caller) {
    this.service = service;
    this.context = context;
    this.now = now;
    this.draft = draft;
    this.intents = intents;
    this.caller = caller;
    this.throttle = new PeriodThrottle(now);
  }

  /**
   * Decides one event. {@code output} is what the alerts get on stdin; {@code retval} is null for
   * ack and disable events (no {@code MON_RETVAL}).
   */
  void decide(Trigger trigger, String output, Integer retval) {
    if (context.schedulerStopped()) {
      note(null, Reason.SCHEDULER_STOPPED);
      return;
    }
    if (service.redistribute() != null) {
      caller.redistribute(trigger, output, retval);
    }
    if (context.watchDisabled() || context.serviceDisabled()) {
      note(null, Reason.DISABLED);
      return;
    }
    if (blockedByDependency(trigger)) {
      note(null, Reason.DEPENDENCY);
      return;
    }
    Failure failure = compareWithPreviousFailure(output, retval);
    boolean ackExempt =
        trigger == Trigger.UP || trigger == Trigger.ACK || trigger == Trigger.DISABLE;
    if (!ackExempt && draft.isAcked() && service.unackSummary() && summaryChanged(failure)) {
      unack();
    }
    if (!ackExempt && draft.isAcked()) {
      note(null, Reason.ACKED);
      return;
    }
    ZonedDateTime local = now.atZone(context.zone());
    for (Period period : service.periods()) {
      if (period.when().includes(local)) {
        decidePeriod(trigger, period, failure, retval);
      } else {
        note(period, Reason.PERIOD_INACTIVE);
      }
    }
  }

  /** Startup and up events ignore dependencies; everything else waits for the last evaluation. */
  private boolean blockedByDependency(Trigger trigger) {
    if (trigger == Trigger.STARTUP || trigger == Trigger.UP) {
      return false;
    }
    // An alertdepend alone is never evaluated by mon, so it blocks for good (reference 10.6).
    boolean governed = (service.depend() != null && service.depBehavior() == DepBehavior.ALERT)
        || service.alertDepend() != null;
    return governed && !Boolean.TRUE.equals(draft.dependStatus);
  }

  private Failure compareWithPreviousFailure(String output, Integer retval) {
    String previous = draft.failureOutput == null ? "" : draft.failureOutput;
    return new Failure(retval == null ? 0 : retval, output, MonText.summaryOf(output), previous,
        MonText.summaryOf(draft.failureOutput));
  }

  /** Whether the summary differs from the previous failure's, whitespace aside. */
  private static boolean summaryChanged(Failure failure) {
    return !MonText.stripWhitespace(failure.summary())
        .equals(MonText.stripWhitespace(failure.previousSummary()));
  }

  /** {@code unack_summary}: a changed summary cancels the ack and restarts the alert rules. */
  private void unack() {
    draft.ack = Instant.EPOCH;
    draft.ackComment = "";
    draft.consecutiveFailures = 1;
    for (Period period : service.periods()) {
      PeriodDraft p = draft.period(period.key());
      p.lastAlert = Instant.EPOCH;
      p.firstFailTime = Instant.EPOCH;
      p.failCount = 0;
    }
    note(null, Reason.UNACKED_SUMMARY_CHANGED);
  }

  private void decidePeriod(Trigger trigger, Period period, Failure failure, Integer retval) {
    PeriodDraft state = draft.period(period.key());
    Reason skip = pairing(trigger, period, state);
    if (skip == null && trigger.isFailure()) {
      skip = throttle.suppression(period, state, failure, draft.consecutiveFailures);
    }
    if (skip != null) {
      note(period, skip);
      return;
    }
    if (callAll(trigger, period, failure.output(), retval) > 0) {
      tally(trigger, period, state);
    }
  }

  /** Up and ack alerts pair with a down alert of the same period, unless {@code no_comp_alerts}. */
  private static Reason pairing(Trigger trigger, Period period, PeriodDraft state) {
    boolean upOrAck = trigger == Trigger.UP || trigger == Trigger.ACK;
    if (!period.noCompAlerts() && upOrAck && state.alertsSent == 0) {
      return trigger == Trigger.UP
          ? Reason.NO_DOWN_ALERT_FOR_UPALERT
          : Reason.NO_DOWN_ALERT_FOR_ACKALERT;
    }
    if (period.noCompAlerts() && trigger == Trigger.UP && state.noCompUpalertsSent > 0) {
      return Reason.UPALERT_ALREADY_SENT;
    }
    return null;
  }

  private int callAll(Trigger trigger, Period period, String output, Integer retval) {
    // Perl reads an undef retval (ack, disable) as 0 in the exit= range test.
    int exit = retval == null ? 0 : retval;
    int called = 0;
    for (AlertCommand alert : trigger.alertsOf(period)) {
      if (!alert.appliesTo(exit)) {
        intents.add(new Decision(
            service.ref(), period.key(), Reason.EXIT_MISMATCH, alert.command().name()));
      } else if (caller.periodAlert(trigger, period, alert.command(), output, retval)) {
        called++;
      }
    }
    return called;
  }

  /**
   * After at least one call: a sent upalert clears the period's count and alertevery timer (mon's
   * guard {@code ($FL_TRAP | $flags)} is always true); any other alert, startup and ack included,
   * counts as a down alert.
   */
  private static void tally(Trigger trigger, Period period, PeriodDraft state) {
    if (trigger == Trigger.UP) {
      state.alertsSent = 0;
      state.lastAlert = Instant.EPOCH;
    } else {
      state.alertsSent++;
      if (period.noCompAlerts()) {
        state.noCompUpalertsSent = 0;
      }
    }
    if (period.noCompAlerts() && trigger == Trigger.UP) {
      state.noCompUpalertsSent++;
    }
  }

  private void note(Period period, Reason reason) {
    intents.add(new Decision(service.ref(), period == null ? null : period.key(), reason, null));
  }
}
