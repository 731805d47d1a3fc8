package org.lvsmon.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvsmon.monitor.ssh.SshDefaults;
import org.lvsmon.monitor.ssh.SshLoadMonitor;
import org.lvsmon.monitor.ssh.SshMonitor;
import org.lvsmon.monitor.tcp.TcpMonitor;

/** Recognising lvsmon's own scripts by their marker line, and the in-process monitors for them. */
class BuiltinMonitorsTest {
  @TempDir Path dir;

  private Path script(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void theShippedScripts_areRecognised() {
    assertThat(BuiltinMonitors.builtinName(Path.of("monitors/tcp.monitor"))).contains("tcp");
    assertThat(BuiltinMonitors.builtinName(Path.of("monitors/ssh.monitor"))).contains("ssh");
    assertThat(Path.of("monitors/tcp.monitor")).isExecutable();
    assertThat(Path.of("monitors/ssh.monitor")).isExecutable();
    assertThat(BuiltinMonitors.builtinName(Path.of("monitors/ssh-load.monitor"))).contains("ssh-load");
    assertThat(Path.of("monitors/ssh-load.monitor")).isExecutable();
  }

  @Test
  void monitorFor_givesTheInProcessMonitor_orNothingForOtherScripts() throws Exception {
    try (BuiltinMonitors b = new BuiltinMonitors(Clock.systemUTC(), new SshDefaults(dir, "u"), 2)) {
      assertThat(b.monitorFor(Path.of("monitors/tcp.monitor"))).containsInstanceOf(TcpMonitor.class);
      assertThat(b.monitorFor(Path.of("monitors/ssh.monitor"))).containsInstanceOf(SshMonitor.class);
      assertThat(b.monitorFor(script("perl.monitor", "#!/usr/bin/perl -w\n# try to connect\n"))).isEmpty();
      assertThat(b.monitorFor(Path.of("monitors/ssh-load.monitor"))).containsInstanceOf(SshLoadMonitor.class);
      assertThat(b.monitorFor(script("future.monitor", "#!/bin/sh\n# lvsmon-builtin: ssh-future\n"))).isEmpty();
      assertThat(b.names()).containsExactlyInAnyOrder("tcp", "ssh", "ssh-load");
    }
  }

  @Test
  void marker_mustBeInTheFirstFiveLines() throws Exception {
    assertThat(BuiltinMonitors.builtinName(script("a", "#!/bin/sh\n#lvsmon-builtin:tcp\n"))).contains("tcp");
    assertThat(BuiltinMonitors.builtinName(script("b", "1\n2\n3\n4\n# lvsmon-builtin: tcp\n"))).contains("tcp");
    assertThat(BuiltinMonitors.builtinName(script("c", "1\n2\n3\n4\n5\n# lvsmon-builtin: tcp\n"))).isEmpty();
    assertThat(BuiltinMonitors.builtinName(script("d", "#!/bin/sh\necho '# lvsmon-builtin: tcp'\n"))).isEmpty();
  }

  @Test
  void marker_aLineCutByTheByteLimitIsNotTrusted() throws Exception {
    String pad = "#" + "x".repeat(BuiltinMonitors.MARKER_BYTES - 22) + "\n";
    Path cut = script("cut", pad + "# lvsmon-builtin: ssh-load\n");

    assertThat(BuiltinMonitors.builtinName(cut)).isEmpty();
  }

  @Test
  void missingOrUnreadableOrDirectory_isNotABuiltin() {
    assertThat(BuiltinMonitors.builtinName(dir.resolve("nope"))).isEmpty();
    assertThat(BuiltinMonitors.builtinName(dir)).isEmpty();
    assertThat(BuiltinMonitors.builtinName(null)).isEmpty();
  }

  @Test
  void debiansPerlTcpMonitor_isNotABuiltin_whenPresent() {
    Path perl = Path.of("/usr/lib/mon/mon.d/tcp.monitor");
    if (Files.exists(perl)) {
      assertThat(BuiltinMonitors.builtinName(perl)).isEmpty();
    }
  }
}
