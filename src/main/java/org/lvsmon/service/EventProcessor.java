package org.lvsmon.service;

import static java.time.temporal.ChronoUnit.SECONDS;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.lvsmon.config.AlertEvery;
import org.lvsmon.config.CommandLine;
import org.lvsmon.config.DepBehavior;
import org.lvsmon.config.Period;
import org.lvsmon.config.Service;
import org.lvsmon.monitor.CheckResult;
import org.lvsmon.service.StateDraft.PeriodDraft;

/**
 * One application of an event to one service: mon's {@code process_event} for results, and the
 * client-driven events. Used once, then discarded.
 */
final class EventProcessor {
  private final Service service;
  private final ServiceContext context;
  private final Instant now;
  private final StateDraft draft;
  private final List<Intent> intents = new ArrayList<>();
  private final AlertDecider decider;

  EventProcessor(
      Service service, ServiceState state, Instant now, ServiceContext context, String trapIntended) {
    this.service = service;
    this.context = context;
    this.now = now;
    this.draft = StateDraft.of(state);
    for (Period p : service.periods()) {
      draft.period(p.key());
    }
    AlertCaller caller = new AlertCaller(service, context, now, draft, intents, trapIntended);
    this.decider = new AlertDecider(service, context, now, draft, intents, caller);
  }

  Transition transition() {
    return new Transition(draft.freeze(), intents);
  }

  void monitorResult(CheckResult result) {
    draft.lastCheck = result.started().truncatedTo(SECONDS);
    draft.monitorDuration = now.getEpochSecond() - draft.lastCheck.getEpochSecond();
    result(Trigger.MONITOR, result.exitValue(), result.output());
  }

  void trap(ServiceEvent.TrapResult trap) {
    draft.lastTrap = now;
    result(Trigger.TRAP, trap.exitValue(), trap.output());
  }

  void trapTimeout() {
    Duration timeout = service.trapTimeout();
    result(Trigger.TRAP_TIMEOUT, 1, "trap timeout\ntrap timeout after "
        + (timeout == null ? "" : MonText.perlNumber(timeout)) + "s at "
        + MonText.ctime(now.atZone(context.zone())) + "\n");
  }

  /** {@code trapduration} ran out: mon only flips the status, without alerts or resets. */
  void trapDurationExpired() {
    draft.setOpStatus(OpStatus.OK);
  }

  void startup() {
    decider.decide(Trigger.STARTUP, "", 0);
  }

  void ack(ServiceEvent.Ack ack) {
    if (draft.opStatus == OpStatus.OK || draft.opStatus == OpStatus.UNTESTED) {
      intents.add(new Decision(service.ref(), null, Decision.Reason.NOT_FAILING, null));
      return;
    }
    draft.ack = now;
    draft.ackComment = ack.user() + ": " + ack.comment();
    decider.decide(Trigger.ACK, draft.ackComment, null);
  }

  void disable(ServiceEvent.DisableAlert disable) {
    decider.decide(Trigger.DISABLE, disable.user(), null);
  }

  void test(ServiceEvent.TestAlert test) {
    AlertCaller caller = new AlertCaller(service, context, now, draft, intents, null);
    new TestAlerts(service, intents, caller).run(test);
  }

  void failStatic(ServiceEvent.FailStatic event) {
    if (context.schedulerStopped()) {
      intents.add(new Decision(service.ref(), null, Decision.Reason.SCHEDULER_STOPPED, null));
      return;
    }
    if (context.watchDisabled() || context.serviceDisabled()) {
      intents.add(new Decision(service.ref(), null, Decision.Reason.DISABLED, null));
      return;
    }
    AlertCaller caller = new AlertCaller(service, context, now, draft, intents, null);
    ZonedDateTime local = now.atZone(context.zone());
    for (Period period : service.periods()) {
      if (!period.when().includes(local)) {
        intents.add(new Decision(service.ref(), period.key(), Decision.Reason.PERIOD_INACTIVE, null));
        continue;
      }
      for (CommandLine command : FailStaticAlerts.of(period, event.holding())) {
        caller.failStatic(period, command, event.holding(), event.output());
      }
    }
  }

  private void result(Trigger trigger, int exitValue, String output) {
    draft.exitValue = exitValue;
    recordDependency();
    String summary = MonText.firstLine(output);
    String detail = MonText.detail(output);
    if (exitValue != 0) {
      summary = MonText.isBlank(summary) ? MonText.NO_SUMMARY : summary;
      failure(trigger, exitValue, output, summary, detail);
    } else {
      success(output);
    }
    draft.lastOutput = output;
    draft.lastSummary = summary;
    draft.lastDetail = detail;
  }

  /** mon evaluates {@code depend} on every result when {@code dep_behavior} is {@code a}. */
  private void recordDependency() {
    boolean evaluated = service.depend() != null && !service.depend().expression().isEmpty()
        && service.depBehavior() == DepBehavior.ALERT;
    if (evaluated && context.dependency() != null) {
      draft.dependStatus = context.dependency();
    }
  }

  private void failure(
      Trigger trigger, int exitValue, String output, String summary, String detail) {
    draft.failureCount++;
    draft.consecutiveFailures++;
    draft.lastFailure = now;
    OpStatus old = draft.opStatus;
    if (old == OpStatus.OK || old == OpStatus.UNKNOWN || old == OpStatus.UNTESTED) {
      draft.firstFailure = now;
    }
    draft.setOpStatus(OpStatus.FAIL);
    draft.lastSummary = summary;
    draft.lastDetail = detail;
    intents.add(new Intent.FailureRecord(service.ref(), now, summary));
    decider.decide(trigger, output, exitValue);
    // Only monitor failures switch to failure_interval; traps have no schedule to change.
    if (trigger == Trigger.MONITOR && service.failureInterval() != null
        && !draft.onFailureInterval) {
      draft.onFailureInterval = true;
      intents.add(new Intent.IntervalChange(service.failureInterval()));
    }
    // Set after the decision, so alertevery compared this failure with the previous one.
    draft.failureOutput = output;
  }

  private void success(String output) {
    OpStatus old = draft.opStatus;
    if (old == OpStatus.FAIL) {
      intents.add(downtime());
    }
    draft.setOpStatus(OpStatus.OK);
    // With redistribute mon runs the up decision on every success, not only after a failure.
    if (service.redistribute() != null || (old == OpStatus.FAIL && service.hasUpalert())) {
      decider.decide(Trigger.UP, draft.lastOutput == null ? "" : draft.lastOutput, 0);
    }
    resetAfterSuccess();
    if (service.failureInterval() != null && draft.onFailureInterval) {
      draft.onFailureInterval = false;
      intents.add(new Intent.IntervalChange(service.interval()));
    }
    draft.lastSuccess = now;
  }

  private Intent.DowntimeRecord downtime() {
    boolean unknownStart = draft.firstFailure == null || draft.firstFailure.equals(Instant.EPOCH);
    Duration interval = draft.onFailureInterval && service.failureInterval() != null
        ? service.failureInterval()
        : service.interval();
    return new Intent.DowntimeRecord(now, service.ref(),
        unknownStart ? context.daemonStart().truncatedTo(SECONDS) : draft.firstFailure, interval,
        draft.lastSummary);
  }

  private void resetAfterSuccess() {
    draft.ack = Instant.EPOCH;
    draft.ackComment = "";
    draft.firstFailure = Instant.EPOCH;
    draft.lastFailure = Instant.EPOCH;
    draft.consecutiveFailures = 0;
    draft.failureOutput = "";
    for (Period period : service.periods()) {
      PeriodDraft p = draft.period(period.key());
      AlertEvery every = period.alertEvery();
      if (every == null || every.mode() != AlertEvery.Mode.STRICT) {
        p.lastAlert = Instant.EPOCH;
      }
      p.firstFailTime = Instant.EPOCH;
      p.alertsSent = 0;
    }
  }
}
