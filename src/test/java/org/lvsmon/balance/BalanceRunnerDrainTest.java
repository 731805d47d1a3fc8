package org.lvsmon.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.lvsmon.balance.BalanceFixture.binding;

import ch.qos.logback.classic.Level;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lvsmon.config.ServiceRef;
import org.lvsmon.ipvs.ServiceKey;
import org.lvsmon.monitor.exec.LogCapture;

/** Drain and undrain on the runner's thread, against the memory kernel. */
class BalanceRunnerDrainTest {
  private static final ServiceRef LOGIN = new ServiceRef("login", "load");
  private static final ServiceRef SFTP = new ServiceRef("sftp", "load");
  private final BalanceFixture f = new BalanceFixture();
  private ServiceKey ssh;
  private ServiceKey sftp;
  private BalanceRunner runner;
  private LogCapture logs;

  @BeforeEach
  void setUp() throws Exception {
    ssh = f.service(ServiceKey.tcp("10.99.0.1", 22), 1, 2, 3);
    sftp = f.service(ServiceKey.tcp("10.99.0.2", 22), 2, 4);
    runner = f.runner(Duration.ofSeconds(10), binding(LOGIN, ssh, 1, 2, 3), binding(SFTP, sftp, 2, 4));
    logs = LogCapture.of(BalanceRunner.class);
  }

  @AfterEach
  void tearDown() {
    logs.close();
    runner.close();
  }

  private void idle(ServiceRef ref, String... hosts) throws Exception {
    Map<String, Double> loads = new LinkedHashMap<>();
    for (String h : hosts) {
      loads.put(h, 0.0);
    }
    runner.result(ref, f.result(loads), f.now);
    runner.awaitQueued();
  }

  @Test
  void drain_setsTheKernelWeightToZeroAtOnce_withoutWaitingForAResult() throws Exception {
    idle(LOGIN, "n1", "n2", "n3");
    assertThat(f.weight(ssh, 2)).isEqualTo(100);

    assertThat(runner.drain("n2", "kernel upgrade")).isTrue();
    runner.awaitQueued();

    assertThat(f.weight(ssh, 2)).isZero();
    assertThat(f.weight(ssh, 1)).isEqualTo(100);
    assertThat(runner.drained()).containsExactly(entry("n2", "kernel upgrade"));
    assertThat(logs.messages(Level.INFO))
        .contains("[login/load] balance TCP 10.99.0.1:22: 10.0.0.2:22 (n2) weight 100 -> 0 (drained: kernel upgrade)");
  }

  @Test
  void drainedHost_staysAtZero_whileHealthyResultsArrive() throws Exception {
    runner.drain("n2", "");
    for (int i = 0; i < 5; i++) {
      f.now = f.now.plusSeconds(5);
      idle(LOGIN, "n1", "n2", "n3");
      assertThat(f.weight(ssh, 2)).as("result %d", i).isZero();
    }
    assertThat(f.weight(ssh, 1)).isEqualTo(100);
  }

  @Test
  void driftOnADrainedServer_isRepairedToZero() throws Exception {
    idle(LOGIN, "n1", "n2", "n3");
    runner.drain("n2", "disk swap");
    runner.awaitQueued();
    f.ipvs.setWeight(ssh, BalanceFixture.rs(2), 50); // someone's ipvsadm

    f.now = f.now.plusSeconds(5);
    idle(LOGIN, "n1", "n2", "n3");

    assertThat(f.weight(ssh, 2)).isZero();
    assertThat(logs.messages(Level.INFO)).contains(
        "[login/load] balance TCP 10.99.0.1:22: 10.0.0.2:22 (n2) weight 50 -> 0 (drained: disk swap)");
  }

  @Test
  void undrain_startsAtTheFloorAtOnce_thenRampsBySlowStart() throws Exception {
    idle(LOGIN, "n1", "n2", "n3");
    runner.drain("n2", "");
    f.now = f.now.plusSeconds(5);
    idle(LOGIN, "n1", "n2", "n3");
    f.now = f.now.plusSeconds(5);

    assertThat(runner.undrain("n2")).isTrue();
    runner.awaitQueued();
    assertThat(f.weight(ssh, 2)).isEqualTo(1);
    assertThat(runner.drained()).isEmpty();

    f.now = f.now.plusSeconds(15); // a quarter of slow start: 1 + 99 / 4
    idle(LOGIN, "n1", "n2", "n3");
    assertThat(f.weight(ssh, 2)).isEqualTo(25);
    f.now = f.now.plusSeconds(15);
    idle(LOGIN, "n1", "n2", "n3");
    assertThat(f.weight(ssh, 2)).isEqualTo(50);
    f.now = f.now.plusSeconds(30);
    idle(LOGIN, "n1", "n2", "n3");
    assertThat(f.weight(ssh, 2)).isEqualTo(100);
  }

  @Test
  void undrain_ofAFailingHost_keepsItAtZero() throws Exception {
    runner.drain("n2", "");
    runner.result(LOGIN, f.result(Map.of("n1", 0.0, "n2", -1.0, "n3", 0.0)), f.now);
    runner.awaitQueued();

    runner.undrain("n2");
    runner.awaitQueued();

    assertThat(f.weight(ssh, 2)).isZero();
  }

  @Test
  void hostInTwoServices_isDrainedInBoth_andUndrainedInBoth() throws Exception {
    idle(LOGIN, "n1", "n2", "n3");
    idle(SFTP, "n2", "n4");

    runner.drain("n2", "reboot");
    runner.awaitQueued();
    assertThat(f.weight(ssh, 2)).isZero();
    assertThat(f.weight(sftp, 2)).isZero();

    runner.undrain("n2");
    runner.awaitQueued();
    assertThat(f.weight(ssh, 2)).isEqualTo(1);
    assertThat(f.weight(sftp, 2)).isEqualTo(1);
  }

  @Test
  void drainOfAHostThatIsNoRealServer_isFalse_andUndrainOfAHostNotDrained_isFalse() {
    assertThat(runner.drain("n9", "typo")).isFalse();
    assertThat(runner.undrain("n1")).isFalse();
    assertThat(runner.drained()).isEmpty();
  }

  @Test
  void drainBeforeAnyResult_isWrittenAtOnce_andUndrainLeavesItToTheNextResult() throws Exception {
    runner.drain("n3", "");
    runner.awaitQueued();
    assertThat(f.weight(ssh, 3)).isZero();

    runner.undrain("n3");
    runner.awaitQueued();
    assertThat(f.weight(ssh, 3)).as("health unknown until a result").isZero();

    idle(LOGIN, "n1", "n2", "n3");
    assertThat(f.weight(ssh, 3)).isEqualTo(1);
  }

  @Test
  void restoreDrains_drainsAgainInTheSavedOrder_andDropsHostsThatAreNoLongerRealServers() throws Exception {
    Map<String, String> saved = new LinkedHashMap<>();
    saved.put("n3", "bad dimm");
    saved.put("gone", "decommissioned");
    saved.put("n1", "");

    runner.restoreDrains(saved);
    runner.awaitQueued();

    assertThat(runner.drained()).containsExactly(entry("n3", "bad dimm"), entry("n1", ""));
    assertThat(f.weight(ssh, 3)).isZero();
    assertThat(f.weight(ssh, 1)).isZero();
    assertThat(logs.messages(Level.WARN)).anyMatch(m -> m.contains("drain of gone not restored"));
  }
}
