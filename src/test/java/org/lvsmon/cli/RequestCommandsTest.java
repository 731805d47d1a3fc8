package org.lvsmon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lvsmon.control.CannedDaemon;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The one-request commands end to end against a canned daemon, and where they connect. */
class RequestCommandsTest {
  private final CannedDaemon daemon = new CannedDaemon();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @AfterEach
  void stop() throws Exception {
    daemon.close();
  }

  /** Runs {@code lvsmon ARGS -s 127.0.0.1 -p PORT}. */
  private int run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("-s", "127.0.0.1", "-p", Integer.toString(daemon.port())));
    return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
  }

  @Test
  void drain_reasonQuotedAndEscaped_okOnStdout() {
    daemon.answer("drain node1 'kernel\\20upgrade,\\20it\\27s\\20due'", "220 drain completed");
    assertThat(run("drain", "node1", "kernel", "upgrade,", "it's due")).isZero();
    assertThat(out.toString()).isEqualTo("OK: drain completed\n");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void drain_withoutReason_sendsTheHostOnly() {
    daemon.answer("drain node1", "220 drain completed");
    assertThat(run("drain", "node1")).isZero();
    assertThat(daemon.requests()).containsExactly("drain node1");
  }

  @Test
  void refused_statusLineOnStderr_exitOne() {
    daemon.answer("undrain node9", "520 undrain error, node9 is not drained");
    assertThat(run("undrain", "node9")).isEqualTo(1);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).isEqualTo("lvsmon: 520 undrain error, node9 is not drained\n");
  }

  @Test
  void disableAndEnable_hostServiceWatch_asMoncmdSendsThem() {
    daemon.answer("disable host n1 n2", "220 disable host completed")
        .answer("enable service web ssh", "220 enable completed")
        .answer("disable watch web", "220 disable watch completed");
    assertThat(run("disable", "host", "n1", "n2")).isZero();
    assertThat(run("enable", "service", "web", "ssh")).isZero();
    assertThat(run("disable", "watch", "web")).isZero();
    assertThat(out.toString()).isEqualTo("OK: disable host completed\nOK: enable completed\nOK: disable watch completed\n");
  }

  @Test
  void ack_commentAsMonClientSendsIt() {
    daemon.answer("ack login ssh 'on\\20it'", "220 ack completed");
    assertThat(run("ack", "login", "ssh", "on", "it")).isZero();
  }

  @Test
  void testMonitor_printsTheDataLines() {
    daemon.answer("test monitor web nosuch", "web nosuch not defined", "220 test monitor completed");
    assertThat(run("test", "monitor", "web", "nosuch")).isZero();
    assertThat(out.toString()).isEqualTo("web nosuch not defined\nOK: test monitor completed\n");
  }

  @Test
  void testAlert_retvalThenPeriodText() {
    daemon.answer("test upalert web ssh 0 wd {Sun-Sat}", "220 test alert completed");
    assertThat(run("test", "upalert", "web", "ssh", "0", "wd", "{Sun-Sat}")).isZero();
  }

  @Test
  void nameWithSpace_isAUsageError_beforeConnecting() {
    assertThat(run("disable", "watch", "web login")).isEqualTo(2);
    assertThat(err.toString()).contains("\"web login\" is not one word");
    assertThat(daemon.requests()).isEmpty();
  }

  @Test
  void disableWithoutTarget_printsUsage_exitTwo() {
    assertThat(Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), "disable")).isEqualTo(2);
    assertThat(err.toString()).contains("host").contains("service").contains("watch");
  }

  @Test
  void host_fromOption_elseMonhost_elseLocalhost() {
    ServerOptions o = new ServerOptions();
    assertThat(o.host(Map.of())).isEqualTo("localhost");
    assertThat(o.host(Map.of("MONHOST", ""))).isEqualTo("localhost");
    assertThat(o.host(Map.of("MONHOST", "lvs2"))).isEqualTo("lvs2");
    o.host = "lvs1";
    assertThat(o.host(Map.of("MONHOST", "lvs2"))).isEqualTo("lvs1");
  }

  @Test
  void password_fromEnvironment_elseTerminal_elseUsageError() {
    ServerOptions o = new ServerOptions();
    o.user = "alice";
    CommandLine cl = new CommandLine(new StatusCommand());
    assertThat(o.password(Map.of("LVSMON_PASSWORD", "pw"), null, cl.getCommandSpec())).isEqualTo("pw");
    assertThatThrownBy(() -> o.password(Map.of(), null, cl.getCommandSpec())).isInstanceOf(ParameterException.class)
        .hasMessage("-l alice: no password: set $LVSMON_PASSWORD or run on a terminal");
  }

  @Test
  void login_withoutPasswordOrTerminal_isAUsageError_nothingSent() {
    assumeTrue(System.getenv("LVSMON_PASSWORD") == null && System.console() == null);
    assertThat(run("drain", "node1", "-l", "alice")).isEqualTo(2);
    assertThat(err.toString()).contains("-l alice: no password: set $LVSMON_PASSWORD or run on a terminal");
    assertThat(daemon.requests()).isEmpty();
  }
}
