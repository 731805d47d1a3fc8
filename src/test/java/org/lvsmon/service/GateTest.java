package org.lvsmon.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lvsmon.service.Lab.T0;

import org.junit.jupiter.api.Test;
import org.lvsmon.alert.AlertCall;
import org.lvsmon.alert.AlertType;
import org.lvsmon.service.Decision.Reason;

/** The service-wide gates before the periods decide (reference 3.3 steps 1-4, 3.7). */
class GateTest {

  private static Lab basic(String... before) {
    String[] lines = new String[before.length + 4];
    System.arraycopy(before, 0, lines, 0, before.length);
    lines[before.length] = "period wd {Sun-Sat}";
    lines[before.length + 1] = "    alert a.alert";
    lines[before.length + 2] = "    upalert u.alert";
    lines[before.length + 3] = "    disablealert d.alert";
    return Lab.service(lines);
  }

  @Test
  void schedulerStopped_dropsEveryAlert_butStateStillChanges() {
    Lab lab = basic().with(c -> c.withSchedulerStopped(true));
    lab.fail(T0 + 2, "h1\n");

    assertThat(lab.calls()).isEmpty();
    assertThat(lab.reasons()).containsExactly(Reason.SCHEDULER_STOPPED);
    assertThat(lab.state.opStatus()).isEqualTo(OpStatus.FAIL);
    assertThat(lab.state.period("wd {Sun-Sat}").alertsSent()).isZero();
  }

  @Test
  void schedulerStopped_dropsStartupalerts() {
    Lab lab = Lab.service("period wd {Sun-Sat}", "    startupalert s.alert").with(c -> c.withSchedulerStopped(true));

    assertThat(lab.at(T0, new ServiceEvent.Startup()).alertCalls()).isEmpty();
  }

  @Test
  void disabledWatch_dropsAlerts() {
    Lab lab = basic().with(c -> c.withWatchDisabled(true));
    lab.fail(T0 + 2, "h1\n");

    assertThat(lab.calls()).isEmpty();
    assertThat(lab.reasons()).containsExactly(Reason.DISABLED);
  }

  @Test
  void disabledService_dropsUpalertsToo() {
    Lab lab = basic();
    lab.fail(T0 + 2, "h1\n");
    lab.with(c -> c.withServiceDisabled(true)).ok(T0 + 4, "");

    assertThat(lab.calls()).extracting(AlertCall::type).containsExactly(AlertType.FAILURE);
  }

  @Test
  void disableEvent_serviceAlreadyDisabled_neverCallsDisablealert() {
    // mon marks the service disabled before it runs the disable alert decision (reference 10.5).
    Lab lab = basic();
    lab.fail(T0 + 2, "h1\n");
    Transition t = lab.with(c -> c.withServiceDisabled(true)).at(T0 + 3, new ServiceEvent.DisableAlert("root"));

    assertThat(t.alertCalls()).isEmpty();
    assertThat(t.decisions()).extracting(Decision::reason).containsExactly(Reason.DISABLED);
  }

  @Test
  void dependBehaviorA_falseDependency_dropsFailureAlerts_notUpalerts() {
    Lab lab = basic("depend g:parent").with(c -> c.withDependency(false));
    lab.fail(T0 + 2, "h1\n");
    lab.with(c -> c.withDependency(true)).fail(T0 + 4, "h1\n");
    lab.with(c -> c.withDependency(false)).ok(T0 + 6, "");

    assertThat(lab.calls()).extracting(AlertCall::type).containsExactly(AlertType.FAILURE, AlertType.UP);
    assertThat(lab.reasons()).containsExactly(Reason.DEPENDENCY);
    assertThat(lab.state.dependStatus()).isFalse();
  }

  @Test
  void dependBehaviorA_neverEvaluated_dropsFailureAlerts() {
    Lab lab = basic("depend g:parent");
    lab.fail(T0 + 2, "h1\n");

    assertThat(lab.calls()).isEmpty();
    assertThat(lab.state.dependStatus()).isNull();
  }

  @Test
  void dependBehaviorA_noDecision_keepsThePreviousEvaluation() {
    Lab lab = basic("depend g:parent").with(c -> c.withDependency(true));
    lab.fail(T0 + 2, "h1\n");
    lab.with(c -> c.withDependency(null)).fail(T0 + 4, "h2\n");

    assertThat(lab.calls()).hasSize(2);
    assertThat(lab.state.dependStatus()).isTrue();
  }

  @Test
  void dependBehaviorM_dependencyIsNotRecordedNorGatesAlerts() {
    Lab lab = basic("depend g:parent", "dep_behavior m").with(c -> c.withDependency(false));
    lab.fail(T0 + 2, "h1\n");

    assertThat(lab.calls()).hasSize(1);
    assertThat(lab.state.dependStatus()).isNull();
  }

  @Test
  void alertdependAlone_isNeverEvaluated_soFailureAlertsAreDroppedForGood() {
    // mon 1.3 quirk (reference 10.6): only depend is evaluated after a result.
    Lab lab = basic("alertdepend g:parent").with(c -> c.withDependency(true));
    lab.failAt("h1\n", T0 + 2, T0 + 4);

    assertThat(lab.calls()).isEmpty();
    assertThat(lab.reasons()).containsOnly(Reason.DEPENDENCY);
  }

  @Test
  void withDependStatus_recordsTheSchedulersEvaluation() {
    Lab lab = basic("alertdepend g:parent");
    lab.state = lab.state.withDependStatus(true).withDependStatus(null);
    lab.fail(T0 + 2, "h1\n");

    assertThat(lab.calls()).hasSize(1);
  }

  @Test
  void missingAlertProgram_isNotCounted_soNoUpalertFollows() {
    Lab lab = basic().with(c -> new ServiceContext(false, false, false, null, c.hosts(), c.zone(),
        name -> !name.equals("a.alert"), c.daemonStart()));
    Transition failure = lab.fail(T0 + 2, "h1\n");
    lab.ok(T0 + 4, "");

    assertThat(lab.calls()).isEmpty();
    assertThat(failure.next().period("wd {Sun-Sat}").alertsSent()).isZero();
    assertThat(failure.next().alertCount()).isZero();
    assertThat(failure.intents(Intent.AlertRecord.class)).isEmpty();
    assertThat(lab.reasons()).containsExactly(Reason.NO_ALERT_FOUND, Reason.NO_DOWN_ALERT_FOR_UPALERT);
  }

  @Test
  void oneOfTwoAlertsMissing_periodStillCountsOneAlertSent() {
    Lab lab = Lab.service("period wd {Sun-Sat}", "    alert gone.alert", "    alert a.alert")
        .with(c -> new ServiceContext(false, false, false, null, c.hosts(), c.zone(),
            name -> !name.equals("gone.alert"), c.daemonStart()));
    Transition t = lab.fail(T0 + 2, "h1\n");

    assertThat(t.alertCalls()).hasSize(1);
    assertThat(t.next().period("wd {Sun-Sat}").alertsSent()).isEqualTo(1);
  }
}
