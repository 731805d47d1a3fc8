package org.lvsmon.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lvsmon.service.Lab.T0;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.lvsmon.monitor.CheckResult;

/** State accounting of a monitor result (reference 3.2). */
class ResultProcessingTest {

  private static Lab lab() {
    return Lab.service("period wd {Sun-Sat}", "    alert a.alert", "    upalert u.alert");
  }

  @Test
  void initialState_isUntestedWithMonsUndefs() {
    ServiceState s = lab().state;

    assertThat(s.opStatus()).isEqualTo(OpStatus.UNTESTED);
    assertThat(s.exitValue()).isNull();
    assertThat(s.firstFailure()).isNull();
    assertThat(s.lastCheck()).isNull();
    assertThat(s.monitorDuration()).isEqualTo(-1);
    assertThat(s.lastFailure()).isEqualTo(Instant.EPOCH);
    assertThat(s.dependStatus()).isNull();
    assertThat(s.periods()).containsOnlyKeys("wd {Sun-Sat}");
  }

  @Test
  void failure_countsAndKeepsTheOutageStart() {
    Lab lab = lab();
    lab.fail(T0 + 2, "h1\n");
    ServiceState s = lab.fail(T0 + 4, "h1 h2\nd\n").next();

    assertThat(s.opStatus()).isEqualTo(OpStatus.FAIL);
    assertThat(s.lastOpStatus()).isEqualTo(OpStatus.FAIL);
    assertThat(s.failureCount()).isEqualTo(2);
    assertThat(s.consecutiveFailures()).isEqualTo(2);
    assertThat(s.firstFailure().getEpochSecond()).isEqualTo(T0 + 2);
    assertThat(s.lastFailure().getEpochSecond()).isEqualTo(T0 + 4);
    assertThat(s.lastSummary()).isEqualTo("h1 h2");
    assertThat(s.lastDetail()).isEqualTo("d\n");
    assertThat(s.failureOutput()).isEqualTo("h1 h2\nd\n");
    assertThat(s.exitValue()).isEqualTo(1);
  }

  @Test
  void failure_blankSummary_becomesNoSummary() {
    Transition t = lab().result(T0 + 2, 2, "   \ndetail");

    assertThat(t.next().lastSummary()).isEqualTo("(NO SUMMARY)");
    assertThat(t.intents(Intent.FailureRecord.class)).extracting(Intent.FailureRecord::line)
        .containsExactly("g s " + (T0 + 2) + " (NO SUMMARY)");
    assertThat(t.intents().get(0)).as("the failure is recorded before the alert decision")
        .isInstanceOf(Intent.FailureRecord.class);
  }

  @Test
  void success_resetsTheOutage() {
    Lab lab = lab();
    lab.fail(T0 + 2, "h1\n");
    lab.at(T0 + 3, new ServiceEvent.Ack("", "x"));
    ServiceState s = lab.ok(T0 + 4, "fine\n").next();

    assertThat(s.opStatus()).isEqualTo(OpStatus.OK);
    assertThat(s.lastOpStatus()).isEqualTo(OpStatus.FAIL);
    assertThat(s.isAcked()).isFalse();
    assertThat(s.ackComment()).isEmpty();
    assertThat(s.firstFailure()).isEqualTo(Instant.EPOCH);
    assertThat(s.lastFailure()).isEqualTo(Instant.EPOCH);
    assertThat(s.consecutiveFailures()).isZero();
    assertThat(s.failureCount()).isEqualTo(1);
    assertThat(s.failureOutput()).isEmpty();
    assertThat(s.lastSuccess().getEpochSecond()).isEqualTo(T0 + 4);
    assertThat(s.lastSummary()).isEqualTo("fine");
    assertThat(s.period("wd {Sun-Sat}")).isEqualTo(PeriodState.INITIAL);
  }

  @Test
  void success_withoutOutput_leavesSummaryAndDetailUndef() {
    ServiceState s = lab().ok(T0 + 2, "").next();

    assertThat(s.lastSummary()).isNull();
    assertThat(s.lastDetail()).isNull();
    assertThat(s.lastOutput()).isEmpty();
  }

  @Test
  void downtimeRecord_onlyOnFailToOk() {
    Lab lab = lab();
    lab.ok(T0 + 1, "");
    lab.failAt("h1\n", T0 + 2, T0 + 4);
    Transition up = lab.ok(T0 + 10, "");

    assertThat(lab.transitions.stream().mapToInt(t -> t.intents(Intent.DowntimeRecord.class).size()).sum())
        .isEqualTo(1);
    Intent.DowntimeRecord record = up.intents(Intent.DowntimeRecord.class).get(0);
    assertThat(record.downtimeSeconds()).isEqualTo(8);
    assertThat(record.line()).isEqualTo((T0 + 10) + " g s " + (T0 + 2) + " 8 2 h1");
  }

  @Test
  void downtimeRecord_unknownOutageStart_usesDaemonStart() {
    Lab lab = lab();
    ServiceState failing = lab.fail(T0 + 2, "h1\n").next();
    lab.state = new ServiceState(failing.opStatus(), failing.lastOpStatus(), 1, 1, 1, 0, Instant.EPOCH,
        failing.lastFailure(), Instant.EPOCH, null, -1, "h1", null, "h1\n", "h1\n", Instant.EPOCH, "",
        Instant.EPOCH, null, false, failing.periods());

    Intent.DowntimeRecord record = lab.ok(T0 + 10, "").intents(Intent.DowntimeRecord.class).get(0);
    assertThat(record.firstFailure().getEpochSecond()).isEqualTo(T0);
  }

  @Test
  void monitorResult_recordsStartAndDuration_inWholeSeconds() {
    Lab lab = lab();
    Instant started = Instant.ofEpochSecond(T0, 900_000_000);
    Instant finished = Instant.ofEpochSecond(T0 + 3, 100_000_000);
    ServiceState s = lab.at(T0, new ServiceEvent.MonitorResult(CheckResult.of(0, "", started, finished)))
        .next();
    ServiceState later = new ServiceMachine().apply(lab.service, ServiceState.initial(lab.service),
        new ServiceEvent.MonitorResult(CheckResult.of(0, "", started, finished)), finished, lab.context).next();

    assertThat(s.lastCheck().getEpochSecond()).isEqualTo(T0);
    assertThat(later.monitorDuration()).isEqualTo(3);
    assertThat(later.lastSuccess()).isEqualTo(Instant.ofEpochSecond(T0 + 3));
  }

  @Test
  void opstatusFields_alertsSentAndLastAlert() {
    Lab lab = Lab.service("period wd {Sun-Sat}", "    alert a.alert",
        "period quiet: wd {Sun-Sat}", "    alert b.alert", "    alerts_dont_count");
    ServiceState s = lab.failAt("h1\n", T0 + 2, T0 + 4).state;

    assertThat(s.alertsSent(lab.service)).isEqualTo(2);
    assertThat(s.alertCount()).isEqualTo(4);
    assertThat(s.lastAlert().getEpochSecond()).isEqualTo(T0 + 4);
  }
}
