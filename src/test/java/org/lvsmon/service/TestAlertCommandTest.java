package org.lvsmon.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lvsmon.service.Lab.T0;

import org.junit.jupiter.api.Test;
import org.lvsmon.alert.AlertCall;
import org.lvsmon.alert.AlertType;
import org.lvsmon.service.Decision.Reason;
import org.lvsmon.service.ServiceEvent.TestAlert;
import org.lvsmon.service.ServiceEvent.TestAlert.Kind;

/** The client command {@code test alert|upalert|... G S RETVAL PERIOD}. */
class TestAlertCommandTest {

  private static Lab lab() {
    return Lab.service("period p: wd {Sun-Sat}", "    alert a.alert -x", "    alert exit=2 two.alert",
        "    alert e.alert exit=9 kept", "    upalert u.alert", "    ackalert k.alert");
  }

  @Test
  void testAlert_callsPeriodAlertsWithTestOutput_uncounted() {
    Lab lab = lab();
    Transition t = lab.at(T0, new TestAlert(Kind.ALERT, "3", "p"));

    AlertCall call = t.alertCalls().get(0);
    assertThat(call.type()).isEqualTo(AlertType.TEST);
    assertThat(call.flag()).isNull();
    assertThat(call.stdin()).isEqualTo("test\ntest detail\n");
    assertThat(call.env()).containsEntry("MON_RETVAL", "3").containsEntry("MON_ALERTTYPE", "test")
        .containsEntry("MON_OPSTATUS", "7");
    assertThat(t.intents(Intent.AlertRecord.class)).isEmpty();
    assertThat(t.next()).isEqualTo(ServiceState.initial(lab.service));
  }

  @Test
  void testAlert_exitPrefixedLine_isLookedUpAsExitWordAndNotFound() {
    Transition t = lab().at(T0, new TestAlert(Kind.ALERT, "2", "p"));

    assertThat(t.alertCalls()).extracting(c -> c.command().name()).containsExactly("a.alert", "e.alert");
    assertThat(t.decisions()).extracting(Decision::reason, Decision::subject)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Reason.NO_ALERT_FOUND, "exit=2"));
  }

  @Test
  void testAlert_leadingExitWordInArguments_isStripped() {
    AlertCall call = lab().at(T0, new TestAlert(Kind.ALERT, "0", "p")).alertCalls().get(1);

    assertThat(call.arguments()).endsWith("-t", Long.toString(T0), "kept");
  }

  @Test
  void testUpalert_usesUpalertTypeAndFlag() {
    AlertCall call = lab().at(T0, new TestAlert(Kind.UPALERT, "0", "p")).alertCalls().get(0);

    assertThat(call.type()).isEqualTo(AlertType.UP);
    assertThat(call.flag()).isEqualTo("-u");
    assertThat(call.env()).containsEntry("MON_ALERTTYPE", "up");
  }

  @Test
  void testAckalert_ignoresThatNothingWasAlerted() {
    AlertCall call = lab().at(T0, new TestAlert(Kind.ACKALERT, "0", "p")).alertCalls().get(0);

    assertThat(call.type()).isEqualTo(AlertType.ACK);
    assertThat(call.flag()).isEqualTo("-a");
  }

  @Test
  void testAlert_bypassesStopAndDisable() {
    Lab lab = lab().with(c -> c.withSchedulerStopped(true).withServiceDisabled(true));

    assertThat(lab.at(T0, new TestAlert(Kind.ALERT, "1", "p")).alertCalls()).hasSize(2);
  }

  @Test
  void testAlert_unknownPeriod_isReported() {
    Transition t = lab().at(T0, new TestAlert(Kind.ALERT, "1", "wd {Sun-Sat}"));

    assertThat(t.alertCalls()).isEmpty();
    assertThat(t.decisions()).extracting(Decision::message).containsExactly("period wd {Sun-Sat} not defined");
  }
}
