package org.lvsmon.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lvsmon.config.Period;
import org.lvsmon.config.Service;

/**
 * Everything mon keeps about one service between events: what {@code list opstatus} and {@code
 * savestate opstatus} show, plus the per-period alert bookkeeping keyed by {@link Period#key()}.
 * Immutable. Times are whole epoch seconds: {@link Instant#EPOCH} stands for mon's 0 and null for
 * mon's undef (which the alert environment distinguishes: an undef field is left out).
 *
 * @param opStatus current status
 * @param lastOpStatus the status before the last change
 * @param exitValue the last monitor or trap exit value; null before the first result ("undef")
 * @param consecutiveFailures failures since the last success ({@code _consec_failures})
 * @param failureCount failures ever ({@code _failure_count})
 * @param alertCount counted alerts ever ({@code _alert_count})
 * @param firstFailure start of the current outage; null before any result, EPOCH when not failing
 * @param lastFailure time of the latest failure; EPOCH when not failing
 * @param lastSuccess time of the latest success; EPOCH if never
 * @param lastCheck when the last monitor run started; null before the first run
 * @param monitorDuration seconds the last monitor run took; -1 before the first run
 * @param lastSummary summary of the last result ({@code (NO SUMMARY)} for a blank failing one);
 *     null before any result and after a success with no output
 * @param lastDetail output after the first line; null when the output had no newline
 * @param lastOutput the whole output of the last result; null before any result
 * @param failureOutput the whole output of the last failure of this outage; "" after a success
 * @param ack when the failure was acknowledged; EPOCH when not acknowledged
 * @param ackComment {@code "<user>: <comment>"} while acknowledged, else ""
 * @param lastTrap when the last trap arrived; EPOCH if never
 * @param dependStatus the last dependency evaluation; null if never evaluated
 * @param onFailureInterval whether {@code failure_interval} currently replaces the interval
 * @param periods per-period state in config order
 */
public record ServiceState(
    OpStatus opStatus,
    OpStatus lastOpStatus,
    Integer exitValue,
    int consecutiveFailures,
    int failureCount,
    int alertCount,
    Instant firstFailure,
    Instant lastFailure,
    Instant lastSuccess,
    Instant lastCheck,
    long monitorDuration,
    String lastSummary,
    String lastDetail,
    String lastOutput,
    String failureOutput,
    Instant ack,
    String ackComment,
    Instant lastTrap,
    Boolean dependStatus,
    boolean onFailureInterval,
    Map<String, PeriodState> periods) {

  public ServiceState {
    periods = Collections.unmodifiableMap(new LinkedHashMap<>(periods));
  }

  /** The state mon gives a service when it reads the config: untested, nothing counted. */
  public static ServiceState initial(Service service) {
    Map<String, PeriodState> periods = new LinkedHashMap<>();
    for (Period p : service.periods()) {
      periods.put(p.key(), PeriodState.INITIAL);
    }
    return new ServiceState(OpStatus.UNTESTED, OpStatus.UNTESTED, null, 0, 0, 0, null, Instant.EPOCH,
        Instant.EPOCH, null, -1, null, null, null, null, Instant.EPOCH, "", Instant.EPOCH, null, false,
        periods);
  }

  /** The state of one period; {@link PeriodState#INITIAL} for a key this state has not seen. */
  public PeriodState period(String key) {
    return periods.getOrDefault(key, PeriodState.INITIAL);
  }

  public boolean isAcked() {
    return !ack.equals(Instant.EPOCH);
  }

  /** Whether mon accepts {@code ack} now: not while OK or UNTESTED ("non-failure state"). */
  public boolean acceptsAck() {
    return opStatus != OpStatus.OK && opStatus != OpStatus.UNTESTED;
  }

  /**
   * {@code alerts_sent} of {@code list opstatus}: the periods' counts, except {@code
   * alerts_dont_count} periods.
   */
  public int alertsSent(Service service) {
    int sum = 0;
    for (Period p : service.periods()) {
      sum += p.alertsDontCount() ? 0 : period(p.key()).alertsSent();
    }
    return sum;
  }

  /** {@code last_alert} of {@code list opstatus}: the latest period alert, EPOCH if none. */
  public Instant lastAlert() {
    Instant latest = Instant.EPOCH;
    for (PeriodState p : periods.values()) {
      latest = p.lastAlert().isAfter(latest) ? p.lastAlert() : latest;
    }
    return latest;
  }

  /**
   * The interval the scheduler should use now: {@code failure_interval} while failing on it, else
   * {@code interval}. Null for a trap-only service.
   */
  public Duration effectiveInterval(Service service) {
    return onFailureInterval && service.failureInterval() != null
        ? service.failureInterval()
        : service.interval();
  }

  /**
   * This state with a new dependency evaluation, as the scheduler records one for {@code
   * dep_behavior m}; a null result (mon's eval error or recursion limit) keeps the previous one.
   */
  public ServiceState withDependStatus(Boolean result) {
    if (result == null) {
      return this;
    }
    StateDraft d = StateDraft.of(this);
    d.dependStatus = result;
    return d.freeze();
  }

  /**
   * This state with {@code status} set by a client ({@code set G S opstatus WORD}): the current status
   * becomes the last one, as mon's {@code set_op_status} does.
   */
  public ServiceState withOpStatus(OpStatus status) {
    StateDraft d = StateDraft.of(this);
    d.lastOpStatus = opStatus;
    d.opStatus = status;
    return d.freeze();
  }

  /**
   * This state after mon's {@code clear timers}: no consecutive failures, and the alertevery and
   * alertafter-window clocks of the periods of {@code service} that use them started over.
   */
  public ServiceState withTimersCleared(Service service) {
    StateDraft d = StateDraft.of(this);
    d.consecutiveFailures = 0;
    for (Period p : service.periods()) {
      StateDraft.PeriodDraft pd = d.periods.get(p.key());
      if (pd == null) {
        continue;
      }
      if (p.alertEvery() != null) {
        pd.lastAlert = Instant.EPOCH;
      }
      if (p.alertAfter() != null && p.alertAfter().interval() != null) {
        pd.firstFailTime = Instant.EPOCH;
      }
    }
    return d.freeze();
  }
}
