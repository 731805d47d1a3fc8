package org.lvsmon.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lvsmon.alert.AlertCall;

/**
 * Replays the real mon's lab-edge run (mon-transcripts/07-lab-edge.*); the environments are
 * compared with 07-lab-edge.alerts.detail minus the three directories the daemon adds.
 */
class LabEdgeSequenceTest {
  private static final long START = 1795311259L;

  private static Lab lab(String group, String service) {
    return Lab.resource("lab-edge.cf", group, service, START);
  }

  @Test
  void noOutput_failure_alertsWithNoSummaryAndEmptyStdin_thenAlerteverySuppresses() {
    Lab noout = lab("h2", "noout");
    noout.result(START + 3, 3, "");
    noout.result(START + 5, 3, "");

    assertThat(noout.alertLines()).containsExactly("+3s alert noout.alert h2/noout () (NO SUMMARY)");
    AlertCall call = noout.calls().get(0);
    assertThat(call.stdin()).isEmpty();
    assertThat(call.env()).containsExactly(
        entry("MON_LAST_SUMMARY", "(NO SUMMARY)"),
        entry("MON_LAST_FAILURE", "1795311262"),
        entry("MON_FIRST_FAILURE", "1795311262"),
        entry("MON_FIRST_SUCCESS", ""),
        entry("MON_LAST_SUCCESS", "0"),
        entry("MON_DESCRIPTION", "fails with no output"),
        entry("MON_GROUP", "h2"),
        entry("MON_SERVICE", "noout"),
        entry("MON_RETVAL", "3"),
        entry("MON_OPSTATUS", "0"),
        entry("MON_ALERTTYPE", "failure"));
  }

  @Test
  void signalKilledMonitor_exitZero_isSuccessWithoutAlert() {
    Lab sig = lab("h2", "sig");
    sig.ok(START + 3, "");

    assertThat(sig.calls()).isEmpty();
    assertThat(sig.state.opStatus()).isEqualTo(OpStatus.OK);
    assertThat(sig.state.lastSummary()).as("split of an empty output gives undef").isNull();
  }

  @Test
  void failureInterval_switchesOnFirstFailureAndBackOnSuccess() {
    Lab fint = lab("h2", "fint");
    Transition first = fint.seq("1 1 1 0", START + 3).transitions.get(0);
    fint.seq("1 1 1 0", START + 10, START + 16);
    Transition recovery = fint.seq("1 1 1 0", START + 21).transitions.get(3);

    assertThat(fint.alertLines()).extracting(l -> l.split(" ")[0]).containsExactly("+3s", "+10s", "+16s");
    assertThat(first.intents(Intent.IntervalChange.class))
        .containsExactly(new Intent.IntervalChange(Duration.ofSeconds(5)));
    assertThat(fint.transitions.get(1).intents(Intent.IntervalChange.class)).isEmpty();
    assertThat(recovery.intents(Intent.IntervalChange.class))
        .containsExactly(new Intent.IntervalChange(Duration.ofSeconds(2)));
    assertThat(recovery.next().effectiveInterval(fint.service)).isEqualTo(Duration.ofSeconds(2));
    assertThat(recovery.intents(Intent.DowntimeRecord.class).get(0).line())
        .as("the downtime log shows the interval in force while failing")
        .isEqualTo("1795311280 h2 fint 1795311262 18 5 127.0.0.1 localhost");
  }

  @Test
  void failureInterval_whileFailing_isTheEffectiveInterval() {
    Lab fint = lab("h2", "fint").seq("1", START + 3);

    assertThat(fint.state.onFailureInterval()).isTrue();
    assertThat(fint.state.effectiveInterval(fint.service)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void serviceEnvAndQuotedArgs_reachTheAlert_secondAlertSeesPreviousOutput() {
    Lab noargs = lab("h2", "noargs");
    String out = "argc=2 argv=--x quoted arg\n[--x][quoted arg]\nFOO_BAR=hello world\n";
    noargs.fail(START + 3, out);
    noargs.fail(START + 8, out);

    assertThat(noargs.alertLines()).containsExactly(
        "+3s alert noargs.alert h2/noargs (\"a b\" c) argc=2 argv=--x quoted arg",
        "+8s alert noargs.alert h2/noargs (\"a b\" c) argc=2 argv=--x quoted arg");
    List<AlertCall> calls = noargs.calls();
    assertThat(calls.get(0).arguments()).containsExactly(
        "-s", "noargs", "-g", "h2", "-h", "127.0.0.1 localhost", "-t", "1795311262", "a b", "c");
    assertThat(calls.get(0).env()).containsEntry("FOO_BAR", "hello world").doesNotContainKey("MON_LAST_OUTPUT");
    assertThat(calls.get(1).env())
        .containsEntry("MON_LAST_OUTPUT", out)
        .containsEntry("MON_FIRST_FAILURE", "1795311262")
        .containsEntry("MON_LAST_FAILURE", "1795311267");
  }

  @Test
  void alertHosts_areTheGroupsEnabledHosts_notMinusExcludeHosts() {
    Lab excl = lab("h3", "excl");
    excl.fail(START + 3, "argc=0 argv=\n\n");

    assertThat(excl.calls().get(0).arguments()).containsSequence("-h", "127.0.0.2");
  }

  @Test
  void hungMonitor_laterFailure_alertsWithItsSummary() {
    Lab hang = lab("h2", "hang").seq("1:slow@15 0", START + 17);

    assertThat(hang.alertLines()).containsExactly("+17s alert hang.alert h2/hang () slow");
  }
}
