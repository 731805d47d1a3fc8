package org.lvsmon.monitor.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LoadLineTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "0.52 0.48 0.40 1/123 4567 0-7 | 8",
      "0.52 0.48 0.40 8 | 8",
      "0.52 0.48 0.40 0 | 1",
      "0.52 0.48 0.40 0,2-5,8 | 6",
      "  12.00 8.50 4.25 3/900 777 0-63  | 64",
  })
  void parsesLoadavgAndCpus(String line, int cpus) {
    LoadLine.Load l = LoadLine.parse(line);
    assertThat(l.cpus()).isEqualTo(cpus);
    assertThat(l.load1()).isPositive();
  }

  @Test
  void keepsTheThreeAverages() {
    assertThat(LoadLine.parse("1.5 2.25 3 4")).isEqualTo(new LoadLine.Load(1.5, 2.25, 3, 4));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0.5 0.4 0.3", "0.5 0.4 x 4", "-1 0.4 0.3 4", "NaN 0 0 4", "1e3 0 0 4",
      "0.5 0.4 0.3 1/2 4", "0.5 0.4 0.3 1/2 3 4 5", "0.5 0.4 0.3 3-1", "0.5 0.4 0.3 0-999999", "0.5 0.4 0.3 a-b",
      "0.5 0.4 0.3 0,,1", "0.5 0.4 0.3 99999999"})
  void rejectsGarbage_namingTheLine(String line) {
    assertThatThrownBy(() -> LoadLine.parse(line)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("bad load line \"");
  }
}
