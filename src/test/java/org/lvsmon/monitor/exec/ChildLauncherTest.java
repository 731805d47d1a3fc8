package org.lvsmon.monitor.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChildLauncherTest {
  private static ChildLauncher launcher(ChildPrivileges p) {
    return new ChildLauncher(null, null, p, Path.of("/usr/bin/setsid"));
  }

  @Test
  void command_withoutCapabilities_isSetsidThenArgv() {
    assertThat(launcher(ChildPrivileges.unchanged()).command(List.of("/m/x.monitor", "a b")))
        .containsExactly("/usr/bin/setsid", "--", "/m/x.monitor", "a b");
  }

  @Test
  void command_withCapabilities_dropsThemBeforeSetsid() {
    ChildPrivileges drop = new ChildPrivileges(List.of("/usr/bin/setpriv", "--inh-caps=-all", "--"));
    assertThat(launcher(drop).command(List.of("/m/x.monitor")))
        .containsExactly("/usr/bin/setpriv", "--inh-caps=-all", "--", "/usr/bin/setsid", "--", "/m/x.monitor");
  }

  @Test
  void command_argumentWithNul_isCutThere_asExecveWouldSeeIt() {
    assertThat(launcher(ChildPrivileges.unchanged()).command(List.of("/m/x", "a\0b"))).endsWith("a");
  }

  @Test
  void fit_valueOverLinuxLimit_isCutSoNameEqualsValueNulFits() {
    String big = "é".repeat(70_000); // 140,000 bytes in UTF-8
    String cut = ChildLauncher.fit("t", "MON_LAST_OUTPUT", big);
    int bytes = ("MON_LAST_OUTPUT=" + cut).getBytes(StandardCharsets.UTF_8).length + 1;
    assertThat(bytes).isBetween(ChildLauncher.MAX_ENV_STRING - 1, ChildLauncher.MAX_ENV_STRING);
    assertThat(ChildLauncher.fit("t", "A", "short")).isEqualTo("short");
  }
}
