package org.lvsmon.monitor.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lvsmon.monitor.CheckResult;
import org.lvsmon.monitor.HostMetrics;
import org.lvsmon.monitor.HostState;
import org.lvsmon.monitor.ParallelProbes;

/**
 * ssh-load.monitor on real OpenSSH login nodes (test-fixtures/netns/cluster.sh): per node one
 * persistent session that sees load changes on the next sample, and each fault classified on the
 * right host within its deadlines. Deadlines: connect 1 s, banner 1 s, login 5 s, sample 1 s.
 */
class SshLoadMonitorNetnsSystemIT {
  private static final int NODES = 5;
  private static final int LOAD_NODE = 1;
  private static final int KILL_NODE = 2;
  private static final int FREEZE_NODE = 3;
  private static final int LINK_NODE = 4;
  private static final int HOSTKEY_NODE = 5;
  /** Scheduling and process start-up on a busy 2-core machine, on top of each deadline. */
  private static final Duration SLACK = Duration.ofMillis(1500);

  private static NetnsCluster cluster;
  private static ParallelProbes probes;

  @BeforeAll
  static void up() {
    cluster = NetnsCluster.up(NODES);
    probes = new ParallelProbes("ssh-load-it", 16);
  }

  @AfterAll
  static void down() {
    if (probes != null) {
      probes.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  private static SshLoadMonitor monitor() {
    return new SshLoadMonitor(probes, new SshDefaults(Path.of("/nonexistent"), "root"), Clock.systemUTC());
  }

  private static List<String> args(int node) {
    List<String> a = new ArrayList<>(List.of("-u", "root", "-i", cluster.clientKey().toString(), "-k",
        cluster.knownHosts().toString(), "-t", "1", "-b", "1", "-T", "5", "-e", "1"));
    a.add(cluster.host(node));
    return a;
  }

  private record Timed(CheckResult result, Duration took) {
    HostMetrics metrics() {
      return result.metrics().values().iterator().next();
    }
  }

  private static Timed run(SshLoadMonitor m, int node) throws InterruptedException {
    long t0 = System.nanoTime();
    CheckResult r = m.check(args(node), null);
    Timed t = new Timed(r, Duration.ofNanos(System.nanoTime() - t0));
    // the detection times the closing notes quote: one line per run in the test's output
    System.out.printf("ssh-load run on node%d: %d ms, %s%n", node, t.took().toMillis(),
        r.output().strip().replace('\n', ' '));
    return t;
  }

  @Test
  void loadChange_isSeenOnTheNextSample_overTheSameSession() throws Exception {
    cluster.load(LOAD_NODE, "1.25 0.50 0.10");
    try (SshLoadMonitor m = monitor()) {
      Timed first = run(m, LOAD_NODE);
      cluster.load(LOAD_NODE, "7.50 3.00 1.00");
      Timed second = run(m, LOAD_NODE);

      assertThat(first.result().exitValue()).as(first.result().output()).isZero();
      assertThat(first.metrics().load1()).isEqualTo(1.25);
      assertThat(first.metrics().cpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
      assertThat(second.metrics().state()).isEqualTo(HostState.UP);
      assertThat(second.metrics().load1()).isEqualTo(7.5);
      assertThat(second.metrics().load15()).isEqualTo(1.0);
      assertThat(m.openSessions()).isEqualTo(1);
      assertThat(second.metrics().latency()).isLessThan(Duration.ofSeconds(1));
    } finally {
      cluster.load(LOAD_NODE, "0.00 0.00 0.00");
    }
  }

  @Test
  void closingTheMonitor_endsTheRemoteLoop_noOrphanIsLeftOnTheNode() throws Exception {
    int before = cluster.processIds().size();
    SshLoadMonitor m = monitor();
    assertThat(run(m, LOAD_NODE).result().exitValue()).isZero();
    int during = cluster.processIds().size();

    m.close();

    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    int after = cluster.processIds().size();
    while (after != before && System.nanoTime() - end < 0) {
      Thread.sleep(50); // real processes on the node: nothing to inject a clock into
      after = cluster.processIds().size();
    }
    assertThat(during).as("the session's processes on the node").isGreaterThan(before);
    assertThat(after).as("processes on the nodes after close (before: %d, during: %d)", before, during).isEqualTo(before);
  }

  @Test
  void killedSshd_isRefused_atOnce() throws Exception {
    try (SshLoadMonitor m = monitor()) {
      assertThat(run(m, KILL_NODE).result().exitValue()).isZero();
      cluster.kill(KILL_NODE);
      try {
        Timed t = run(m, KILL_NODE);

        assertThat(t.result().output()).startsWith(cluster.host(KILL_NODE) + "\n\n" + cluster.host(KILL_NODE) + " refused: ");
        assertThat(t.metrics().state()).isEqualTo(HostState.DOWN);
        assertThat(t.took()).isLessThan(SLACK);
      } finally {
        cluster.start(KILL_NODE);
      }
    }
  }

  @Test
  void frozenNode_missesItsSample_thenGivesNoBanner_down() throws Exception {
    try (SshLoadMonitor m = monitor()) {
      assertThat(run(m, FREEZE_NODE).result().exitValue()).isZero();
      cluster.freeze(FREEZE_NODE);
      try {
        Timed t = run(m, FREEZE_NODE);

        assertThat(t.result().output()).startsWith(cluster.host(FREEZE_NODE) + "\n\n" + cluster.host(FREEZE_NODE)
            + " no banner: ").contains("(after no load sample within 1s)");
        assertThat(t.metrics().state()).isEqualTo(HostState.DOWN);
        assertThat(t.took()).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(2).plus(SLACK));
        assertThat(m.openSessions()).as("the silent session is closed").isZero();
      } finally {
        cluster.thaw(FREEZE_NODE);
      }
    }
  }

  @Test
  void partitionedNode_missesItsSample_thenConnectTimesOut_down() throws Exception {
    try (SshLoadMonitor m = monitor()) {
      assertThat(run(m, LINK_NODE).result().exitValue()).isZero();
      cluster.linkDown(LINK_NODE);
      try {
        Timed t = run(m, LINK_NODE);

        assertThat(t.result().output()).startsWith(cluster.host(LINK_NODE) + "\n\n" + cluster.host(LINK_NODE)
            + " connect timeout: ").contains("(after no load sample within 1s)");
        assertThat(t.took()).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(2).plus(SLACK));
      } finally {
        cluster.linkUp(LINK_NODE);
      }
    }
  }

  @Test
  void changedHostKey_failsTheReconnect_loudly() throws Exception {
    try (SshLoadMonitor m = monitor()) {
      assertThat(run(m, HOSTKEY_NODE).result().exitValue()).isZero();
      cluster.changeHostKey(HOSTKEY_NODE);
      cluster.kill(HOSTKEY_NODE); // ends the open session, which kept the old key
      cluster.start(HOSTKEY_NODE);

      Timed t = run(m, HOSTKEY_NODE);

      assertThat(t.result().exitValue()).isEqualTo(1);
      assertThat(t.result().output()).contains(cluster.host(HOSTKEY_NODE) + " host key mismatch: ");
      assertThat(t.metrics().state()).isEqualTo(HostState.DOWN);
    }
  }
}
