package org.lvsmon.monitor.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.lvsmon.monitor.CheckResult;
import org.lvsmon.monitor.LoopbackServer;
import org.lvsmon.monitor.ParallelProbes;
import org.lvsmon.monitor.ScriptRun;

/**
 * mon's own Perl {@code tcp.monitor} (Debian package {@code mon}), lvsmon's {@code
 * monitors/tcp.monitor} script (through the launcher and the built jar) and {@link TcpMonitor} in
 * process, on the same arguments: output and exit value must be byte for byte the same. Only
 * loopback addresses; the unresolvable name fails inside the resolver without a DNS query. Fails,
 * never skips, without the Perl script or the built jar.
 */
@Tag("system")
class TcpMonitorDifferentialSystemIT {
  private static final Path PERL = Path.of("/usr/lib/mon/mon.d/tcp.monitor");
  private static final Path OURS = Path.of("monitors/tcp.monitor");
  private static final InetAddress LO = LoopbackServer.loopback(1);
  private static ParallelProbes probes;

  @BeforeAll
  static void prerequisites() {
    assertThat(PERL).as("%s is missing: install the Debian package mon (test-fixtures/install-prereqs.sh)", PERL).exists();
    ScriptRun.requireBuiltJar();
    probes = new ParallelProbes("tcpdiff", 8);
  }

  @AfterAll
  static void stop() {
    probes.close();
  }

  /** Runs all three and asserts they agree; returns mon's. */
  private static ScriptRun agree(String... args) throws Exception {
    ScriptRun mon = ScriptRun.of(PERL, List.of(args));
    ScriptRun script = ScriptRun.of(OURS, List.of(args));
    CheckResult inProcess = new TcpMonitor(probes, Clock.systemUTC()).check(List.of(args), null);

    assertThat(script.output()).as("monitors/tcp.monitor %s", List.of(args)).isEqualTo(mon.output());
    assertThat(script.exitValue()).isEqualTo(mon.exitValue());
    assertThat(inProcess.output()).as("in process %s", List.of(args)).isEqualTo(mon.output());
    assertThat(inProcess.exitValue()).isEqualTo(mon.exitValue());
    return mon;
  }

  @Test
  void openPort() throws Exception {
    try (ServerSocket open = new ServerSocket(0, 50, LO)) {
      ScriptRun mon = agree("-p", "" + open.getLocalPort(), "127.0.0.1", "localhost", "127.1");

      assertThat(mon.exitValue()).isZero();
      assertThat(mon.output()).isEmpty();
    }
  }

  @Test
  void closedPort_numericFormsAndDuplicates() throws Exception {
    int port = LoopbackServer.closedPort(LO);

    ScriptRun mon = agree("-p", "" + port, "localhost", "127.0.0.1", "0x7f.1", "2130706433", "127.0.0.1");

    assertThat(mon.exitValue()).isEqualTo(1);
    assertThat(mon.output()).startsWith("0x7f.1 127.0.0.1 127.0.0.1 2130706433 localhost\n\n");
  }

  @Test
  void openAndClosedAndUnresolvable_inOneRun() throws Exception {
    try (ServerSocket open = new ServerSocket(0, 50, LO)) {
      // 127.0.0.2: nothing listens on that address, so the same port is refused there
      ScriptRun mon = agree("-p" + open.getLocalPort(), "127.0.0.2", "127.0.0.1", "bad..name", "::1", "");

      assertThat(mon.output()).isEqualTo(" 127.0.0.2 ::1 bad..name\n\n127.0.0.2 could not connect: Connection refused\n"
          + "bad..name could not inet_aton\n::1 could not inet_aton\n could not inet_aton\n");
    }
  }

  @Test
  void synDropped_timeout() throws Exception {
    try (LoopbackServer full = LoopbackServer.fullBacklog(LO, 0)) {
      ScriptRun mon = agree("-t", "1", "-p", "" + full.port(), "127.0.0.1");

      assertThat(mon.output()).isEqualTo("127.0.0.1\n\n127.0.0.1 timeout\n");
    }
  }

  @Test
  void zeroMeansTheDefaults_port23() throws Exception {
    agree("-p", "0", "-t", "0", "127.0.0.1");
  }

  @Test
  void noHosts_passes() throws Exception {
    assertThat(agree("-p", "22").output()).isEmpty();
  }
}
