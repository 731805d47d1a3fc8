package org.lvsmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvsmon.monitor.BuiltinMonitors;
import picocli.CommandLine;

/** {@code lvsmon alert lvs} in-process, on the memory backend; the kernel run is in IpvsadmSystemIT. */
class AlertCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String stdin, String... args) {
    CommandLine cl = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    // the same subcommand, reading the given text instead of System.in
    CommandLine replaced = new CommandLine(new AlertCommand.Lvs(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))))
        .setCaseInsensitiveEnumValuesAllowed(true);
    cl.getSubcommands().get("alert").getCommandSpec().removeSubcommand("lvs");
    cl.getSubcommands().get("alert").addSubcommand("lvs", replaced);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void lvs_memoryBackend_monsArgumentsPassThrough_missingServiceIsExitOne() {
    int exit = run("node1\n", "alert", "lvs", "--ipvs", "memory", "-s", "ssh", "-g", "login", "-h", "node1 node2",
        "-t", "1795311202", "-P", "tcp", "-V", "10.99.203.43:22");

    assertThat(exit).isEqualTo(1);
    assertThat(out.toString()).isEqualTo("[login/ssh] TCP 10.99.203.43:22: cannot list real servers of TCP"
        + " 10.99.203.43:22: no such service; nothing changed\n");
  }

  @Test
  void lvs_disableAlert_exitZero_nothingChanged() {
    assertThat(run("", "alert", "lvs", "--ipvs", "memory", "-D", "-V", "10.99.203.43:22")).isZero();
    assertThat(out.toString()).contains("disable alert (-D): nothing changed");
  }

  @Test
  void lvs_badArguments_exitTwo() {
    assertThat(run("", "alert", "lvs", "--ipvs", "memory", "-V", "10.99.203.43")).isEqualTo(2);
    assertThat(out.toString()).startsWith("lvs.alert: -V \"10.99.203.43\" is not ADDRESS:PORT");
  }

  @Test
  void lvs_help_listsTheOptions() {
    assertThat(run("", "alert", "lvs", "--help")).isZero();
    assertThat(out.toString()).contains("-V VIP:PORT | MARK").contains("-X ").contains("--ipvs=BACKEND");
  }

  @Test
  void script_carriesTheBuiltinMarker() {
    assertThat(BuiltinMonitors.builtinName(Path.of("alerts/lvs.alert"))).isEqualTo(Optional.of("lvs"));
    assertThat(BuiltinMonitors.builtinName(Path.of("alerts/mail.alert"))).isEqualTo(Optional.of("mail"));
  }

  private int runMail(String stdin, String... args) {
    CommandLine cl = new CommandLine(new Main());
    CommandLine replaced = new CommandLine(new AlertCommand.Mail(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))));
    cl.getSubcommands().get("alert").getCommandSpec().removeSubcommand("mail");
    cl.getSubcommands().get("alert").addSubcommand("mail", replaced);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void mail_relayUnreachable_queuedInTheStatedirsOutbox_exitZero(@TempDir Path dir) throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    Path conf = Files.writeString(dir.resolve("mail.conf"), "host = 127.0.0.1\nport = " + closedPort + "\n");

    int exit = runMail("node3\n", "alert", "mail", "--settings", conf.toString(), "--statedir", dir.toString(),
        "-s", "ssh", "-g", "login", "-h", "node3", "-t", "1795311202", "root@localhost");

    assertThat(exit).isZero();
    assertThat(out.toString()).startsWith("[login/ssh] mail \"ALERT login/ssh: node3 (")
        .contains("not sent (relay unreachable: ").contains("queued as ")
        .contains(" in " + dir.resolve("outbox") + " for the lvsmon daemon to deliver");
    try (var files = Files.list(dir.resolve("outbox"))) {
      assertThat(files).hasSize(1);
    }
  }

  @Test
  void mail_badArguments_exitTwo_badSettings_exitOne(@TempDir Path dir) throws Exception {
    assertThat(runMail("", "alert", "mail", "--settings", dir.resolve("none").toString(), "-s", "ssh")).isEqualTo(2);
    assertThat(out.toString()).startsWith("mail.alert: no recipient");
    Path conf = Files.writeString(dir.resolve("mail.conf"), "prot = 25\n");
    assertThat(runMail("", "alert", "mail", "--settings", conf.toString(), "root")).isEqualTo(1);
    assertThat(out.toString()).contains("unknown key \"prot\" (did you mean \"port\"?); nothing sent");
  }

  @Test
  void mail_help_listsTheOptions() {
    assertThat(runMail("", "alert", "mail", "--help")).isZero();
    assertThat(out.toString()).contains("-S SUBJECT").contains("-f FROM").contains("--statedir=DIR");
  }
}
