package org.lvsmon.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** mon's timer rules (reference 3.1) with explicit times. */
class ServiceTimerTest {
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  private static final Duration TEN = Duration.ofSeconds(10);

  private static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  @Test
  void firstRun_isOneIntervalAfterStart() {
    ServiceTimer t = ServiceTimer.atStart(T0, TEN, null);

    assertThat(t.isDue(at(9))).isFalse();
    assertThat(t.isDue(at(10))).isTrue();
  }

  @Test
  void randstart_replacesTheFirstWait() {
    ServiceTimer t = ServiceTimer.atStart(T0, TEN, Duration.ofSeconds(3));

    assertThat(t.due()).isEqualTo(at(3));
  }

  @Test
  void quickMonitors_runAtAFixedRate_notIntervalAfterCompletion() {
    ServiceTimer t = ServiceTimer.atStart(T0, TEN, null);
    t = t.runStarted(at(10), TEN).runFinished(at(13), TEN, 0);
    assertThat(t.due()).isEqualTo(at(20));

    t = t.runStarted(at(20), TEN).runFinished(at(22), TEN, 0);
    assertThat(t.due()).isEqualTo(at(30));
  }

  @Test
  void lateStart_keepsTheNominalGrid() {
    ServiceTimer t = ServiceTimer.atStart(T0, TEN, null).runStarted(at(10), TEN).runFinished(at(11), TEN, 0);
    // started 4 s late (e.g. throttled by maxprocs): the grid does not move
    t = t.runStarted(at(24), TEN).runFinished(at(25), TEN, 0);

    assertThat(t.due()).isEqualTo(at(30));
  }

  @Test
  void overrunningMonitor_nextRunIsAFullIntervalAfterItEnds() {
    ServiceTimer t = ServiceTimer.atStart(T0, TEN, null).runStarted(at(10), TEN).runFinished(at(25), TEN, 0);

    assertThat(t.due()).isEqualTo(at(35));
  }

  @Test
  void intervalChange_forgetsTheGrid_soTheNewIntervalCountsFromTheEndOfTheRun() {
    Duration failureInterval = Duration.ofSeconds(3);
    ServiceTimer t = ServiceTimer.atStart(T0, TEN, null).runStarted(at(10), TEN);

    t = t.intervalChanged().runFinished(at(11), failureInterval, 0);

    assertThat(t.due()).isEqualTo(at(14));
    t = t.runStarted(at(14), failureInterval).runFinished(at(15), failureInterval, 0);
    assertThat(t.due()).isEqualTo(at(17));
  }

  @Test
  void randskew_nextRunIsIntervalPlusOrMinusTheSkewAfterTheEnd() {
    ServiceTimer t = ServiceTimer.atStart(T0, TEN, null).runStarted(at(10), TEN);

    assertThat(t.runFinished(at(12), TEN, -3).due()).isEqualTo(at(19));
    assertThat(t.runFinished(at(12), TEN, 2).due()).isEqualTo(at(24));
  }

  @Test
  void skew_isAlwaysBetweenOneAndRandskewInMagnitude_andBothSigns() {
    Random random = new Random(7);
    boolean sawNegative = false;
    boolean sawPositive = false;
    for (int i = 0; i < 1000; i++) {
      long s = ServiceTimer.skew(Duration.ofSeconds(5), random);
      assertThat(Math.abs(s)).isBetween(1L, 5L);
      sawNegative |= s < 0;
      sawPositive |= s > 0;
    }
    assertThat(sawNegative && sawPositive).isTrue();
    assertThat(ServiceTimer.skew(Duration.ZERO, random)).isZero();
  }

  @Test
  void testMonitor_makesTheRunDueNow() {
    ServiceTimer t = ServiceTimer.atStart(T0, TEN, null).dueNow(at(2));

    assertThat(t.isDue(at(2))).isTrue();
    assertThat(t.secondsUntilDue(at(2))).isZero();
  }
}
