package org.lvsmon.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lvsmon.config.CommandLine;
import org.lvsmon.config.MonitorCommand;
import org.lvsmon.config.ServiceRef;

class MonitorRequestTest {
  private static final ServiceRef SSH = new ServiceRef("login", "ssh");

  private static MonitorRequest request(boolean appendHosts) {
    MonitorCommand cmd = new MonitorCommand(
        new CommandLine("x.monitor", List.of("--x", "quoted arg"), "--x \"quoted arg\""), appendHosts, "x.monitor ...");
    return MonitorRequest.of(SSH, Path.of("/m/x.monitor"), cmd, List.of("h1", "h2"), Map.of());
  }

  @Test
  void arguments_areConfiguredArgsThenHosts() {
    assertThat(request(true).arguments()).containsExactly("--x", "quoted arg", "h1", "h2");
  }

  @Test
  void arguments_lineEndingInDoubleSemicolon_getsNoHosts() {
    assertThat(request(false).arguments()).containsExactly("--x", "quoted arg");
  }

  @Test
  void timeout_mustBePositive_andTheErrorNamesTheService() {
    MonitorRequest r = request(true);
    assertThatThrownBy(() -> new MonitorRequest(r.service(), r.program(), r.command(), r.hosts(), r.env(), Duration.ZERO))
        .hasMessageContaining("login/ssh").hasMessageContaining("PT0S");
  }

  @Test
  void env_keepsTheCallersOrder() {
    MonitorRequest r = request(true);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("ZZ", "1");
    env.put("MON_GROUP", "login");
    env.put("AA", "2");
    assertThat(new MonitorRequest(r.service(), r.program(), r.command(), r.hosts(), env, null).env().keySet())
        .containsExactly("ZZ", "MON_GROUP", "AA");
  }
}
