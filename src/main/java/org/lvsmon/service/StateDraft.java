package org.lvsmon.service;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A mutable working copy of a {@link ServiceState}, private to one transition, so the machine can
 * follow mon's step-by-step updates and still hand back an immutable state. Never shared.
 */
final class StateDraft {
  OpStatus opStatus;
  OpStatus lastOpStatus;
  Integer exitValue;
  int consecutiveFailures;
  int failureCount;
  int alertCount;
  Instant firstFailure;
  Instant lastFailure;
  Instant lastSuccess;
  Instant lastCheck;
  long monitorDuration;
  String lastSummary;
  String lastDetail;
  String lastOutput;
  String failureOutput;
  Instant ack;
  String ackComment;
  Instant lastTrap;
  Boolean dependStatus;
  boolean onFailureInterval;
  final Map<String, PeriodDraft> periods = new LinkedHashMap<>();

  static StateDraft of(ServiceState s) {
    StateDraft d = new StateDraft();
    d.opStatus = s.opStatus();
    d.lastOpStatus = s.lastOpStatus();
    d.exitValue = s.exitValue();
    d.consecutiveFailures = s.consecutiveFailures();
    d.failureCount = s.failureCount();
    d.alertCount = s.alertCount();
    d.firstFailure = s.firstFailure();
    d.lastFailure = s.lastFailure();
    d.lastSuccess = s.lastSuccess();
    d.lastCheck = s.lastCheck();
    d.monitorDuration = s.monitorDuration();
    d.lastSummary = s.lastSummary();
    d.lastDetail = s.lastDetail();
    d.lastOutput = s.lastOutput();
    d.failureOutput = s.failureOutput();
    d.ack = s.ack();
    d.ackComment = s.ackComment();
    d.lastTrap = s.lastTrap();
    d.dependStatus = s.dependStatus();
    d.onFailureInterval = s.onFailureInterval();
    s.periods().forEach((key, p) -> d.periods.put(key, new PeriodDraft(p)));
    return d;
  }

  ServiceState freeze() {
    Map<String, PeriodState> frozen = new LinkedHashMap<>();
    periods.forEach((key, p) -> frozen.put(key, p.freeze()));
    return new ServiceState(opStatus, lastOpStatus, exitValue, consecutiveFailures, failureCount,
        alertCount, firstFailure, lastFailure, lastSuccess, lastCheck, monitorDuration, lastSummary,
        lastDetail, lastOutput, failureOutput, ack, ackComment, lastTrap, dependStatus,
        onFailureInterval, frozen);
  }

  /** The draft of a period, created from {@link PeriodState#INITIAL} if this state lacks it. */
  PeriodDraft period(String key) {
    return periods.computeIfAbsent(key, k -> new PeriodDraft(PeriodState.INITIAL));
  }

  /** mon's {@code set_op_status}: remember the old status, then change. */
  void setOpStatus(OpStatus status) {
    lastOpStatus = opStatus;
    opStatus = status;
  }

  boolean isAcked() {
    return !ack.equals(Instant.EPOCH);
  }

  /** Mutable counterpart of {@link PeriodState}. */
  static final class PeriodDraft {
    Instant lastAlert;
    int alertsSent;
    Instant firstFailTime;
    int failCount;
    int noCompUpalertsSent;

    PeriodDraft(PeriodState p) {
      lastAlert = p.lastAlert();
      alertsSent = p.alertsSent();
      firstFailTime = p.firstFailTime();
      failCount = p.failCount();
      noCompUpalertsSent = p.noCompUpalertsSent();
    }

    PeriodState freeze() {
      return new PeriodState(lastAlert, alertsSent, firstFailTime, failCount, noCompUpalertsSent);
    }
  }
}
