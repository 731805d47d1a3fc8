package org.lvsmon.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lvsmon.service.Lab.T0;

import org.junit.jupiter.api.Test;
import org.lvsmon.service.Decision.Reason;

/** {@code alertafter} in its three forms (reference 3.4). */
class AlertAfterTest {

  private static String offsets(Lab lab) {
    return String.join(" ", lab.calls().stream().map(c -> "+" + (c.time().getEpochSecond() - T0)).toList());
  }

  @Test
  void alertafterN_secondConsecutiveFailure_alerts_andEveryLaterOneToo() {
    Lab lab = Lab.service("period wd {Sun-Sat}", "    alert a.alert", "    alertafter 2");
    lab.failAt("down", T0 + 2, T0 + 4, T0 + 6, T0 + 8);

    assertThat(offsets(lab)).isEqualTo("+4 +6 +8");
    assertThat(lab.reasons()).containsExactly(Reason.ALERTAFTER_CONSECUTIVE);
  }

  @Test
  void alertafterN_failThenSucceed_givesNeitherAlertNorUpalert() {
    Lab lab = Lab.service("period wd {Sun-Sat}", "    alert a.alert", "    upalert u.alert", "    alertafter 2");
    lab.fail(T0 + 2, "down");
    lab.ok(T0 + 4, "");
    lab.fail(T0 + 6, "down");

    assertThat(lab.calls()).isEmpty();
    assertThat(lab.reasons()).containsExactly(
        Reason.ALERTAFTER_CONSECUTIVE, Reason.NO_DOWN_ALERT_FOR_UPALERT, Reason.ALERTAFTER_CONSECUTIVE);
  }

  @Test
  void alertafterT_alertsOnlyOnceMoreThanTHasPassedSinceTheFirstFailure() {
    Lab lab = Lab.service("period wd {Sun-Sat}", "    alert a.alert", "    alertafter 6s");
    lab.failAt("down", T0 + 3, T0 + 6, T0 + 9, T0 + 10, T0 + 12);

    assertThat(offsets(lab)).as("+9 is exactly 6 s after +3, not more").isEqualTo("+10 +12");
    assertThat(lab.reasons()).containsOnly(Reason.ALERTAFTER_TIME);
  }

  @Test
  void alertafterT_successResetsTheClock() {
    Lab lab = Lab.service("period wd {Sun-Sat}", "    alert a.alert", "    alertafter 6s");
    lab.failAt("down", T0 + 3, T0 + 8);
    lab.ok(T0 + 10, "");
    lab.failAt("down", T0 + 12, T0 + 18, T0 + 19);

    assertThat(offsets(lab)).isEqualTo("+19");
  }

  @Test
  void alertafterNT_continuousFailure_alertsInTheMeasuredBursts() {
    Lab lab = Lab.service("period wd {Sun-Sat}", "    alert a.alert", "    alertafter 3 10s");
    lab.failAt("down", T0 + 3, T0 + 6, T0 + 8, T0 + 11, T0 + 15, T0 + 19, T0 + 23, T0 + 27,
        T0 + 32, T0 + 36);

    assertThat(offsets(lab)).isEqualTo("+8 +11 +23 +36");
    assertThat(lab.state.period("wd {Sun-Sat}").failCount()).isEqualTo(3);
    assertThat(lab.state.period("wd {Sun-Sat}").firstFailTime().getEpochSecond()).isEqualTo(T0 + 27);
  }

  @Test
  void alertafterNT_successRestartsTheWindowAtTheNextFailure() {
    Lab lab = Lab.service("period wd {Sun-Sat}", "    alert a.alert", "    alertafter 2 10s");
    lab.failAt("down", T0 + 2);
    lab.ok(T0 + 4, "");
    lab.failAt("down", T0 + 6, T0 + 8);

    assertThat(offsets(lab)).as("the count restarts at 1 on +6").isEqualTo("+8");
  }

  @Test
  void alertafterNT_withAlertevery_suppressedFailuresDoNotCount() {
    Lab lab = Lab.service("period wd {Sun-Sat}", "    alert a.alert", "    alertafter 2 10s",
        "    alertevery 5s");
    lab.failAt("down", T0 + 2, T0 + 4, T0 + 6, T0 + 8, T0 + 10, T0 + 12);

    assertThat(offsets(lab)).isEqualTo("+4 +10");
    assertThat(lab.reasons()).containsExactly(Reason.ALERTAFTER_WINDOW, Reason.ALERTEVERY,
        Reason.ALERTEVERY, Reason.ALERTEVERY);
    assertThat(lab.state.period("wd {Sun-Sat}").failCount()).as("+2 +4 +10 only").isEqualTo(3);
  }

  @Test
  void alertafterNAndT_bothSet_consecutiveCheckedFirstThenTime() {
    Lab lab = Lab.service("period wd {Sun-Sat}", "    alert a.alert", "    alertafter 2",
        "    alertafter 5s");
    lab.failAt("down", T0 + 2, T0 + 4, T0 + 8, T0 + 10);

    assertThat(offsets(lab)).as("+4 starts the time window, +8 is still within it").isEqualTo("+10");
    assertThat(lab.reasons()).containsExactly(
        Reason.ALERTAFTER_CONSECUTIVE, Reason.ALERTAFTER_TIME, Reason.ALERTAFTER_TIME);
  }

  @Test
  void alertafterN_countsServiceWideFailures_soEveryPeriodSeesTheSameCount() {
    Lab lab = Lab.service("period wd {Sun-Sat}", "    alert a.alert", "    alertafter 2",
        "period p2: wd {Sun-Sat}", "    alert b.alert", "    alertafter 3");
    lab.failAt("down", T0 + 2, T0 + 4, T0 + 6);

    assertThat(lab.calls()).extracting(c -> c.command().name() + "+" + (c.time().getEpochSecond() - T0))
        .containsExactly("a.alert+4", "a.alert+6", "b.alert+6");
  }
}
