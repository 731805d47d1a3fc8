package org.lvsmon.monitor.exec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatTest {
  @Test
  void parse_commandWithSpacesAndParentheses() {
    ProcStat s = ProcStat.parse("4242 (my (odd) mon) S 1 4240 4239 0 -1 4194560 98 0 0 0 0 0 0 0 20 0 1 0\n");
    assertThat(s).isEqualTo(new ProcStat(4242, 'S', 4240, 4239));
    assertThat(s.live()).isTrue();
  }

  @Test
  void zombie_isNotLive() {
    assertThat(ProcStat.parse("77 (sleep) Z 1 70 70 0 -1").live()).isFalse();
  }
}
