package org.lvsmon.monitor.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lvsmon.monitor.MonitorUsageException;

class TcpOptionsTest {
  @Test
  void defaults_areMonsPort23AndTenSeconds() throws Exception {
    TcpOptions o = TcpOptions.parse(List.of("h1", "h2"));

    assertThat(o.port()).isEqualTo(23);
    assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.hosts()).containsExactly("h1", "h2");
  }

  @Test
  void zero_meansTheDefault_asPerlsOrDoes() throws Exception {
    TcpOptions o = TcpOptions.parse(List.of("-p", "0", "-t", "0", "h"));

    assertThat(o.port()).isEqualTo(23);
    assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void attachedValuesAndFractions() throws Exception {
    TcpOptions o = TcpOptions.parse(List.of("-p22", "-t2.5", "h"));

    assertThat(o.port()).isEqualTo(22);
    assertThat(o.timeout()).isEqualTo(Duration.ofMillis(2500));
  }

  @Test
  void badValues_areUsageErrorsNamingTheOption() {
    assertThatThrownBy(() -> TcpOptions.parse(List.of("-p", "65536", "h"))).isInstanceOf(MonitorUsageException.class)
        .hasMessage("-p: bad port \"65536\" (expected a number 1-65535)");
    assertThatThrownBy(() -> TcpOptions.parse(List.of("-t", "-1", "h"))).hasMessageStartingWith("-t: bad time \"-1\"");
    assertThatThrownBy(() -> TcpOptions.parse(List.of("-t", "1e3", "h"))).hasMessageStartingWith("-t: bad time \"1e3\"");
    assertThatThrownBy(() -> TcpOptions.parse(List.of("-t", "90000", "h"))).hasMessageStartingWith("-t: bad time");
    assertThatThrownBy(() -> TcpOptions.parse(List.of("-q", "h"))).hasMessage("unknown option -q");
    assertThatThrownBy(() -> TcpOptions.parse(List.of("-p"))).hasMessage("option -p needs a value");
  }
}
