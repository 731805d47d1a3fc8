package org.lvsmon.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lvsmon.service.Lab.T0;

import org.junit.jupiter.api.Test;
import org.lvsmon.alert.AlertCall;
import org.lvsmon.alert.AlertType;
import org.lvsmon.service.Decision.Reason;

/** {@code ack}, ackalerts and {@code unack_summary} (reference 3.3 steps 5-6, 3.6). */
class AckTest {

  private static Lab acked(String... extra) {
    String[] lines = new String[4 + extra.length];
    System.arraycopy(extra, 0, lines, 0, extra.length);
    lines[extra.length] = "period wd {Sun-Sat}";
    lines[extra.length + 1] = "    alert a.alert";
    lines[extra.length + 2] = "    upalert u.alert";
    lines[extra.length + 3] = "    ackalert k.alert";
    return Lab.service(lines);
  }

  @Test
  void ack_onOkOrUntestedService_isRefusedAndChangesNothing() {
    Lab lab = acked();
    Transition untested = lab.at(T0, new ServiceEvent.Ack("root", "x"));
    lab.ok(T0 + 2, "");
    Transition ok = lab.at(T0 + 3, new ServiceEvent.Ack("root", "x"));

    assertThat(untested.decisions()).extracting(Decision::reason).containsExactly(Reason.NOT_FAILING);
    assertThat(ok.decisions()).extracting(Decision::reason).containsExactly(Reason.NOT_FAILING);
    assertThat(lab.state.isAcked()).isFalse();
    assertThat(ok.next().acceptsAck()).isFalse();
  }

  @Test
  void ack_storesUserAndComment_andCallsAckalertWithCommentOnStdin() {
    Lab lab = acked();
    lab.fail(T0 + 2, "h1\n");
    Transition t = lab.at(T0 + 3, new ServiceEvent.Ack("root", "working"));

    assertThat(t.next().ack().getEpochSecond()).isEqualTo(T0 + 3);
    assertThat(t.next().ackComment()).isEqualTo("root: working");
    AlertCall call = t.alertCalls().get(0);
    assertThat(call.type()).isEqualTo(AlertType.ACK);
    assertThat(call.flag()).isEqualTo("-a");
    assertThat(call.stdin()).isEqualTo("root: working");
    assertThat(call.env()).containsEntry("MON_ACK", "root: working").containsEntry("MON_ALERTTYPE", "ack")
        .doesNotContainKey("MON_RETVAL");
    assertThat(t.next().period("wd {Sun-Sat}").alertsSent()).as("an ackalert counts").isEqualTo(2);
  }

  @Test
  void ack_withoutLogin_commentStartsWithColon() {
    Lab lab = acked();
    lab.fail(T0 + 2, "h1\n");

    assertThat(lab.at(T0 + 3, new ServiceEvent.Ack("", "on")).next().ackComment()).isEqualTo(": on");
  }

  @Test
  void ack_suppressesFailureAlertsUntilSuccess_whichClearsIt() {
    Lab lab = acked();
    lab.fail(T0 + 2, "h1\n");
    lab.at(T0 + 3, new ServiceEvent.Ack("", "x"));
    lab.failAt("h1 h2\n", T0 + 4, T0 + 6);
    lab.ok(T0 + 8, "");
    lab.fail(T0 + 10, "h1\n");

    assertThat(lab.calls()).extracting(AlertCall::type).containsExactly(
        AlertType.FAILURE, AlertType.ACK, AlertType.UP, AlertType.FAILURE);
    assertThat(lab.calls().get(2).env()).as("the upalert still sees the ack").containsEntry("MON_ACK", ": x");
    assertThat(lab.reasons()).containsExactly(Reason.ACKED, Reason.ACKED);
    assertThat(lab.state.isAcked()).isFalse();
  }

  @Test
  void ackalert_onlyFromPeriodsThatHadAlerted() {
    Lab lab = Lab.service("period wd {Sun-Sat}", "    alert a.alert", "    ackalert ka.alert",
        "period late: wd {Sun-Sat}", "    alert b.alert", "    ackalert kb.alert", "    alertafter 5");
    lab.fail(T0 + 2, "h1\n");
    Transition t = lab.at(T0 + 3, new ServiceEvent.Ack("", "x"));

    assertThat(t.alertCalls()).extracting(c -> c.command().name()).containsExactly("ka.alert");
    assertThat(t.decisions()).extracting(Decision::reason).containsExactly(Reason.NO_DOWN_ALERT_FOR_ACKALERT);
  }

  @Test
  void ackalert_withNoCompAlerts_isSentEvenWithoutDownAlert() {
    Lab lab = Lab.service("period wd {Sun-Sat}", "    alert a.alert", "    ackalert k.alert",
        "    alertafter 5", "    no_comp_alerts");
    lab.fail(T0 + 2, "h1\n");

    assertThat(lab.at(T0 + 3, new ServiceEvent.Ack("", "x")).alertCalls()).hasSize(1);
  }

  @Test
  void ack_whileSchedulerStopped_isStoredButNoAckalert() {
    Lab lab = acked();
    lab.fail(T0 + 2, "h1\n");
    Transition t = lab.with(c -> c.withSchedulerStopped(true)).at(T0 + 3, new ServiceEvent.Ack("", "x"));

    assertThat(t.alertCalls()).isEmpty();
    assertThat(t.next().isAcked()).isTrue();
  }

  @Test
  void ack_whileDependencyFailing_ackalertIsDropped() {
    Lab lab = Lab.service("depend g:parent", "period wd {Sun-Sat}", "    alert a.alert", "    ackalert k.alert");
    lab.with(c -> c.withDependency(true)).fail(T0 + 2, "h1\n");
    lab.with(c -> c.withDependency(false)).fail(T0 + 4, "h1\n");
    Transition t = lab.at(T0 + 5, new ServiceEvent.Ack("", "x"));

    assertThat(t.alertCalls()).isEmpty();
    assertThat(t.decisions()).extracting(Decision::reason).containsExactly(Reason.DEPENDENCY);
  }

  @Test
  void unackSummary_summaryChanges_cancelsAckAndAlerts() {
    Lab lab = acked("unack_summary");
    lab.fail(T0 + 2, "h1\n");
    lab.at(T0 + 3, new ServiceEvent.Ack("", "x"));
    lab.fail(T0 + 4, " h1 \n");
    Transition changed = lab.fail(T0 + 6, "h1 h2\n");

    assertThat(changed.alertCalls()).extracting(AlertCall::type).containsExactly(AlertType.FAILURE);
    assertThat(changed.next().isAcked()).isFalse();
    assertThat(changed.next().ackComment()).isEmpty();
    assertThat(lab.reasons()).as("whitespace does not count as a change")
        .containsExactly(Reason.ACKED, Reason.UNACKED_SUMMARY_CHANGED);
  }

  @Test
  void unackSummary_restartsConsecutiveCount_soAlertafterWaitsAgain() {
    Lab lab = acked("unack_summary", "period p2: wd {Sun-Sat}", "    alert b.alert", "    alertafter 2");
    lab.failAt("h1\n", T0 + 2, T0 + 4);
    lab.at(T0 + 5, new ServiceEvent.Ack("", "x"));
    Transition changed = lab.fail(T0 + 6, "h2\n");

    assertThat(changed.next().consecutiveFailures()).isEqualTo(1);
    assertThat(changed.alertCalls()).extracting(c -> c.command().name()).containsExactly("a.alert");
  }

  @Test
  void withoutUnackSummary_summaryChange_staysAcked() {
    Lab lab = acked();
    lab.fail(T0 + 2, "h1\n");
    lab.at(T0 + 3, new ServiceEvent.Ack("", "x"));

    assertThat(lab.fail(T0 + 4, "h2\n").alertCalls()).isEmpty();
  }
}
