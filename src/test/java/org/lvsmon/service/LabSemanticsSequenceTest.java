package org.lvsmon.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Replays the real mon's lab-semantics run (mon-transcripts/05-lab-semantics.*), one service at a
 * time, with failures at the times mon logged them (successes, which mon does not log, fall in
 * between). Expected lines are the transcript's ALERT lines for that service.
 */
class LabSemanticsSequenceTest {
  private static final long START = 1795311259L;

  private static Lab lab(String service) {
    return Lab.resource("lab-semantics.cf", "h1", service, START);
  }

  private static long[] at(long... offsets) {
    long[] epochs = new long[offsets.length];
    for (int i = 0; i < offsets.length; i++) {
      epochs[i] = START + offsets[i];
    }
    return epochs;
  }

  @Test
  void alertafterWindow_alwaysFailing_alertsInBursts() {
    Lab win = lab("win").seq("1", at(3, 6, 8, 11, 15, 19, 23, 27, 32, 36, 40));

    assertThat(win.alertLines()).containsExactly(
        "+8s alert win.alert h1/win () 127.0.0.1",
        "+11s alert win.alert h1/win () 127.0.0.1",
        "+23s alert win.alert h1/win () 127.0.0.1",
        "+36s alert win.alert h1/win () 127.0.0.1");
  }

  @Test
  void alertafterTime_alwaysFailing_alertsOnEveryFailureAfterSixSeconds() {
    Lab tv = lab("tv").seq("1", at(3, 6, 8, 11, 15, 18, 22, 26, 31, 34, 38, 42));

    assertThat(tv.alertLines()).extracting(l -> l.split(" ")[0]).containsExactly(
        "+11s", "+15s", "+18s", "+22s", "+26s", "+31s", "+34s", "+38s", "+42s");
  }

  @Test
  void alerteveryStrict_acrossSuccess_alertsOncePerWindow() {
    Lab strict = lab("strict").seq("1 1 1 1 1 0 1", at(3, 6, 8, 11, 15, 19, 23, 27, 32, 36, 40));

    assertThat(strict.alertLines()).extracting(l -> l.split(" ")[0])
        .containsExactly("+3s", "+11s", "+23s", "+32s", "+40s");
  }

  @Test
  void observeDetail_constantOutput_alertsOnce() {
    // In this run the monitor printed a constant detail (see the transcripts' README).
    Lab detail = lab("detail").failAt("127.0.0.1\nconstant detail\n", at(2, 6, 8, 11, 14, 18, 22));

    assertThat(detail.alertLines()).containsExactly("+2s alert detail.alert h1/detail () 127.0.0.1");
  }

  @Test
  void alertevery_constantSummary_alertsOnce() {
    Lab summ = lab("summ").seq("1", at(3, 6, 8, 11, 14, 18, 22, 26, 31));

    assertThat(summ.alertLines()).containsExactly("+3s alert summ.alert h1/summ () 127.0.0.1");
  }

  @Test
  void numalerts2_alwaysFailing_alertsTwice() {
    Lab numal = lab("numal").seq("1", at(3, 6, 8, 10, 11, 14, 16, 18, 20, 21, 24));

    assertThat(numal.alertLines()).containsExactly(
        "+3s alert numal.alert h1/numal () 127.0.0.1",
        "+6s alert numal.alert h1/numal () 127.0.0.1");
  }

  @Test
  void noCompAlerts_failSucceedThreeTimesWithoutDownAlert_sendsExactlyOneUpalert() {
    Lab nocomp = lab("nocomp").seq("1 0 1 0 1 0", at(3, 6, 8, 11, 15, 18, 20, 22));

    assertThat(nocomp.alertLines()).containsExactly("+6s upalert nocompup.alert h1/nocomp () 127.0.0.1");
  }

  @Test
  void upalert_outageWithoutDownAlert_isSuppressed() {
    Lab comp = lab("comp").seq("1 0 1 0", at(3, 6, 8, 11, 13));

    assertThat(comp.alertLines()).isEmpty();
    assertThat(comp.reasons()).containsExactly(
        Decision.Reason.ALERTAFTER_CONSECUTIVE, Decision.Reason.NO_DOWN_ALERT_FOR_UPALERT,
        Decision.Reason.ALERTAFTER_CONSECUTIVE, Decision.Reason.NO_DOWN_ALERT_FOR_UPALERT);
  }

  @Test
  void startupalert_countsAsSent_soFirstRecoveryUpalertsWithoutDownAlert() {
    Lab startup = lab("startup");
    startup.at(START, new ServiceEvent.Startup());
    startup.seq("1 0", at(3, 6, 8));

    assertThat(startup.alertLines()).containsExactly(
        "+0s startupalert startup.alert h1/startup () (NO SUMMARY)",
        "+6s upalert startupup.alert h1/startup () 127.0.0.1");
  }

  @Test
  void exitRanges_exit2ThenExit4_callOnlyMatchingEntries() {
    Lab exitr = lab("exitr").seq("2 4", at(3, 6, 8));

    assertThat(exitr.alertLines()).containsExactly(
        "+3s alert exit2.alert h1/exitr () 127.0.0.1",
        "+3s alert exitany.alert h1/exitr () 127.0.0.1",
        "+6s alert exit35.alert h1/exitr () 127.0.0.1",
        "+6s alert exitany.alert h1/exitr () 127.0.0.1",
        "+8s alert exit35.alert h1/exitr () 127.0.0.1",
        "+8s alert exitany.alert h1/exitr () 127.0.0.1");
    assertThat(exitr.calls()).extracting(c -> c.env().get("MON_RETVAL"))
        .containsExactly("2", "2", "4", "4", "4", "4");
  }

  @Test
  void periodNone_neverAlertsNorUpalerts() {
    Lab never = lab("never").seq("1 1 0", at(3, 6, 8));

    assertThat(never.alertLines()).isEmpty();
  }

  @Test
  void twoPeriods_decideIndependently_andBothUpalert() {
    Lab twop = lab("twop").seq("1 1 1 0", at(3, 6, 8, 11));

    assertThat(twop.alertLines()).containsExactly(
        "+3s alert twop1.alert h1/twop () 127.0.0.1",
        "+6s alert twop1.alert h1/twop () 127.0.0.1",
        "+6s alert twop2.alert h1/twop () 127.0.0.1",
        "+8s alert twop1.alert h1/twop () 127.0.0.1",
        "+8s alert twop2.alert h1/twop () 127.0.0.1",
        "+11s upalert twop1up.alert h1/twop () 127.0.0.1",
        "+11s upalert twop2up.alert h1/twop () 127.0.0.1");
  }
}
