package org.lvsmon.monitor.exec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExitStatusTest {
  private static final int CLD_KILLED = 2;
  private static final int CLD_DUMPED = 3;

  @ParameterizedTest(name = "si_code {0}, si_status {1} -> mon {2} ({3})")
  @CsvSource({
    "1, 0, 0, exit 0",
    "1, 3, 3, exit 3",
    "1, 137, 137, exit 137",
    "1, 255, 255, exit 255",
    "2, 1, 0, signal 1 (SIGHUP)",
    "2, 9, 0, signal 9 (SIGKILL)",
    "2, 15, 0, signal 15 (SIGTERM)",
    "3, 11, 0, signal 11 (SIGSEGV)",
    "2, 64, 0, signal 64"
  })
  void fromWaitid_deathBySignalIsMonSuccess(int siCode, int siStatus, int mon, String text) {
    ExitStatus s = ExitStatus.fromWaitid(siCode, siStatus);
    assertThat(s.monValue()).isEqualTo(mon);
    assertThat(s).hasToString(text);
  }

  @Test
  void exitWith128PlusN_isNotMistakenForSignalN() {
    assertThat(ExitStatus.fromWaitid(LibC.CLD_EXITED, 128 + 9).signalled()).isFalse();
    assertThat(ExitStatus.fromWaitid(CLD_KILLED, 9)).isEqualTo(ExitStatus.killed(9));
    assertThat(ExitStatus.fromWaitid(CLD_DUMPED, 6).signalled()).isTrue();
  }
}
