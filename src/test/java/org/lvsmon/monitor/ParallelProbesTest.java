package org.lvsmon.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The runner with fake probes that block on latches: a probe's "socket" is a latch that closing
 * releases. Deadlines are real but short (100-200 ms).
 */
class ParallelProbesTest {
  private static final Duration GRACE = Duration.ofMillis(100);

  /** A probe that waits until its deadline closes its resource, then reports the phase it was in. */
  private static final ParallelProbes.Probe<String> BLOCKS_UNTIL_CLOSED = new ParallelProbes.Probe<>() {
    @Override
    public String check(String host, ProbeContext ctx) throws InterruptedException {
      CountDownLatch socket = new CountDownLatch(1);
      ctx.phase("waiting");
      ctx.closeOnExpiry(socket::countDown);
      socket.await();
      return host + (ctx.expired() ? " expired in " + ctx.phase() : " ok");
    }

    @Override
    public String unfinished(String host, ProbeContext ctx, Throwable crash) {
      return host + " unfinished in " + ctx.phase() + (crash == null ? "" : " " + crash.getMessage());
    }
  };

  private static ParallelProbes pool(int threads) {
    return new ParallelProbes("pptest", threads, GRACE, Duration.ofSeconds(30));
  }

  @Test
  void results_comeInHostOrder() throws Exception {
    try (ParallelProbes p = pool(4)) {
      List<String> r = p.run(List.of("c", "a", "b"), Duration.ofSeconds(5), probe((h, ctx) -> h.toUpperCase()), null);

      assertThat(r).containsExactly("C", "A", "B");
    }
  }

  @Test
  void atTheDeadline_theProbesResourcesAreClosed_andItReportsItself() throws Exception {
    try (ParallelProbes p = pool(2)) {
      long t0 = System.nanoTime();
      List<String> r = p.run(List.of("h1", "h2"), Duration.ofMillis(150), BLOCKS_UNTIL_CLOSED, null);
      Duration took = Duration.ofNanos(System.nanoTime() - t0);

      assertThat(r).containsExactly("h1 expired in waiting", "h2 expired in waiting");
      assertThat(took).isBetween(Duration.ofMillis(140), Duration.ofMillis(140 + 1000));
    }
  }

  @Test
  void probeThatIgnoresItsDeadline_isGivenUpAfterTheGrace() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    try (ParallelProbes p = pool(1)) {
      List<String> r = p.run(List.of("stuck"), Duration.ofMillis(100), new ParallelProbes.Probe<>() {
        @Override
        public String check(String host, ProbeContext ctx) {
          ctx.phase("resolve");
          awaitUninterruptibly(never);
          return "late";
        }

        @Override
        public String unfinished(String host, ProbeContext ctx, Throwable crash) {
          return host + " gave up in " + ctx.phase();
        }
      }, null);

      assertThat(r).containsExactly("stuck gave up in resolve");
      never.countDown();
    }
  }

  @Test
  void deadlineStartsWhenTheProbeStarts_notWhenTheRunStarts() throws Exception {
    List<Duration> leftAtStart = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (ParallelProbes p = pool(1)) {
      List<String> r = p.run(List.of("a", "b", "c"), Duration.ofMillis(120), new ParallelProbes.Probe<>() {
        @Override
        public String check(String host, ProbeContext ctx) throws InterruptedException {
          leftAtStart.add(ctx.remaining());
          return BLOCKS_UNTIL_CLOSED.check(host, ctx);
        }

        @Override
        public String unfinished(String host, ProbeContext ctx, Throwable crash) {
          return "unfinished";
        }
      }, null);

      assertThat(r).containsExactly("a expired in waiting", "b expired in waiting", "c expired in waiting");
      assertThat(leftAtStart).hasSize(3).allSatisfy(d -> assertThat(d).isGreaterThan(Duration.ofMillis(90)));
    }
  }

  @Test
  void expireAfter_setsAPhaseDeadlineWithinTheLimit() throws Exception {
    try (ParallelProbes p = pool(1)) {
      long t0 = System.nanoTime();
      List<String> r = p.run(List.of("h"), Duration.ofSeconds(10), probe((h, ctx) -> {
        ctx.expireAfter(Duration.ofMillis(100));
        return BLOCKS_UNTIL_CLOSED.check(h, ctx);
      }), null);

      assertThat(r).containsExactly("h expired in waiting");
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    }
  }

  @Test
  void expired_isTrueAtTheDeadline_beforeTheCoordinatorHasExpiredTheProbe() {
    ProbeContext ctx = new ProbeContext("h", Duration.ofSeconds(30), new java.util.concurrent.LinkedBlockingQueue<>());
    ctx.begin();
    assertThat(ctx.expired()).isFalse();
    ctx.expireAfter(Duration.ZERO); // what a socket timeout set from remainingMillis() sees when it fires
    assertThat(ctx.expiredByCoordinator()).as("no coordinator here").isFalse();
    assertThat(ctx.expired()).isTrue();
    ctx.expireAfter(Duration.ofSeconds(10));
    assertThat(ctx.expired()).isFalse();
    ctx.expire(System.nanoTime());
    assertThat(ctx.expired()).isTrue();
  }

  @Test
  void aCrashingProbe_isReportedThroughUnfinished() throws Exception {
    try (ParallelProbes p = pool(1)) {
      List<String> r = p.run(List.of("h"), Duration.ofSeconds(1), probe((h, ctx) -> {
        throw new IllegalStateException("boom");
      }), null);

      assertThat(r).containsExactly("h unfinished in start boom");
    }
  }

  @Test
  void cap_endsTheRun_queuedHostsIncluded() throws Exception {
    try (ParallelProbes p = pool(1)) {
      long t0 = System.nanoTime();
      List<String> r = p.run(List.of("a", "b"), Duration.ofSeconds(10), BLOCKS_UNTIL_CLOSED, Duration.ofMillis(150));

      assertThat(r).containsExactly("a unfinished in waiting", "b unfinished in queued");
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    }
  }

  @Test
  void interruptingTheCaller_closesEveryProbesResources() throws Exception {
    try (ParallelProbes p = pool(2)) {
      AtomicInteger closed = new AtomicInteger();
      CountDownLatch started = new CountDownLatch(2);
      Thread caller = new Thread(() -> {
        try {
          p.run(List.of("a", "b"), Duration.ofSeconds(30), probe((h, ctx) -> {
            CountDownLatch socket = new CountDownLatch(1);
            ctx.closeOnExpiry(() -> {
              closed.incrementAndGet();
              socket.countDown();
            });
            started.countDown();
            socket.await();
            return h;
          }), null);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      caller.start();
      assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

      caller.interrupt();
      caller.join(5000);

      assertThat(caller.isAlive()).isFalse();
      assertThat(closed.get()).isEqualTo(2);
    }
  }

  @Test
  void threadsAreBounded_andEndOnClose() throws Exception {
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    ParallelProbes p = pool(3);
    p.run(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9"), Duration.ofSeconds(5), probe((h, ctx) -> {
      peak.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
      Thread.yield();
      concurrent.decrementAndGet();
      return h;
    }), null);

    assertThat(peak.get()).isLessThanOrEqualTo(3);
    assertThat(p.threads()).isLessThanOrEqualTo(3);

    p.close();

    assertThat(p.threads()).isZero();
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive() && t.getName().startsWith("lvsmon-pptest-"));
    assertThatThrownBy(() -> p.run(List.of("x"), Duration.ofSeconds(1), probe((h, ctx) -> h), null))
        .isInstanceOf(IllegalStateException.class).hasMessage("probe pool pptest is closed");
  }

  @Test
  void threadsGrowOnlyWithWhatRunsAtOnce_notUpToTheMaximum() throws Exception {
    try (ParallelProbes p = pool(8)) {
      for (int i = 0; i < 5; i++) {
        p.run(List.of("a", "b"), Duration.ofSeconds(5), probe((h, ctx) -> h), null);
      }
      assertThat(p.threads()).isLessThanOrEqualTo(2);

      List<String> r = p.run(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"), Duration.ofMillis(100),
          BLOCKS_UNTIL_CLOSED, null);

      assertThat(r).hasSize(12).allSatisfy(x -> assertThat(x).endsWith("expired in waiting"));
      assertThat(p.threads()).isEqualTo(8);
    }
  }

  @Test
  void idleThreadsEnd_soAnUnusedPoolHoldsNone() throws Exception {
    ParallelProbes p = new ParallelProbes("ppidle", 2, GRACE, Duration.ofMillis(50));
    p.run(List.of("a", "b"), Duration.ofSeconds(1), probe((h, ctx) -> h), null);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (p.threads() > 0 && System.nanoTime() < end) {
      Thread.onSpinWait();
    }

    assertThat(p.threads()).isZero();
    p.close();
  }

  interface Check {
    String check(String host, ProbeContext ctx) throws InterruptedException;
  }

  private static ParallelProbes.Probe<String> probe(Check c) {
    return new ParallelProbes.Probe<>() {
      @Override
      public String check(String host, ProbeContext ctx) throws InterruptedException {
        return c.check(host, ctx);
      }

      @Override
      public String unfinished(String host, ProbeContext ctx, Throwable crash) {
        return host + " unfinished in " + ctx.phase() + (crash == null ? "" : " " + crash.getMessage());
      }
    };
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
