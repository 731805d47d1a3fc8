package org.lvsmon.monitor.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lvsmon.monitor.ssh.NetnsCluster.Ran;

/**
 * Proves the real-OpenSSH harness (test-fixtures/netns/cluster.sh) with the real OpenSSH client and
 * plain sockets: each fault looks, from the director's side, like what it stands for. Each test
 * owns one node and leaves it as it found it, except the host key test's node, which no other test uses.
 */
class NetnsClusterSystemIT {
  private static final Duration SSH_TIMEOUT = Duration.ofSeconds(20);
  /** The banner deadline the SSH monitors are tested with; a frozen sshd must miss it. */
  private static final int BANNER_DEADLINE_MILLIS = 2000;
  private static final int LOAD_NODE = 1;
  private static final int KILL_NODE = 2;
  private static final int FREEZE_NODE = 3;
  private static final int LINK_NODE = 4;
  private static final int HOSTKEY_NODE = 5;

  private static NetnsCluster cluster;

  @BeforeAll
  static void up() {
    cluster = NetnsCluster.up(5);
  }

  @AfterAll
  static void down() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void node_answersCatProcLoadavg_withItsOwnFakeLoad() {
    cluster.load(LOAD_NODE, "1.25 0.50 0.10");
    cluster.load(LOAD_NODE + 1, "9.00 9.00 9.00");

    Ran ran = cluster.ssh(LOAD_NODE, SSH_TIMEOUT, "cat /proc/loadavg; hostname");

    assertThat(ran.exit()).as("ssh node%d: %s", LOAD_NODE, ran.output()).isZero();
    assertThat(ran.stdout().lines().map(String::strip).toList())
        .containsExactly("1.25 0.50 0.10 1/128 4242", "node" + LOAD_NODE);
    cluster.load(LOAD_NODE + 1, "0.00 0.00 0.00");
  }

  @Test
  void load_changesTheFileInPlace_theNextReadSeesTheNewLoad() throws IOException {
    cluster.load(LOAD_NODE, "0.10 0.20 0.30");
    Object inode = Files.getAttribute(cluster.loadavgFile(LOAD_NODE), "unix:ino");
    assertThat(loadOf(LOAD_NODE)).isEqualTo("0.10 0.20 0.30 1/128 4242");

    cluster.load(LOAD_NODE, "12.00 8.50 4.25 3/900 777");

    assertThat(loadOf(LOAD_NODE)).isEqualTo("12.00 8.50 4.25 3/900 777");
    assertThat(Files.getAttribute(cluster.loadavgFile(LOAD_NODE), "unix:ino")).isEqualTo(inode);
  }

  @Test
  void hashedKnownHosts_andExplicitOptions_verifyTheNodeLikeThePlainFile() {
    Ran ran = Ran.run(List.of("ssh", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
        "-o", "UserKnownHostsFile=" + cluster.hashedKnownHosts(), "-o", "GlobalKnownHostsFile=/dev/null",
        "-o", "IdentitiesOnly=yes", "-i", cluster.clientKey().toString(),
        "root@" + cluster.host(LOAD_NODE), "true"), SSH_TIMEOUT);

    assertThat(ran.exit()).as("ssh with %s: %s", cluster.hashedKnownHosts(), ran.output()).isZero();
  }

  @Test
  void kill_refusesConnections_untilStart() throws IOException {
    cluster.kill(KILL_NODE);
    try {
      assertThatThrownBy(() -> new Socket().connect(cluster.sshAddress(KILL_NODE), 2000))
          .isInstanceOf(ConnectException.class).hasMessageContaining("refused");
      Ran ran = cluster.ssh(KILL_NODE, SSH_TIMEOUT, "true");
      assertThat(ran.exit()).isEqualTo(255);
      assertThat(ran.stderr()).contains("Connection refused");
    } finally {
      cluster.start(KILL_NODE);
    }
    assertThat(banner(KILL_NODE)).startsWith("SSH-2.0-OpenSSH");
  }

  @Test
  void killListener_keepsOpenSessions_butRefusesNewOnes() throws Exception {
    Process session = new ProcessBuilder("ssh", "-F", cluster.sshConfig().toString(), "node" + KILL_NODE,
        "echo open; exec sleep 60").redirectErrorStream(true).start();
    try (InputStream in = session.getInputStream()) {
      assertThat(new String(in.readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("open\n");
      cluster.killListener(KILL_NODE);
      try {
        assertThatThrownBy(() -> new Socket().connect(cluster.sshAddress(KILL_NODE), 2000))
            .isInstanceOf(ConnectException.class);
        assertThat(session.isAlive()).as("the open session outlives its listener").isTrue();
      } finally {
        cluster.start(KILL_NODE);
      }
    } finally {
      session.destroyForcibly().waitFor();
    }
  }

  @Test
  void freeze_acceptsTcpButSendsNoBannerWithinTheDeadline_untilThaw() throws IOException {
    cluster.freeze(FREEZE_NODE);
    try (Socket s = new Socket()) {
      s.connect(cluster.sshAddress(FREEZE_NODE), 2000);
      s.setSoTimeout(BANNER_DEADLINE_MILLIS);
      long start = System.nanoTime();
      assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    } finally {
      cluster.thaw(FREEZE_NODE);
    }
    assertThat(banner(FREEZE_NODE)).startsWith("SSH-2.0-OpenSSH");
  }

  @Test
  void linkDown_makesConnectsTimeOut_untilLinkUp() throws IOException {
    cluster.linkDown(LINK_NODE);
    try {
      long start = System.nanoTime();
      assertThatThrownBy(() -> new Socket().connect(cluster.sshAddress(LINK_NODE), 2000))
          .isInstanceOf(SocketTimeoutException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
      Ran ran = Ran.run(List.of("ssh", "-F", cluster.sshConfig().toString(), "-o", "ConnectTimeout=2",
          "node" + LINK_NODE, "true"), SSH_TIMEOUT);
      assertThat(ran.stderr()).contains("Connection timed out");
    } finally {
      cluster.linkUp(LINK_NODE);
    }
    assertThat(banner(LINK_NODE)).startsWith("SSH-2.0-OpenSSH");
  }

  @Test
  void linkDownUnreachable_failsConnectsWithNoRouteToHost() {
    cluster.linkDownUnreachable(LINK_NODE);
    try {
      assertThatThrownBy(() -> new Socket().connect(cluster.sshAddress(LINK_NODE), 10_000))
          .hasMessageContaining("No route to host");
    } finally {
      cluster.linkUp(LINK_NODE);
    }
  }

  @Test
  void changeHostKey_makesSshFailHostKeyVerification() {
    assertThat(cluster.ssh(HOSTKEY_NODE, SSH_TIMEOUT, "true").exit()).isZero();

    cluster.changeHostKey(HOSTKEY_NODE);

    Ran ran = cluster.ssh(HOSTKEY_NODE, SSH_TIMEOUT, "true");
    assertThat(ran.exit()).isEqualTo(255);
    assertThat(ran.stderr()).contains("REMOTE HOST IDENTIFICATION HAS CHANGED", "Host key verification failed");
  }

  @Test
  void down_leavesNoNamespaceLinkRouteOrProcessBehind() throws IOException {
    NetnsCluster small = NetnsCluster.up(2, true);
    List<Long> pids;
    try {
      small.freeze(2); // a stopped sshd must not survive down either
      Ran alias = Ran.run(List.of("ssh", "-F", small.sshConfig().toString(), "-o", "HostKeyAlias=login-vip",
          "-o", "UserKnownHostsFile=" + small.aliasKnownHosts(), "node1", "true"), SSH_TIMEOUT);
      assertThat(alias.exit()).as("shared host key via its alias: %s", alias.output()).isZero();
      pids = small.processIds();
      assertThat(pids).as("unshare, reaper and sshd of each node").hasSizeGreaterThanOrEqualTo(6);
    } finally {
      small.close();
    }

    assertThat(pids).as("processes of the cluster still running (zombies do not count: this"
        + " container's PID 1 may not reap)").noneMatch(NetnsClusterSystemIT::running);
    assertThat(Ran.run(List.of("ip", "netns", "list"), SSH_TIMEOUT).stdout())
        .doesNotContain(small.namespace(1), small.namespace(2));
    String links = Ran.run(List.of("ip", "-o", "link", "show"), SSH_TIMEOUT).stdout();
    for (String link : small.hostLinks()) {
      assertThat(links).doesNotContain(link + ":", link + "@");
    }
    assertThat(Ran.run(List.of("ip", "-4", "route", "show", "table", "all"), SSH_TIMEOUT).stdout())
        .doesNotContain(small.base() + ".");
    assertThat(small.dir()).doesNotExist();
  }

  private static String loadOf(int node) {
    Ran ran = cluster.ssh(node, SSH_TIMEOUT, "cat /proc/loadavg");
    assertThat(ran.exit()).as("ssh node%d: %s", node, ran.output()).isZero();
    return ran.stdout().strip();
  }

  private static String banner(int node) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(cluster.sshAddress(node), 2000);
      s.setSoTimeout(5000);
      byte[] line = new byte[64];
      int n = s.getInputStream().read(line);
      return n <= 0 ? "" : new String(line, 0, n, StandardCharsets.US_ASCII);
    }
  }

  /** Whether {@code pid} exists and is not a zombie. */
  private static boolean running(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (IOException e) {
      return false;
    }
  }
}
