package org.lvsmon.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogThrottleTest {
  @Test
  void firstEvent_logged_thenQuietUntilTheIntervalPassed_thenTheCountIsLogged() {
    LogThrottle t = new LogThrottle(10);
    assertThat(t.admit(1000)).isZero();
    assertThat(t.admit(1005)).isEqualTo(-1);
    assertThat(t.admit(1009)).isEqualTo(-1);
    assertThat(t.admit(1010)).isEqualTo(2);
    assertThat(t.admit(1100)).isZero();
  }

  @Test
  void more_saysHowManyWentUnlogged() {
    assertThat(LogThrottle.more(0)).isEmpty();
    assertThat(LogThrottle.more(3)).isEqualTo(" (3 more like it not logged)");
  }

  @Test
  void nanoTimeWrapping_handled() {
    LogThrottle t = new LogThrottle(10);
    assertThat(t.admit(Long.MAX_VALUE - 2)).isZero();
    assertThat(t.admit(Long.MAX_VALUE)).isEqualTo(-1);
    assertThat(t.admit(Long.MIN_VALUE + 8)).isEqualTo(1);
  }
}
