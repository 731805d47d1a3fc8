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
import org.lvsmon.monitor.ParallelProbes;

/**
 * ssh.monitor on real OpenSSH login nodes (test-fixtures/netns/cluster.sh): all nodes checked in
 * one run, each fault classified on the right host within its deadline, the healthy nodes not
 * reported. Deadlines: connect 1 s, banner 1 s, login 5 s.
 */
class SshMonitorNetnsSystemIT {
  private static final int NODES = 5;
  private static final int KILL_NODE = 2;
  private static final int FREEZE_NODE = 3;
  private static final int LINK_NODE = 4;
  private static final int HOSTKEY_NODE = 5;
  private static final Duration SLACK = Duration.ofMillis(1500);

  private static NetnsCluster cluster;
  private static ParallelProbes probes;

  @BeforeAll
  static void up() {
    cluster = NetnsCluster.up(NODES);
    probes = new ParallelProbes("ssh-it", 16);
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

  private static CheckResult check(boolean auth) throws InterruptedException {
    List<String> a = new ArrayList<>(List.of("-t", "1", "-b", "1"));
    if (auth) {
      a.addAll(List.of("--auth", "-T", "5", "-u", "root", "-i", cluster.clientKey().toString(), "-k",
          cluster.knownHosts().toString()));
    }
    for (int i = 1; i <= NODES; i++) {
      a.add(cluster.host(i));
    }
    return new SshMonitor(probes, new SshDefaults(Path.of("/nonexistent"), "root"), Clock.systemUTC()).check(a, null);
  }

  @Test
  void everyFault_isClassifiedOnItsHost_inOneParallelRun_withinTheDeadlines() throws Exception {
    assertThat(check(true).exitValue()).as("all healthy first").isZero();
    cluster.kill(KILL_NODE);
    cluster.freeze(FREEZE_NODE);
    cluster.linkDown(LINK_NODE);
    cluster.changeHostKey(HOSTKEY_NODE);
    try {
      long t0 = System.nanoTime();
      CheckResult banner = check(false);
      Duration bannerTook = Duration.ofNanos(System.nanoTime() - t0);
      CheckResult login = check(true);

      String h2 = cluster.host(KILL_NODE);
      String h3 = cluster.host(FREEZE_NODE);
      String h4 = cluster.host(LINK_NODE);
      String h5 = cluster.host(HOSTKEY_NODE);
      assertThat(banner.summary()).isEqualTo(String.join(" ", h2, h3, h4));
      assertThat(banner.detail()).contains(h2 + " refused: ", h3 + " no banner: ", h4 + " connect timeout: ");
      assertThat(bannerTook).as("hosts are checked in parallel: one deadline, not three").isLessThan(
          Duration.ofSeconds(2).plus(SLACK));
      assertThat(login.summary()).isEqualTo(String.join(" ", h2, h3, h4, h5));
      assertThat(login.detail()).contains(h5 + " host key mismatch: ");
      assertThat(login.detail()).doesNotContain(cluster.host(1) + " ");
    } finally {
      cluster.start(KILL_NODE);
      cluster.thaw(FREEZE_NODE);
      cluster.linkUp(LINK_NODE);
    }
  }
}
