package org.lvsmon.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lvsmon.balance.BalanceFixture.binding;
import static org.lvsmon.balance.BalanceFixture.rs;

import ch.qos.logback.classic.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lvsmon.config.ServiceRef;
import org.lvsmon.control.IpvsView;
import org.lvsmon.ipvs.Connections;
import org.lvsmon.ipvs.ServiceKey;
import org.lvsmon.monitor.exec.LogCapture;

/** What an operator sees per real server ({@link BalanceRunner#view()}), and fail-static's alerts. */
class BalanceRunnerViewTest {
  private static final ServiceRef LOGIN = new ServiceRef("login", "load");
  private static final ServiceRef MARKED = new ServiceRef("marked", "load");
  private final BalanceFixture f = new BalanceFixture();
  private ServiceKey ssh;
  private ServiceKey fwm;
  private BalanceRunner runner;

  @BeforeEach
  void setUp() throws Exception {
    ssh = f.service(ServiceKey.tcp("10.99.0.1", 22), 1, 2);
    fwm = f.service(ServiceKey.fwmark(7), 3);
    f.ipvs.setConnections(ssh, rs(1), new Connections(3, 7, 0));
    runner = f.runner(Duration.ofSeconds(10), binding(LOGIN, ssh, 1, 2), binding(MARKED, fwm, 3));
  }

  @AfterEach
  void tearDown() {
    runner.close();
  }

  @Test
  void view_beforeAnyResult_showsTheKernel_andNothingDecided() {
    assertThat(runner.view()).containsExactly(
        new IpvsView("tcp:10.99.0.1:22", "10.0.0.1:22", "n1", LOGIN, -1, 100, 3, 7, -1, 0, "unknown", "no result yet", false),
        new IpvsView("tcp:10.99.0.1:22", "10.0.0.2:22", "n2", LOGIN, -1, 100, 0, 0, -1, 0, "unknown", "no result yet", false),
        new IpvsView("fwmark:7", "10.0.0.3:22", "n3", MARKED, -1, 100, 0, 0, -1, 0, "unknown", "no result yet", false));
  }

  @Test
  void view_afterResults_showsDecisionKernelLoadStateAndReason_perBindingInPlanOrder() throws Exception {
    runner.result(LOGIN, f.result(Map.of("n1", 0.5, "n2", -1.0)), f.now);
    runner.result(MARKED, f.result(Map.of("n3", Double.NaN)), f.now);

    assertThat(runner.view()).containsExactly(
        new IpvsView("tcp:10.99.0.1:22", "10.0.0.1:22", "n1", LOGIN, 75, 75, 3, 7, 0.5, 4, "up",
            "load 0.50/cpu smoothed, target 75", false),
        new IpvsView("tcp:10.99.0.1:22", "10.0.0.2:22", "n2", LOGIN, 0, 0, 0, 0, -1, 0, "down", "failing: refused", false),
        new IpvsView("fwmark:7", "10.0.0.3:22", "n3", MARKED, 1, 1, 0, 0, -1, 0, "overloaded",
            "load 2.00/cpu smoothed, target 1", false));
  }

  @Test
  void view_ofADrainedHost_saysDrainedAndWhy() throws Exception {
    runner.result(LOGIN, f.result(Map.of("n1", 0.5, "n2", 0.0)), f.now);
    runner.drain("n1", "kernel upgrade");

    IpvsView n1 = runner.view().get(0);

    assertThat(n1).isEqualTo(new IpvsView("tcp:10.99.0.1:22", "10.0.0.1:22", "n1", LOGIN, 0, 0, 3, 7, 0.5, 4,
        "drained", "drained: kernel upgrade", true));
  }

  @Test
  void view_whenTheKernelReadFails_keepsTheLastFigures_andSaysSo() throws Exception {
    runner.result(MARKED, f.result(Map.of("n3", 0.0)), f.now);
    runner.awaitQueued();
    f.ipvs.deleteService(fwm);

    IpvsView n3 = runner.view().get(2);

    assertThat(n3.kernel()).isEqualTo(100);
    assertThat(n3.reason()).startsWith("load 0.00/cpu smoothed, target 100; kernel figures from the last read: ")
        .contains("no such");
  }

  @Test
  void view_whenTheIpvsThreadIsBusyPastTheBound_showsTheLastRows_andSaysSo() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (BalanceRunner busy = f.runner(Duration.ofMillis(100), binding(LOGIN, ssh, 1, 2))) {
      busy.onFailStatic(new FailStaticListener() { // holds the ipvs thread, as a hung kernel call would
        @Override
        public void entered(ServiceRef service, String vs, String message) {
          awaitQuietly(release);
        }

        @Override
        public void left(ServiceRef service, String vs, String message) {}
      });
      busy.result(LOGIN, f.result(Map.of("n1", -1.0, "n2", -1.0)), f.now);

      List<IpvsView> rows = busy.view();
      release.countDown();

      assertThat(rows).hasSize(2).allSatisfy(v -> assertThat(v.reason()).endsWith(
          "kernel figures from the last read: no answer within 100 ms (the ipvs thread is busy or the kernel is slow)"));
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void failStatic_tellsTheListenerOnceOnEntry_andOnceOnExit_loggingErrorThenInfo() throws Exception {
    List<String> events = new ArrayList<>();
    runner.onFailStatic(new FailStaticListener() {
      @Override
      public void entered(ServiceRef service, String vs, String message) {
        events.add("entered " + service + ": " + message);
      }

      @Override
      public void left(ServiceRef service, String vs, String message) {
        events.add("left " + service + ": " + message);
      }
    });
    try (LogCapture logs = LogCapture.of(BalanceRunner.class)) {
      runner.result(LOGIN, f.result(Map.of("n1", 0.0, "n2", 0.0)), f.now);
      for (int i = 0; i < 3; i++) {
        f.now = f.now.plusSeconds(5);
        runner.result(LOGIN, f.result(Map.of("n1", -1.0, "n2", -1.0)), f.now);
      }
      f.now = f.now.plusSeconds(5);
      runner.result(LOGIN, f.result(Map.of("n1", 0.0, "n2", -1.0)), f.now);
      runner.awaitQueued();

      assertThat(events).hasSize(2);
      assertThat(events.get(0)).startsWith("entered login:load: 2 of 2 real servers fail at once; keeping the last weights");
      assertThat(events.get(1)).isEqualTo("left login:load: fail-static over: the weights follow the results again");
      assertThat(logs.messages(Level.ERROR)).hasSize(1).allMatch(m -> m.startsWith(
          "[login/load] balance TCP 10.99.0.1:22: 2 of 2 real servers fail at once"));
      assertThat(logs.messages(Level.INFO))
          .contains("[login/load] balance TCP 10.99.0.1:22: fail-static over: the weights follow the results again");
    }
    assertThat(f.weight(ssh, 1)).isEqualTo(100);
    assertThat(f.weight(ssh, 2)).isZero();
  }
}
