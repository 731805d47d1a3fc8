package org.lvsmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.lvsmon.monitor.LoopbackServer;
import picocli.CommandLine;

/** {@code lvsmon monitor tcp|ssh}: what the scripts in monitors/ run. Output on stdout, the monitor's exit value. */
class MonitorCommandTest {
  private static final InetAddress LO = LoopbackServer.loopback(1);
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void tcp_openPort_exitZeroNoOutput() throws Exception {
    try (ServerSocket open = new ServerSocket(0, 50, LO)) {
      assertThat(run("monitor", "tcp", "-p", "" + open.getLocalPort(), "127.0.0.1")).isZero();
      assertThat(out.toString()).isEmpty();
      assertThat(err.toString()).isEmpty();
    }
  }

  @Test
  void tcp_closedPort_exitOneWithMonOutput_optionsPassedThroughUntouched() throws Exception {
    int port = LoopbackServer.closedPort(LO);

    int status = run("monitor", "tcp", "-p" + port, "-t", "2", "127.0.0.1");

    assertThat(status).isEqualTo(1);
    assertThat(out.toString()).isEqualTo("127.0.0.1\n\n127.0.0.1 could not connect: Connection refused\n");
  }

  @Test
  void tcp_usageError_exitTwoOnStdoutAsMonWouldSeeIt() {
    assertThat(run("monitor", "tcp", "-z", "127.0.0.1")).isEqualTo(2);
    assertThat(out.toString()).isEqualTo("tcp.monitor: unknown option -z\n");
  }

  @Test
  void ssh_hungServer_exitOneNoBanner() throws Exception {
    try (LoopbackServer hung = LoopbackServer.silent(LO, 0)) {
      int status = run("monitor", "ssh", "-p", "" + hung.port(), "-b", "0.2", "127.0.0.1");

      assertThat(status).isEqualTo(1);
      assertThat(out.toString()).startsWith("127.0.0.1\n\n127.0.0.1 no banner: ");
    }
  }

  @Test
  void help_documentsTheFlags() {
    assertThat(run("monitor", "ssh", "--help")).isZero();
    assertThat(out.toString()).contains("--host-key-alias ALIAS").contains("-b SECONDS").contains("host key mismatch");
    assertThat(run("monitor", "tcp", "--help")).isZero();
    assertThat(out.toString()).contains("-p PORT").contains("could not inet_aton");
  }

  @Test
  void monitorWithoutAName_isAUsageError() {
    assertThat(run("monitor")).isEqualTo(2);
    assertThat(err.toString()).contains("tcp").contains("ssh");
    assertThat(run("monitor", "nosuch")).isEqualTo(2);
  }
}
