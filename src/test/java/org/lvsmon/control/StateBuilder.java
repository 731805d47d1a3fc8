package org.lvsmon.control;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lvsmon.config.Service;
import org.lvsmon.service.OpStatus;
import org.lvsmon.service.PeriodState;
import org.lvsmon.service.ServiceState;

/** Builds a {@link ServiceState} field by field, starting from mon's initial state of a service. */
final class StateBuilder {
  private OpStatus opStatus = OpStatus.UNTESTED;
  private OpStatus lastOpStatus = OpStatus.UNTESTED;
  private Integer exitValue;
  private Instant firstFailure;
  private Instant lastFailure = Instant.EPOCH;
  private Instant lastSuccess = Instant.EPOCH;
  private Instant lastCheck;
  private long monitorDuration = -1;
  private String lastSummary;
  private String lastDetail;
  private Instant ack = Instant.EPOCH;
  private String ackComment = "";
  private Instant lastTrap = Instant.EPOCH;
  private Boolean dependStatus;
  private final Map<String, PeriodState> periods = new LinkedHashMap<>();

  private StateBuilder(Service service) {
    ServiceState.initial(service).periods().forEach(periods::put);
  }

  static StateBuilder of(Service service) {
    return new StateBuilder(service);
  }

  StateBuilder status(OpStatus now, OpStatus last) {
    opStatus = now;
    lastOpStatus = last;
    return this;
  }

  StateBuilder exit(int value) {
    exitValue = value;
    return this;
  }

  StateBuilder checked(long lastCheckEpoch, long durationSeconds) {
    lastCheck = Instant.ofEpochSecond(lastCheckEpoch);
    monitorDuration = durationSeconds;
    return this;
  }

  StateBuilder success(long epoch) {
    lastSuccess = Instant.ofEpochSecond(epoch);
    firstFailure = Instant.EPOCH;
    return this;
  }

  StateBuilder failing(long first, long last) {
    firstFailure = Instant.ofEpochSecond(first);
    lastFailure = Instant.ofEpochSecond(last);
    return this;
  }

  StateBuilder output(String summary, String detail) {
    lastSummary = summary;
    lastDetail = detail;
    return this;
  }

  StateBuilder acked(long epoch, String comment) {
    ack = Instant.ofEpochSecond(epoch);
    ackComment = comment;
    return this;
  }

  StateBuilder trap(long epoch) {
    lastTrap = Instant.ofEpochSecond(epoch);
    return this;
  }

  StateBuilder depend(Boolean ok) {
    dependStatus = ok;
    return this;
  }

  StateBuilder alerted(String periodKey, int sent, long lastAlertEpoch) {
    periods.put(periodKey, new PeriodState(Instant.ofEpochSecond(lastAlertEpoch), sent, Instant.EPOCH, 0, 0));
    return this;
  }

  ServiceState build() {
    return new ServiceState(opStatus, lastOpStatus, exitValue, 0, 0, 0, firstFailure, lastFailure, lastSuccess,
        lastCheck, monitorDuration, lastSummary, lastDetail, null, null, ack, ackComment, lastTrap, dependStatus,
        false, periods);
  }
}
