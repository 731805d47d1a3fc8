package org.lvsmon.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvsmon.monitor.BuiltinMonitors;
import org.lvsmon.monitor.RecordingMonitor;
import org.lvsmon.monitor.ssh.SshDefaults;

/** lvsmon's own scripts run in-process; any other program is forked (ARCHITECTURE.md, "Names"). */
class MonitorRouterTest {
  @Test
  void lvsmonsOwnScript_runsInProcess_otherScripts_areForked(@TempDir Path dir) throws Exception {
    Path other = dir.resolve("tcp.monitor");
    Files.writeString(other, "#!/bin/sh\n# a site's own tcp.monitor\nexit 0\n");
    RecordingMonitor external = new RecordingMonitor();
    try (BuiltinMonitors builtins = new BuiltinMonitors(Clock.systemUTC(), SshDefaults.fromSystem())) {
      MonitorRouter router = new MonitorRouter(builtins, external);

      assertThat(router.route(Path.of("monitors/tcp.monitor").toAbsolutePath())).isNotSameAs(external);
      assertThat(router.route(Path.of("monitors/ssh.monitor").toAbsolutePath())).isNotSameAs(external);
      assertThat(router.route(other)).isSameAs(external);
    }
  }
}
