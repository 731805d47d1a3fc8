package org.lvsmon.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lvsmon.balance.BalanceFixture.binding;
import static org.lvsmon.balance.BalanceFixture.rs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lvsmon.config.ServiceRef;
import org.lvsmon.ipvs.ForwardingMethod;
import org.lvsmon.ipvs.ServiceKey;

/**
 * A reload's new {@code balance} lines ({@link BalanceRunner#replan}), against the reload failures
 * keepalived's users reported: weights stuck at 0 after a reload (#187), weights not updated
 * (#1354), a failed server never re-added (#608, #1720); and a drained server a reload must not
 * bring back.
 */
class BalanceReloadTest {
  private static final ServiceRef LOGIN = new ServiceRef("login", "load");
  private final BalanceFixture f = new BalanceFixture();
  private ServiceKey ssh;
  private BalanceRunner runner;

  @BeforeEach
  void setUp() throws Exception {
    ssh = f.service(ServiceKey.tcp("10.99.0.1", 22), 1, 2, 3);
    runner = f.runner(Duration.ofSeconds(10), binding(LOGIN, ssh, 1, 2, 3));
  }

  @AfterEach
  void tearDown() {
    runner.close();
  }

  private void result(Map<String, Double> loads) throws Exception {
    runner.result(LOGIN, f.result(loads), f.now);
    runner.awaitQueued();
  }

  private List<Integer> weights() throws Exception {
    return List.of(f.weight(ssh, 1), f.weight(ssh, 2), f.weight(ssh, 3));
  }

  private static BalancePlan plan(BalancePlan.Binding... b) {
    return new BalancePlan(List.of(b), List.of());
  }

  private static BalancePlan.Binding withPolicy(BalancePlan.Binding b, BalancePolicy p) {
    BalanceSpec s = b.spec();
    return new BalancePlan.Binding(b.service(), new BalanceSpec(s.service(), s.realPort(), s.forward(), p, s.file(),
        s.line()), b.realServers());
  }

  @Test
  void unchangedLines_keepTheStanding_writeNothing_andASlowStartGoesOn() throws Exception {
    result(Map.of("n1", 0.0, "n2", 0.0, "n3", -1.0));
    f.now = f.now.plusSeconds(10);
    result(Map.of("n1", 0.0, "n2", 0.0, "n3", 0.0)); // n3 back: slow start from the floor
    List<Integer> before = weights();
    assertThat(before.get(2)).isBetween(1, 99);

    // the same lines, moved to another line of the file
    BalancePlan.Binding moved = binding(LOGIN, ssh, 1, 2, 3);
    BalanceSpec s = moved.spec();
    String summary = runner.replan(plan(new BalancePlan.Binding(LOGIN, new BalanceSpec(s.service(), s.realPort(),
        s.forward(), s.policy(), Path.of("other.cf"), 40), moved.realServers())));

    assertThat(summary).contains("1 unchanged, 0 new or changed, 0 real server(s) quiesced");
    assertThat(weights()).isEqualTo(before);
    f.now = f.now.plusSeconds(10);
    result(Map.of("n1", 0.0, "n2", 0.0, "n3", 0.0));
    assertThat(f.weight(ssh, 3)).as("the ramp goes on, not restarted").isGreaterThan(before.get(2)).isLessThan(100);
  }

  @Test
  void changedPolicy_weightsFollowTheNewCeiling_atTheNextResult_issue1354() throws Exception {
    result(Map.of("n1", 0.0, "n2", 0.0, "n3", 0.0));
    assertThat(weights()).containsExactly(100, 100, 100);
    BalancePolicy p = BalanceFixture.POLICY;
    BalancePolicy lower = new BalancePolicy(p.floor(), 50, p.fullLoad(), p.smoothing(), p.deadband(), p.maxStep(),
        p.slowStart(), p.failStatic());

    runner.replan(plan(withPolicy(binding(LOGIN, ssh, 1, 2, 3), lower)));
    assertThat(weights()).as("nothing written by the reload itself").containsExactly(100, 100, 100);
    result(Map.of("n1", 0.0, "n2", 0.0, "n3", 0.0));

    assertThat(weights()).containsExactly(50, 50, 50);
  }

  @Test
  void aServerAtZeroWhenTheConfigChanges_comesBackByItsHealth_notStuckAtZero_issue187() throws Exception {
    result(Map.of("n1", 0.0, "n2", 0.0, "n3", -1.0));
    assertThat(f.weight(ssh, 3)).isZero();
    BalancePolicy p = BalanceFixture.POLICY;

    runner.replan(plan(withPolicy(binding(LOGIN, ssh, 1, 2, 3), new BalancePolicy(p.floor(), 80, p.fullLoad(),
        p.smoothing(), p.deadband(), p.maxStep(), p.slowStart(), p.failStatic()))));
    f.now = f.now.plusSeconds(5);
    result(Map.of("n1", 0.0, "n2", 0.0, "n3", 0.0));
    assertThat(f.weight(ssh, 3)).as("slow start from the floor").isBetween(1, 79);
    f.now = f.now.plusSeconds(120);
    result(Map.of("n1", 0.0, "n2", 0.0, "n3", 0.0));

    assertThat(weights()).containsExactly(80, 80, 80);
  }

  @Test
  void aServerMissingFromTheKernel_isAddedAgainAfterAReload_issue608_1720() throws Exception {
    result(Map.of("n1", 0.0, "n2", 0.0, "n3", 0.0));
    f.ipvs.deleteRealServer(ssh, rs(2)); // gone, e.g. by a hand-run ipvsadm -d or a failed add

    runner.replan(plan(withPolicy(binding(LOGIN, ssh, 1, 2, 3), new BalancePolicy(1, 90, 2.0, Duration.ZERO, 0, 100,
        Duration.ofSeconds(60), 1.0))));
    result(Map.of("n1", 0.0, "n2", 0.0, "n3", 0.0));

    assertThat(f.weight(ssh, 2)).as("added again, from the floor (slow start)").isEqualTo(1);
    f.now = f.now.plusSeconds(120);
    result(Map.of("n1", 0.0, "n2", 0.0, "n3", 0.0));
    assertThat(weights()).containsExactly(90, 90, 90);
    assertThat(f.ipvs.realServers(ssh).stream().filter(r -> r.endpoint().equals(rs(2))).findFirst().orElseThrow()
        .forwarding()).isEqualTo(ForwardingMethod.ROUTE);
  }

  @Test
  void aDrainedServer_staysDrained_throughAReloadThatKeepsOrChangesItsLine() throws Exception {
    result(Map.of("n1", 0.0, "n2", 0.0, "n3", 0.0));
    runner.drain("n2", "kernel upgrade");
    runner.awaitQueued();

    runner.replan(plan(binding(LOGIN, ssh, 1, 2, 3)));
    result(Map.of("n1", 0.0, "n2", 0.0, "n3", 0.0));
    assertThat(f.weight(ssh, 2)).isZero();
    runner.replan(plan(withPolicy(binding(LOGIN, ssh, 1, 2, 3), new BalancePolicy(1, 70, 2.0, Duration.ZERO, 0, 100,
        Duration.ofSeconds(60), 1.0))));
    result(Map.of("n1", 0.0, "n2", 0.0, "n3", 0.0));

    assertThat(weights()).containsExactly(70, 0, 70);
    assertThat(runner.drained()).containsEntry("n2", "kernel upgrade");
  }

  @Test
  void aHostTakenOutOfTheWatch_isQuiesced_andItsDrainDropped_whileAVirtualServiceNoLongerDrivenIsLeftAsItIs()
      throws Exception {
    ServiceRef other = new ServiceRef("web", "load");
    ServiceKey web = f.service(ServiceKey.tcp("10.99.0.2", 80), 4);
    runner.close();
    runner = f.runner(Duration.ofSeconds(10), binding(LOGIN, ssh, 1, 2, 3), binding(other, web, 4));
    result(Map.of("n1", 0.0, "n2", 0.0, "n3", 0.0));
    runner.result(other, f.result(Map.of("n4", 1.0)), f.now);
    runner.drain("n3", "gone soon");
    runner.awaitQueued();
    int webWeight = f.weight(web, 4);
    f.ipvs.setWeight(ssh, rs(3), 100); // drift while drained; the quiesce below sets it back to 0

    String summary = runner.replan(plan(binding(LOGIN, ssh, 1, 2)));

    assertThat(summary).contains("1 balance service(s)").contains("1 real server(s) quiesced");
    assertThat(f.weight(ssh, 3)).as("quiesced, still in the kernel").isZero();
    assertThat(f.weight(web, 4)).as("no longer driven: left as it is").isEqualTo(webWeight);
    assertThat(runner.drained()).doesNotContainKey("n3");
    assertThat(runner.drives(other)).isFalse();
    runner.result(other, f.result(Map.of("n4", -1.0)), f.now);
    runner.awaitQueued();
    assertThat(f.weight(web, 4)).isEqualTo(webWeight);
  }

  @Test
  void aResultQueuedAfterTheReload_usesTheNewLines() throws Exception {
    result(Map.of("n1", 0.0, "n2", 0.0, "n3", 0.0));
    BalancePolicy half = new BalancePolicy(1, 50, 2.0, Duration.ZERO, 0, 100, Duration.ofSeconds(60), 1.0);

    runner.replan(plan(withPolicy(binding(LOGIN, ssh, 1, 2, 3), half)));
    runner.result(LOGIN, f.result(Map.of("n1", 0.0, "n2", 0.0, "n3", 0.0)), f.now);
    runner.awaitQueued();

    assertThat(weights()).containsExactly(50, 50, 50);
  }

  @Test
  void weightsSavedAtStop_areComparedWithTheKernelAtTheFirstResult_andAChangeWhileStoppedIsLogged() throws Exception {
    result(Map.of("n1", 0.0, "n2", 0.5, "n3", 0.0));
    List<org.lvsmon.state.StateJournal.Weight> saved = runner.weights();
    assertThat(saved).extracting(w -> w.host() + "=" + w.weight()).containsExactly("n1=100", "n2=75", "n3=100");
    runner.close();
    f.ipvs.setWeight(ssh, rs(3), 5); // by hand, while lvsmon is not running
    runner = f.runner(Duration.ofSeconds(10), binding(LOGIN, ssh, 1, 2, 3));
    runner.restoreWeights(saved);

    try (org.lvsmon.monitor.exec.LogCapture logs = org.lvsmon.monitor.exec.LogCapture.of(BalanceRunner.class)) {
      result(Map.of("n1", 0.0, "n2", 0.5, "n3", 0.0));

      assertThat(logs.messages(ch.qos.logback.classic.Level.WARN)).containsExactly("[login/load] balance TCP"
          + " 10.99.0.1:22: 10.0.0.3:22 (n3) weight was 100 when lvsmon stopped, the kernel has 5: changed while"
          + " lvsmon was not running");
    }
    assertThat(weights()).containsExactly(100, 75, 100);
  }
}
