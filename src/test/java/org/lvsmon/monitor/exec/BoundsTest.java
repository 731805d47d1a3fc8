package org.lvsmon.monitor.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BoundsTest {
  @Test
  void format_wholeSecondsInSeconds_elseMilliseconds() {
    assertThat(Bounds.format(Duration.ofSeconds(30))).isEqualTo("30s");
    assertThat(Bounds.format(Duration.ofMinutes(10))).isEqualTo("600s");
    assertThat(Bounds.format(Duration.ofMillis(250))).isEqualTo("250ms");
  }

  @Test
  void requirePositive_namesTheLimitAndTheValue() {
    assertThatThrownBy(() -> Bounds.requirePositive("monitor kill grace", Duration.ofSeconds(-1)))
        .hasMessage("monitor kill grace must be positive, not PT-1S");
    assertThat(Bounds.requirePositive("x", Duration.ofSeconds(1))).hasSeconds(1);
  }
}
