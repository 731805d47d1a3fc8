package org.lvsmon.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lvsmon.config.DepBehavior;
import org.lvsmon.config.ServiceRef;

/**
 * Replays the real mon's lab-semantics2 run (mon-transcripts/06-lab-semantics2.*): alertevery
 * across a success, observe_detail, dependencies, ack and disable, at the measured times.
 */
class LabSemantics2SequenceTest {
  private static final long START = 1795311336L;

  private static Lab lab(String group, String service) {
    return Lab.resource("lab-semantics2.cf", group, service, START);
  }

  private static long[] at(long... offsets) {
    long[] epochs = new long[offsets.length];
    for (int i = 0; i < offsets.length; i++) {
      epochs[i] = START + offsets[i];
    }
    return epochs;
  }

  private static String offsets(Lab lab) {
    return String.join(" ", lab.alertLines().stream().map(l -> l.split(" ")[0]).toList());
  }

  @Test
  void alertevery_successResetsTimer_failureAfterSuccessAlerts() {
    Lab plain = lab("h1", "plain").seq("1 1 0 1", at(3, 6, 8, 10, 12, 14, 16));

    assertThat(offsets(plain)).isEqualTo("+3s +10s");
  }

  @Test
  void alerteveryStrict_successDoesNotResetTimer() {
    Lab strict = lab("h1", "strict").seq("1 1 0 1", at(3, 6, 8, 10, 12, 14, 16));

    assertThat(offsets(strict)).isEqualTo("+3s");
  }

  @Test
  void observeDetail_detailChangesEveryRun_alertsEveryFailure() {
    Lab detail = lab("h1", "detail").seq("1", at(3, 6, 8, 10, 11, 14, 16));

    assertThat(offsets(detail)).isEqualTo("+3s +6s +8s +10s +11s +14s +16s");
  }

  @Test
  void dependBehaviorA_parentFailing_dropsChildAlertsUntilParentRecovers() {
    Lab ping = lab("pinggrp", "ping");
    Lab depa = lab("h1", "depa");
    DependencyEvaluator deps = new DependencyEvaluator(10,
        ref -> ping.config.service(ref),
        ref -> ref.equals(new ServiceRef("pinggrp", "ping")) ? ping.state.opStatus() : OpStatus.FAIL);
    long[] parent = at(3, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24);
    long[] child = at(3, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 27);
    int p = 0;
    for (long t : child) {
      while (p < parent.length && parent[p] <= t) {
        ping.seq("0 0 0 0 1 1 1 1 1 0", parent[p++]);
      }
      depa.with(c -> c.withDependency(deps.check(depa.service, DepBehavior.ALERT))).fail(t, "127.0.0.1\n");
    }

    assertThat(offsets(ping)).isEqualTo("+12s +14s +16s +18s +20s");
    assertThat(offsets(depa)).isEqualTo("+3s +6s +8s +10s +22s +24s +27s");
    assertThat(depa.reasons()).containsOnly(Decision.Reason.DEPENDENCY);
  }

  @Test
  void dependBehaviorM_doesNotGateAlerts() {
    Lab depm = lab("h1", "depm").with(c -> c.withDependency(false));
    depm.seq("1", at(3, 6, 8, 10, 11, 24, 28));

    assertThat(offsets(depm)).isEqualTo("+3s +6s +8s +10s +11s +24s +28s");
  }

  @Test
  void ack_suppressesFailureAlerts_sendsAckalert_andUpalertStillFollows() {
    Lab acked = lab("h1", "acked").seq("1 1 1 1 1 1 1 0", at(3, 6, 8));
    acked.at(START + 9, new ServiceEvent.Ack("", "on"));
    acked.seq("1 1 1 1 1 1 1 0", at(10, 12, 14, 16, 18));

    assertThat(acked.alertLines()).containsExactly(
        "+3s alert acked.alert h1/acked () 127.0.0.1",
        "+6s alert acked.alert h1/acked () 127.0.0.1",
        "+8s alert acked.alert h1/acked () 127.0.0.1",
        "+9s ackalert ackedack.alert h1/acked () : on",
        "+18s upalert ackedup.alert h1/acked () 127.0.0.1");
    assertThat(acked.reasons()).containsExactly(
        Decision.Reason.ACKED, Decision.Reason.ACKED, Decision.Reason.ACKED, Decision.Reason.ACKED);
  }

  @Test
  void disableService_dropsAlertsWhileDisabled_andDisablealertNeverFires() {
    Lab dis = lab("h1", "dis").seq("1", at(3, 6, 8));
    dis.with(c -> c.withServiceDisabled(true)).at(START + 8, new ServiceEvent.DisableAlert(""));
    dis.seq("1", at(10, 12, 14));
    dis.with(c -> c.withServiceDisabled(false)).seq("1", at(16, 18));

    assertThat(offsets(dis)).isEqualTo("+3s +6s +8s +16s +18s");
    assertThat(dis.calls()).extracting(c -> c.command().name()).containsOnly("dis.alert");
    assertThat(dis.reasons()).containsExactly(
        Decision.Reason.DISABLED, Decision.Reason.DISABLED, Decision.Reason.DISABLED, Decision.Reason.DISABLED);
  }

  @Test
  void evaluator_labConfig_parentUntestedCountsAsPassing() {
    Lab depa = lab("h1", "depa");
    DependencyEvaluator deps = DependencyEvaluator.of(depa.config, ref -> OpStatus.UNTESTED);

    assertThat(deps.check(depa.service, DepBehavior.ALERT)).isTrue();
  }
}
