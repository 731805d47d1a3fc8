package org.lvsmon.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lvsmon.service.Lab.T0;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lvsmon.alert.AlertCall;

/** {@code redistribute}: called for every alert decision, never counted (reference 5.5). */
class RedistributeTest {

  private static Lab lab(String... period) {
    String[] lines = new String[period.length + 1];
    lines[0] = "redistribute r.alert -x \"a b\"";
    System.arraycopy(period, 0, lines, 1, period.length);
    return Lab.service(lines);
  }

  private static List<String> redistributed(Lab lab) {
    return lab.calls().stream()
        .filter(AlertCall::isRedistribute)
        .map(c -> c.type().envName() + (c.flag() == null ? "" : c.flag()))
        .toList();
  }

  @Test
  void redistribute_everyResult_evenSuppressedAckedOrOkToOk() {
    Lab lab = lab("period wd {Sun-Sat}", "    alert a.alert", "    alertevery 1h");
    lab.failAt("h1\n", T0 + 2, T0 + 4);
    lab.at(T0 + 5, new ServiceEvent.Ack("", "x"));
    lab.fail(T0 + 6, "h1\n");
    lab.ok(T0 + 8, "");
    lab.ok(T0 + 10, "");

    assertThat(redistributed(lab)).containsExactly(
        "failure", "failure", "ack-a", "failure", "up-u", "up-u");
  }

  @Test
  void redistribute_passesArgsAndOutput_andIsNeverCounted() {
    Lab lab = lab("period wd {Sun-Sat}", "    alert a.alert");
    Transition t = lab.fail(T0 + 2, "h1\nmore\n");

    AlertCall r = t.alertCalls().get(0);
    assertThat(r.periodKey()).isNull();
    assertThat(r.arguments()).endsWith("-x", "a b");
    assertThat(r.stdin()).isEqualTo("h1\nmore\n");
    assertThat(t.intents(Intent.AlertRecord.class)).extracting(rec -> rec.command().name())
        .containsExactly("a.alert");
    assertThat(t.next().alertCount()).isEqualTo(1);
  }

  @Test
  void redistribute_disabledService_stillCalled_evenForTheDisableEvent() {
    Lab lab = lab("period wd {Sun-Sat}", "    alert a.alert").with(c -> c.withServiceDisabled(true));
    lab.fail(T0 + 2, "h1\n");
    Transition disable = lab.at(T0 + 3, new ServiceEvent.DisableAlert("root"));

    assertThat(redistributed(lab)).containsExactly("failure", "disable-D");
    assertThat(disable.alertCalls().get(0).stdin()).isEqualTo("root");
    assertThat(disable.alertCalls().get(0).env()).doesNotContainKey("MON_RETVAL");
  }

  @Test
  void redistribute_schedulerStopped_notCalled() {
    Lab lab = lab("period wd {Sun-Sat}", "    alert a.alert").with(c -> c.withSchedulerStopped(true));
    lab.fail(T0 + 2, "h1\n");

    assertThat(lab.calls()).isEmpty();
  }

  @Test
  void redistribute_startup_calledWithoutFlag() {
    Lab lab = lab("period wd {Sun-Sat}", "    alert a.alert");
    lab.at(T0, new ServiceEvent.Startup());

    assertThat(redistributed(lab)).containsExactly("startup");
  }

  @Test
  void redistributeWithNoCompAlerts_firstSuccessAfterStart_sendsAnUpalert() {
    // mon runs the up decision on every success once redistribute is set, even OK to OK.
    Lab lab = lab("period wd {Sun-Sat}", "    alert a.alert", "    upalert u.alert", "    no_comp_alerts");
    lab.ok(T0 + 2, "");
    lab.ok(T0 + 4, "");

    assertThat(lab.calls()).extracting(c -> c.command().name())
        .containsExactly("r.alert", "u.alert", "r.alert");
  }
}
