package org.lvsmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
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
  }
}
