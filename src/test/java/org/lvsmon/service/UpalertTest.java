package org.lvsmon.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lvsmon.service.Lab.T0;

import org.junit.jupiter.api.Test;
import org.lvsmon.alert.AlertCall;
import org.lvsmon.alert.AlertType;
import org.lvsmon.service.Decision.Reason;

/** upalert, no_comp_alerts, startupalert and numalerts (reference 3.6). */
class UpalertTest {

  private static Lab basic(String... extra) {
    String[] lines = new String[3 + extra.length];
    lines[0] = "period wd {Sun-Sat}";
    lines[1] = "    alert a.alert";
    lines[2] = "    upalert u.alert x";
    System.arraycopy(extra, 0, lines, 3, extra.length);
    return Lab.service(lines);
  }

  @Test
  void upalert_afterAlertedOutage_getsLastFailingOutputOnStdin() {
    Lab lab = basic();
    lab.fail(T0 + 2, "h1 h2\nrun=1\n");
    lab.fail(T0 + 4, "h1\nrun=2\n");
    lab.ok(T0 + 6, "ok\nrun=3\n");

    AlertCall up = lab.calls().get(2);
    assertThat(up.type()).isEqualTo(AlertType.UP);
    assertThat(up.flag()).isEqualTo("-u");
    assertThat(up.stdin()).isEqualTo("h1\nrun=2\n");
    assertThat(up.env()).containsEntry("MON_LAST_SUMMARY", "h1").containsEntry("MON_RETVAL", "0")
        .containsEntry("MON_OPSTATUS", "1").containsEntry("MON_ALERTTYPE", "up")
        .containsEntry("MON_LAST_FAILURE", Long.toString(T0 + 4))
        .containsEntry("MON_FIRST_FAILURE", Long.toString(T0 + 2));
    assertThat(up.arguments()).endsWith("-u", "x");
    assertThat(lab.state.lastSummary()).isEqualTo("ok");
  }

  @Test
  void upalert_untestedToOk_isNeverSent() {
    Lab lab = basic();
    lab.at(T0, new ServiceEvent.Startup());
    lab.ok(T0 + 2, "");

    assertThat(lab.calls()).isEmpty();
    assertThat(lab.reasons()).isEmpty();
  }

  @Test
  void upalert_okToOk_isNotConsidered() {
    Lab lab = basic();
    lab.fail(T0 + 2, "h1\n");
    lab.ok(T0 + 4, "");
    lab.ok(T0 + 6, "");

    assertThat(lab.calls()).extracting(AlertCall::type).containsExactly(AlertType.FAILURE, AlertType.UP);
  }

  @Test
  void upalert_periodInactiveAtRecovery_isNotSent_andTheOutageIsForgotten() {
    // T0 is Friday 08:00 UTC; the period ends at 19:59:59.
    Lab lab = Lab.service("period wd {Mon-Fri} hr {7am-7pm}", "    alert a.alert", "    upalert u.alert");
    lab.fail(T0 + 10 * 3600, "h1\n");
    lab.ok(T0 + 12 * 3600 + 300, "");
    lab.fail(T0 + 12 * 3600 + 400, "h1\n");

    assertThat(lab.calls()).extracting(AlertCall::type).containsExactly(AlertType.FAILURE);
    assertThat(lab.reasons()).containsExactly(Reason.PERIOD_INACTIVE, Reason.PERIOD_INACTIVE);
    assertThat(lab.state.period("wd {Mon-Fri} hr {7am-7pm}").alertsSent()).isZero();
  }

  @Test
  void upalert_onlyFromPeriodsThatAlerted() {
    Lab lab = Lab.service("period wd {Sun-Sat}", "    alert a.alert", "    upalert au.alert",
        "period later: wd {Sun-Sat}", "    alert b.alert", "    upalert bu.alert", "    alertafter 3");
    lab.failAt("h1\n", T0 + 2, T0 + 4);
    lab.ok(T0 + 6, "");

    assertThat(lab.calls()).extracting(c -> c.command().name())
        .containsExactly("a.alert", "a.alert", "au.alert");
  }

  @Test
  void noCompAlerts_upalertWithoutDownAlert_onlyOnceUntilADownAlert() {
    Lab lab = basic("    alertafter 2", "    no_comp_alerts");
    lab.fail(T0 + 2, "h1\n");
    lab.ok(T0 + 4, "");
    lab.fail(T0 + 6, "h1\n");
    lab.ok(T0 + 8, "");
    lab.failAt("h1\n", T0 + 10, T0 + 12);
    lab.ok(T0 + 14, "");

    assertThat(lab.calls()).extracting(c -> c.command().name() + "+" + (c.time().getEpochSecond() - T0))
        .containsExactly("u.alert+4", "a.alert+12", "u.alert+14");
    assertThat(lab.reasons()).contains(Reason.UPALERT_ALREADY_SENT);
  }

  @Test
  void startupalert_callsWithEmptyStdinAndCountsAsSent() {
    Lab lab = Lab.service("period wd {Sun-Sat}", "    startupalert s.alert", "    numalerts 1",
        "    alert a.alert");
    Transition startup = lab.at(T0, new ServiceEvent.Startup());
    lab.fail(T0 + 2, "h1\n");

    AlertCall call = startup.alertCalls().get(0);
    assertThat(call.type()).isEqualTo(AlertType.STARTUP);
    assertThat(call.flag()).isNull();
    assertThat(call.stdin()).isEmpty();
    assertThat(call.summary()).isEqualTo("(NO SUMMARY)");
    assertThat(startup.next().period("wd {Sun-Sat}").alertsSent()).isEqualTo(1);
    assertThat(startup.next().alertCount()).isEqualTo(1);
    assertThat(lab.reasons()).as("numalerts counts the startupalert").containsExactly(Reason.NUMALERTS);
  }

  @Test
  void numalerts_resetBySuccess() {
    Lab lab = basic("    numalerts 1");
    lab.failAt("h1\n", T0 + 2, T0 + 4);
    lab.ok(T0 + 6, "");
    lab.failAt("h1\n", T0 + 8, T0 + 10);

    assertThat(lab.calls()).extracting(c -> c.command().name() + "+" + (c.time().getEpochSecond() - T0))
        .containsExactly("a.alert+2", "u.alert+6", "a.alert+8");
  }

  @Test
  void exitRanges_onlyMatchingEntriesAreCalled_andMismatchesAreReported() {
    Lab lab = Lab.service("period wd {Sun-Sat}", "    alert exit=2 two.alert", "    alert exit=3-5 range.alert",
        "    alert any.alert");
    lab.result(T0 + 2, 4, "h1\n");

    assertThat(lab.calls()).extracting(c -> c.command().name()).containsExactly("range.alert", "any.alert");
    assertThat(lab.transitions.get(0).decisions()).extracting(Decision::subject).containsExactly("two.alert");
  }

  @Test
  void alertexitrange_outside_suppressesTheWholePeriod() {
    Lab lab = Lab.service("period wd {Sun-Sat}", "    alert a.alert", "    alertexitrange 2-3");
    lab.result(T0 + 2, 1, "h1\n");
    lab.result(T0 + 4, 3, "h1\n");

    assertThat(lab.calls()).extracting(c -> c.env().get("MON_RETVAL")).containsExactly("3");
    assertThat(lab.reasons()).containsExactly(Reason.ALERTEXITRANGE);
  }
}
