package org.lvsmon.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lvsmon.config.ServiceRef;

/** Quartz fires the one-shot timers it is given; two instances coexist in one JVM. */
class QuartzTimersTest {
  @Test
  void armedTimer_firesOnce_andRearmingReplacesIt() throws Exception {
    List<ServiceRef> fired = new CopyOnWriteArrayList<>();
    CountDownLatch latch = new CountDownLatch(2);
    ServiceRef a = new ServiceRef("g", "a");
    ServiceRef b = new ServiceRef("g", "b");
    try (QuartzTimers one = new QuartzTimers("test-one", 2, Clock.systemUTC(), s -> { fired.add(s); latch.countDown(); });
        QuartzTimers two = new QuartzTimers("test-two", 1, Clock.systemUTC(), s -> fired.add(new ServiceRef("other", s.service())))) {
      one.fireAt(a, Instant.now().plusSeconds(3600));
      one.fireAt(a, Instant.now()); // replaces the far-future one
      one.fireAt(b, Instant.now());
      two.cancel(a); // unknown in this instance: harmless

      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(fired).containsExactlyInAnyOrder(a, b);
  }

  @Test
  void cancelledTimer_doesNotFire() throws Exception {
    List<ServiceRef> fired = new CopyOnWriteArrayList<>();
    CountDownLatch canary = new CountDownLatch(1);
    ServiceRef gone = new ServiceRef("g", "gone");
    ServiceRef kept = new ServiceRef("g", "kept");
    try (QuartzTimers t = new QuartzTimers("test-cancel", 1, Clock.systemUTC(), s -> { fired.add(s); canary.countDown(); })) {
      t.fireAt(gone, Instant.now().plusMillis(300));
      t.cancel(gone);
      t.fireAt(kept, Instant.now().plusMillis(600));

      assertThat(canary.await(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(fired).containsExactly(kept);
  }

  @Test
  void rearmingFromInsideAFire_isNotLost() throws Exception {
    CountDownLatch fiveFires = new CountDownLatch(5);
    ServiceRef s = new ServiceRef("g", "retry");
    QuartzTimers[] self = new QuartzTimers[1];
    try (QuartzTimers t = new QuartzTimers("test-rearm", 1, Clock.systemUTC(), ref -> {
      fiveFires.countDown();
      self[0].fireAt(ref, Instant.now().plusMillis(50)); // as the engine retries a due service
    })) {
      self[0] = t;
      t.fireAt(s, Instant.now());

      assertThat(fiveFires.await(10, TimeUnit.SECONDS)).as("every re-arm fired").isTrue();
    }
  }

  @Test
  void timers_neverFireBeforeTheInstantArmedFor() throws Exception {
    // Quartz alone fires a trigger up to 2 ms early and keys it by the millisecond
    Clock clock = Clock.systemUTC();
    int n = 60;
    Map<ServiceRef, Instant> due = new ConcurrentHashMap<>();
    Map<ServiceRef, Instant> fired = new ConcurrentHashMap<>();
    CountDownLatch all = new CountDownLatch(n);
    try (QuartzTimers t = new QuartzTimers("test-early", 2, clock, s -> {
      fired.put(s, clock.instant());
      all.countDown();
    })) {
      Instant base = clock.instant().plusMillis(200);
      for (int i = 0; i < n; i++) {
        ServiceRef s = new ServiceRef("g", "s" + i);
        Instant when = base.plusNanos(i * 3_333_333L + 777_777L); // spread over 200 ms, off the millisecond
        due.put(s, when);
        t.fireAt(s, when);
      }
      assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
    }
    for (Map.Entry<ServiceRef, Instant> e : due.entrySet()) {
      assertThat(fired.get(e.getKey())).as("fire of %s", e.getKey()).isAfterOrEqualTo(e.getValue());
    }
  }

  @Test
  void ceilMillis_roundsUpOnlyAPartialMillisecond() {
    assertThat(QuartzTimers.ceilMillis(Instant.ofEpochMilli(1000))).isEqualTo(1000);
    assertThat(QuartzTimers.ceilMillis(Instant.ofEpochMilli(1000).plusNanos(1))).isEqualTo(1001);
    assertThat(QuartzTimers.ceilMillis(Instant.ofEpochMilli(1000).plusNanos(999_999))).isEqualTo(1001);
  }

  @Test
  void servicesDueTogether_areAllDeliveredByTheFirstFire_inDueOrder_andOnlyOnce() throws Exception {
    Clock clock = Clock.systemUTC();
    int n = 500;
    List<ServiceRef> fired = new CopyOnWriteArrayList<>();
    CountDownLatch all = new CountDownLatch(n + 1);
    List<ServiceRef> expected = new ArrayList<>();
    ServiceRef canary = new ServiceRef("g", "canary");
    try (QuartzTimers t = new QuartzTimers("test-burst", 2, clock, s -> {
      fired.add(s);
      all.countDown();
    })) {
      Instant when = clock.instant().plusMillis(300);
      for (int i = n - 1; i >= 0; i--) { // armed in reverse: delivery follows the instant, then arming order
        ServiceRef s = new ServiceRef("g", "s" + i);
        t.fireAt(s, when.plusNanos(i));
        expected.add(0, s);
      }
      // the other triggers were dropped or fire into nothing: nothing is delivered twice before the canary
      t.fireAt(canary, when.plusMillis(400));
      assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(fired.subList(0, n)).containsExactlyElementsOf(expected);
    assertThat(fired).hasSize(n + 1).endsWith(canary);
  }

  @Test
  void servicesArmedForOneMillisecond_shareOneTrigger_andCancellingTheOwnerKeepsTheOthers() throws Exception {
    Clock clock = Clock.systemUTC();
    List<ServiceRef> fired = new CopyOnWriteArrayList<>();
    CountDownLatch two = new CountDownLatch(2);
    ServiceRef owner = new ServiceRef("g", "owner");
    ServiceRef a = new ServiceRef("g", "a");
    ServiceRef b = new ServiceRef("g", "b");
    try (QuartzTimers t = new QuartzTimers("test-share", 1, clock, s -> {
      fired.add(s);
      two.countDown();
    })) {
      Instant when = Instant.ofEpochMilli(clock.millis() + 300).plusNanos(100);
      t.fireAt(owner, when);
      t.fireAt(a, when.plusNanos(200));
      t.fireAt(b, when.plusNanos(300));
      assertThat(t.triggers()).isEqualTo(1);
      t.cancel(owner); // its job carries the trigger a and b ride on

      assertThat(two.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(t.triggers()).isZero();
    }
    assertThat(fired).containsExactly(a, b);
  }
}
