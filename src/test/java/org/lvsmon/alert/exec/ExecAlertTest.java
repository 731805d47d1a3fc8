package org.lvsmon.alert.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExecAlertTest {
  @Test
  void firstLines_skipsBlankLines_capsCountAndLength() {
    assertThat(ExecAlert.firstLines("a\n\nb\nc\nd\n", 3)).isEqualTo("a | b | c");
    assertThat(ExecAlert.firstLines("x".repeat(250), 1)).hasSize(203).endsWith("...");
    assertThat(ExecAlert.firstLines("", 5)).isEmpty();
  }

  @Test
  void limits_rejectNonsense_namingTheLimit() {
    assertThatThrownBy(() -> new ExecAlert.Limits(Duration.ZERO, Duration.ofSeconds(1), 1, 0, 0))
        .hasMessageContaining("alert runtime limit");
    assertThatThrownBy(() -> new ExecAlert.Limits(Duration.ofSeconds(1), Duration.ofSeconds(1), 0, 0, 0))
        .hasMessageContaining("maxRunning 0");
  }
}
