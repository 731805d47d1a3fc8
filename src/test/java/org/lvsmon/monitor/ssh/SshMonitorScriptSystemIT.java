package org.lvsmon.monitor.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.lvsmon.monitor.LoopbackServer;
import org.lvsmon.monitor.ScriptRun;

/**
 * {@code monitors/ssh.monitor} run as mon runs it (a process: launcher, built jar, JVM start): the
 * mon-protocol output and exit value, and how long a standalone run takes. Fails, never skips,
 * without the built jar.
 */
@Tag("system")
class SshMonitorScriptSystemIT {
  private static final Path SCRIPT = Path.of("monitors/ssh.monitor");
  private static final InetAddress LO = LoopbackServer.loopback(1);

  @BeforeAll
  static void prerequisites() {
    ScriptRun.requireBuiltJar();
  }

  @Test
  void script_reportsEachFailureKind_andPassesAHealthyServer() throws Exception {
    int port = LoopbackServer.closedPort(LoopbackServer.loopback(21));
    try (TestSshd ok = TestSshd.start(LoopbackServer.loopback(21), port, TestSshd.newKey(), TestSshd.newKey().getPublic(), 0);
        LoopbackServer hung = LoopbackServer.silent(LoopbackServer.loopback(22), port)) {
      ScriptRun r = ScriptRun.of(SCRIPT, List.of("-p", "" + port, "-b", "0.5", "127.0.0.21", "127.0.0.22", "127.0.0.23"));

      assertThat(r.exitValue()).isEqualTo(1);
      assertThat(r.output()).isEqualTo("127.0.0.22 127.0.0.23\n\n"
          + "127.0.0.22 no banner: TCP connection to 127.0.0.22 port " + port + " accepted, but no SSH banner within 0.5s (hung sshd?)\n"
          + "127.0.0.23 refused: connect to 127.0.0.23 port " + port + ": Connection refused\n");
      System.out.println("ssh.monitor script over 3 hosts (one hung, 0.5 s banner timeout): " + r.millis() + " ms");
      assertThat(hung.held()).isEqualTo(1);
      assertThat(ok.port()).isEqualTo(port);
    }
  }

  @Test
  void script_usageError_exitsTwo() throws Exception {
    ScriptRun r = ScriptRun.of(SCRIPT, List.of("-i", "key", "node1"));

    assertThat(r.exitValue()).isEqualTo(2);
    assertThat(r.output()).isEqualTo("ssh.monitor: option -i needs --auth (without it only the banner is checked)\n");
  }

  @Test
  void script_healthyHost_noOutputExitZero() throws Exception {
    try (TestSshd ok = TestSshd.start(LO, 0, TestSshd.newKey(), TestSshd.newKey().getPublic(), 0)) {
      ScriptRun r = ScriptRun.of(SCRIPT, List.of("-p", "" + ok.port(), "127.0.0.1"));

      assertThat(r.output()).isEmpty();
      assertThat(r.exitValue()).isZero();
      System.out.println("ssh.monitor script, one healthy host: " + r.millis() + " ms");
    }
  }
}
