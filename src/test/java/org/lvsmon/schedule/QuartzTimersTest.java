package org.lvsmon.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
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
    try (QuartzTimers one = new QuartzTimers("test-one", 2, s -> { fired.add(s); latch.countDown(); });
        QuartzTimers two = new QuartzTimers("test-two", 1, s -> fired.add(new ServiceRef("other", s.service())))) {
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
    try (QuartzTimers t = new QuartzTimers("test-cancel", 1, s -> { fired.add(s); canary.countDown(); })) {
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
    try (QuartzTimers t = new QuartzTimers("test-rearm", 1, ref -> {
      fiveFires.countDown();
      self[0].fireAt(ref, Instant.now().plusMillis(50)); // as the engine retries a due service
    })) {
      self[0] = t;
      t.fireAt(s, Instant.now());

      assertThat(fiveFires.await(10, TimeUnit.SECONDS)).as("every re-arm fired").isTrue();
    }
  }
}
