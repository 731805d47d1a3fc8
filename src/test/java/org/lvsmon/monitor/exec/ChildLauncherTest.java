package org.lvsmon.monitor.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildLauncherTest {
  private static ChildLauncher launcher(ChildPrivileges p) {
    return new ChildLauncher(p, Map.of(), null, null, null);
  }

  @Test
  void command_withoutCapabilities_isArgvAlone() {
    // posix_spawn makes the new session itself: no setsid(1) in front any more
    assertThat(launcher(ChildPrivileges.unchanged()).command(List.of("/m/x.monitor", "a b")))
        .containsExactly("/m/x.monitor", "a b");
  }

  @Test
  void command_withCapabilities_dropsThemFirst() {
    ChildPrivileges drop = new ChildPrivileges(List.of("/usr/bin/setpriv", "--inh-caps=-all", "--"));
    assertThat(launcher(drop).command(List.of("/m/x.monitor")))
        .containsExactly("/usr/bin/setpriv", "--inh-caps=-all", "--", "/m/x.monitor");
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
