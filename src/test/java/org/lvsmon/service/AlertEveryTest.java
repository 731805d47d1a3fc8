package org.lvsmon.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lvsmon.service.Lab.T0;

import org.junit.jupiter.api.Test;
import org.lvsmon.service.Decision.Reason;

/** {@code alertevery} and its modes (reference 3.5). */
class AlertEveryTest {

  private static String offsets(Lab lab) {
    return String.join(" ", lab.calls().stream()
        .filter(c -> c.type() == org.lvsmon.alert.AlertType.FAILURE)
        .map(c -> "+" + (c.time().getEpochSecond() - T0)).toList());
  }

  private static Lab every(String mode) {
    return Lab.service("period wd {Sun-Sat}", "    alert a.alert", "    alertevery 1h" + mode);
  }

  @Test
  void alertevery_sameSummaryWithinWindow_suppressesAlert() {
    Lab lab = every("").failAt("h1\ndetail 1", T0 + 2, T0 + 4);

    assertThat(offsets(lab)).isEqualTo("+2");
    assertThat(lab.reasons()).containsExactly(Reason.ALERTEVERY);
  }

  @Test
  void alertevery_summaryChanges_alertsAtOnce() {
    Lab lab = every("");
    lab.failAt("h1\n", T0 + 2, T0 + 4);
    lab.failAt("h1 h2\n", T0 + 6, T0 + 8);

    assertThat(offsets(lab)).isEqualTo("+2 +6");
  }

  @Test
  void alertevery_comparesWithThePreviousFailureNotTheLastAlert() {
    Lab lab = every("");
    lab.fail(T0 + 2, "A\n");
    lab.fail(T0 + 4, "B\n");
    lab.fail(T0 + 6, "A\n");
    lab.fail(T0 + 8, "A\n");

    assertThat(offsets(lab)).as("A B A: each differs from the failure before it").isEqualTo("+2 +4 +6");
  }

  @Test
  void alertevery_onlyDetailChanges_suppresses() {
    Lab lab = every("");
    lab.fail(T0 + 2, "h1\nrun=1\n");
    lab.fail(T0 + 4, "h1\nrun=2\n");

    assertThat(offsets(lab)).isEqualTo("+2");
  }

  @Test
  void alertevery_windowOver_alertsAgain() {
    Lab lab = Lab.service("period wd {Sun-Sat}", "    alert a.alert", "    alertevery 10s");
    lab.failAt("h1\n", T0, T0 + 9, T0 + 10, T0 + 15, T0 + 21);

    assertThat(offsets(lab)).isEqualTo("+0 +10 +21");
  }

  @Test
  void alertevery_successResetsTimer() {
    Lab lab = every("");
    lab.failAt("h1\n", T0 + 2, T0 + 4);
    lab.ok(T0 + 6, "");
    lab.failAt("h1\n", T0 + 8);

    assertThat(offsets(lab)).isEqualTo("+2 +8");
  }

  @Test
  void alertevery_blankSummaries_compareAsNoSummary() {
    Lab lab = every("");
    lab.result(T0 + 2, 3, "");
    lab.result(T0 + 4, 3, "  \nsomething");

    assertThat(offsets(lab)).isEqualTo("+2");
  }

  @Test
  void alerteverySummary_meansTheSameAsPlain() {
    Lab lab = every(" summary");
    lab.fail(T0 + 2, "A\n");
    lab.fail(T0 + 4, "A\n");
    lab.fail(T0 + 6, "B\n");

    assertThat(offsets(lab)).isEqualTo("+2 +6");
  }

  @Test
  void alerteveryObserveDetail_outputChanges_alerts_outputSame_suppresses() {
    Lab lab = every(" observe_detail");
    lab.fail(T0 + 2, "h1\nrun=1\n");
    lab.fail(T0 + 4, "h1\nrun=2\n");
    lab.fail(T0 + 6, "h1\nrun=2\n");

    assertThat(offsets(lab)).isEqualTo("+2 +4");
  }

  @Test
  void alerteveryStrict_ignoresOutput_andSurvivesSuccess() {
    Lab lab = every(" strict");
    lab.fail(T0 + 2, "A\n");
    lab.fail(T0 + 4, "B\n");
    lab.ok(T0 + 6, "");
    lab.failAt("C\n", T0 + 8, T0 + 10);

    assertThat(offsets(lab)).isEqualTo("+2");
  }

  @Test
  void alerteveryIgnoreSummary_ignoresOutput_butSuccessResetsTimer() {
    Lab lab = every(" ignore_summary");
    lab.fail(T0 + 2, "A\n");
    lab.fail(T0 + 4, "B\n");
    lab.ok(T0 + 6, "");
    lab.failAt("C\n", T0 + 8, T0 + 10);

    assertThat(offsets(lab)).isEqualTo("+2 +8");
  }

  @Test
  void alerteveryStrict_sentUpalert_zeroesTheTimerAnyway() {
    Lab lab = Lab.service("period wd {Sun-Sat}", "    alert a.alert", "    upalert u.alert",
        "    alertevery 1h strict");
    lab.fail(T0 + 2, "A\n");
    lab.ok(T0 + 4, "");
    lab.fail(T0 + 6, "A\n");

    assertThat(offsets(lab)).isEqualTo("+2 +6");
  }

  @Test
  void alertevery_perPeriod_eachPeriodHasItsOwnTimer() {
    Lab lab = Lab.service("period wd {Sun-Sat}", "    alert a.alert", "    alertevery 1h",
        "period p2: wd {Sun-Sat}", "    alert b.alert");
    lab.failAt("A\n", T0 + 2, T0 + 4);

    assertThat(lab.calls()).extracting(c -> c.command().name() + "+" + (c.time().getEpochSecond() - T0))
        .containsExactly("a.alert+2", "b.alert+2", "b.alert+4");
  }
}
