package org.lvsmon.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.lvsmon.config.AlertAfter;
import org.lvsmon.config.AlertEvery;
import org.lvsmon.config.Period;
import org.lvsmon.service.Decision.Reason;
import org.lvsmon.service.StateDraft.PeriodDraft;

/**
 * The checks mon makes per period for failure events only, in mon's order: {@code alertexitrange},
 * {@code numalerts}, {@code alertevery}, {@code alertafter}. A check that passes may still update
 * the period's {@code alertafter} window, exactly as mon does, so the order matters.
 */
final class PeriodThrottle {
  private final Instant now;

  PeriodThrottle(Instant now) {
    this.now = now;
  }

  /**
   * Why this failure alert is suppressed in this period, or null to send it.
   *
   * @param failure what the failure looks like next to the previous failure of the outage
   * @param consecutiveFailures the service's consecutive failures including this one
   */
  Reason suppression(Period period, PeriodDraft state, Failure failure, int consecutiveFailures) {
    if (period.alertExitRange() != null && !period.alertExitRange().contains(failure.retval())) {
      return Reason.ALERTEXITRANGE;
    }
    if (period.numAlerts() > 0 && state.alertsSent >= period.numAlerts()) {
      return Reason.NUMALERTS;
    }
    if (withinAlertEvery(period.alertEvery(), state, failure)) {
      return Reason.ALERTEVERY;
    }
    return alertAfter(period.alertAfter(), state, consecutiveFailures);
  }

  /**
   * A failure compared with the outage's previous one: mon compares summaries (blank ones read as
   * {@code (NO SUMMARY)}) or, for {@code observe_detail}, whole outputs (undef reads as "").
   */
  record Failure(int retval, String output, String summary, String previousOutput, String previousSummary) {}

  private boolean withinAlertEvery(AlertEvery every, PeriodDraft state, Failure failure) {
    if (every == null || !isShorter(seconds(state.lastAlert), every.every())) {
      return false;
    }
    return switch (every.mode()) {
      case STRICT, IGNORE_SUMMARY -> true;
      case OBSERVE_DETAIL -> Objects.equals(failure.previousOutput(), failure.output());
      case SUMMARY -> failure.previousSummary().equals(failure.summary());
    };
  }

  /**
   * mon's three {@code alertafter} forms. The consecutive count is checked first; when it passes
   * (or is unset) the time form applies if only a time is set, else the window form.
   */
  private Reason alertAfter(AlertAfter after, PeriodDraft state, int consecutiveFailures) {
    if (after == null || after.isNone()) {
      return null;
    }
    if (after.consecutive() != null && consecutiveFailures < after.consecutive()) {
      return Reason.ALERTAFTER_CONSECUTIVE;
    }
    if (after.windowCount() == null && after.interval() != null) {
      if (state.firstFailTime.equals(Instant.EPOCH)) {
        state.firstFailTime = now;
      }
      return atMost(seconds(state.firstFailTime), after.interval()) ? Reason.ALERTAFTER_TIME : null;
    }
    if (after.windowCount() != null) {
      return window(after.windowCount(), after.interval() == null ? Duration.ZERO : after.interval(), state);
    }
    return null;
  }

  /**
   * {@code alertafter N T}: count failures from the window's start; once more than T has passed the
   * window restarts at this failure with count 1. Bursty under continuous failure, as measured.
   */
  private Reason window(int n, Duration t, PeriodDraft state) {
    state.failCount++;
    boolean inside = atMost(seconds(state.firstFailTime), t);
    if (inside && state.failCount < n) {
      return Reason.ALERTAFTER_WINDOW;
    }
    if (!inside) {
      state.failCount = 1;
    }
    if (state.failCount == 1) {
      state.firstFailTime = now;
    }
    return state.failCount < n ? Reason.ALERTAFTER_WINDOW : null;
  }

  /** Whole seconds from {@code since} to now, as mon subtracts epoch integers. */
  private long seconds(Instant since) {
    return now.getEpochSecond() - since.getEpochSecond();
  }

  private static boolean isShorter(long seconds, Duration limit) {
    return Duration.ofSeconds(seconds).compareTo(limit) < 0;
  }

  private static boolean atMost(long seconds, Duration limit) {
    return Duration.ofSeconds(seconds).compareTo(limit) <= 0;
  }
}
