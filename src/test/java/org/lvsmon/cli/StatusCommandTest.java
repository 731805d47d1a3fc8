package org.lvsmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lvsmon.control.CannedDaemon;

/** {@code lvsmon status} end to end through {@link Main#execute(PrintWriter, PrintWriter, String...)} against a canned daemon. */
class StatusCommandTest {
  private final CannedDaemon daemon = StatusFixture.daemon();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @AfterEach
  void stop() throws Exception {
    daemon.close();
  }

  private int run(String... args) {
    return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  private int status(String... more) {
    List<String> args = new ArrayList<>(List.of("status", "-s", "127.0.0.1", "-p", Integer.toString(daemon.port())));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  @Test
  void status_notATerminal_fullTablesWithoutColour_fourRequests() throws Exception {
    assertThat(status()).isZero();
    assertThat(err.toString()).isEmpty();
    assertThat(out.toString()).startsWith("127.0.0.1:" + daemon.port() + ": scheduler running, 4 services (2 failing), 2 real servers\n\n"
        + "GROUP  SERVICE  STATE         FOR    LAST CHECK  NEXT      ALERTS  SUMMARY\n"
        + "login  ssh      FAIL          5m00s  10s ago     in 3s     1       127.0.0.1 localhost\n")
        .endsWith("tcp:10.99.203.43:22  10.0.0.12:22  node2  0/0     12/40  -     -     drained  drained: kernel upgrade\n")
        .doesNotContain("\u001b[");
    assertThat(daemon.requests()).containsExactly("list opstatus", "list ipvs", "list state", "servertime");
  }

  @Test
  void status_json_isVersionOne() throws Exception {
    assertThat(status("--json")).isZero();
    JsonNode root = new ObjectMapper().readTree(out.toString());
    assertThat(root.get("version").asInt()).isEqualTo(1);
    assertThat(root.get("servertime").asLong()).isEqualTo(1795311507L);
    assertThat(root.get("services")).hasSize(4);
    assertThat(root.get("services").get(3).get("summary").asText()).endsWith("of the cluster");
    assertThat(root.get("ipvs").get(1).get("drained").asBoolean()).isTrue();
  }

  @Test
  void status_classicMon_withoutListIpvs_showsServicesOnly() throws Exception {
    daemon.answer("list ipvs", "520 unknown list command");
    assertThat(status()).isZero();
    assertThat(out.toString()).contains("4 services (2 failing)\n").doesNotContain("VIRTUAL SERVICE");
  }

  @Test
  void status_refused_statusLineOnStderr_exitOne() throws Exception {
    daemon.answer("list opstatus", "520 command could not be executed, unknown command");
    assertThat(status()).isEqualTo(1);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).isEqualTo(
        "lvsmon: 520 command could not be executed, unknown command (not allowed without login? try -l USER)\n");
  }

  @Test
  void status_daemonNotRunning_oneLineOnStderr_exitTwo() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    assertThat(run("status", "-s", "127.0.0.1", "-p", Integer.toString(port))).isEqualTo(2);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).isEqualTo(
        "lvsmon: cannot connect to 127.0.0.1:" + port + ": Connection refused (is lvsmon running?)\n");
  }

  @Test
  void status_badPort_isAUsageError() {
    assertThat(run("status", "-p", "70000")).isEqualTo(2);
    assertThat(err.toString()).contains("-p 70000: a port is 1 to 65535");
  }

  @Test
  void width_fromColumns_elseEighty() {
    assertThat(StatusCommand.width("132")).isEqualTo(132);
    assertThat(StatusCommand.width(null)).isEqualTo(80);
    assertThat(StatusCommand.width("wide")).isEqualTo(80);
    assertThat(StatusCommand.width("0")).isEqualTo(80);
  }
}
