package org.lvsmon.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OpStatusTest {

  @Test
  void codes_areMonsNumbers() {
    assertThat(Arrays.stream(OpStatus.values()).mapToInt(OpStatus::code)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(OpStatus.of(7)).contains(OpStatus.UNTESTED);
    assertThat(OpStatus.of(10)).isEmpty();
  }

  @Test
  void success_isMonsSuccessTable_includingUntested() {
    assertThat(Arrays.stream(OpStatus.values()).filter(OpStatus::isSuccess))
        .containsExactly(OpStatus.OK, OpStatus.COLDSTART, OpStatus.WARMSTART, OpStatus.UNKNOWN, OpStatus.UNTESTED);
    assertThat(Arrays.stream(OpStatus.values()).filter(OpStatus::isFailure))
        .containsExactly(OpStatus.FAIL, OpStatus.LINKDOWN, OpStatus.TIMEOUT);
    assertThat(Arrays.stream(OpStatus.values()).filter(OpStatus::isWarning))
        .containsExactly(OpStatus.COLDSTART, OpStatus.WARMSTART, OpStatus.UNKNOWN, OpStatus.WARN);
  }
}
