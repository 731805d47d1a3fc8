package org.lvsmon.monitor.exec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExitStatusTest {
  @ParameterizedTest(name = "JDK exit value {0} -> mon {1} ({2})")
  @CsvSource({
    "0, 0, exit 0",
    "1, 1, exit 1",
    "3, 3, exit 3",
    "128, 128, exit 128",
    "129, 0, signal 1 (SIGHUP)",
    "137, 0, signal 9 (SIGKILL)",
    "143, 0, signal 15 (SIGTERM)",
    "192, 0, signal 64",
    "193, 193, exit 193",
    "255, 255, exit 255"
  })
  void fromJdk_deathBySignalIsMonSuccess(int jdk, int mon, String text) {
    ExitStatus s = ExitStatus.fromJdk(jdk);
    assertThat(s.monValue()).isEqualTo(mon);
    assertThat(s).hasToString(text);
  }
}
