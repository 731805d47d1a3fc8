package org.lvsmon.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvsmon.alert.AlertCall;
import org.lvsmon.config.ServiceRef;
import org.lvsmon.monitor.MonitorRequest;

/** mon's main-loop rules, driven event by event with a hand-moved clock. */
class EngineTest {
  @TempDir Path bin;

  private static final String ONE = """
      hostgroup g h1 h2 h3

      watch g
          service s
              interval 10s
              monitor test.monitor -p 22
              period wd {Sun-Sat}
                  alert mail.alert admin
                  upalert up.alert admin
      """;

  @Test
  void firstRun_isOneIntervalAfterStart_thenAtAFixedRate() throws Exception {
    EngineHarness h = new EngineHarness(ONE, bin);
    h.engine.start(false);
    assertThat(h.timers.dueIn("g", "s")).isEqualTo(10);

    h.at(10);
    h.fire("g", "s");
    assertThat(h.monitor.requests()).hasSize(1);
    assertThat(h.timers.dueIn("g", "s")).isEqualTo(20);

    h.at(21); // fired a second late: the grid does not move
    h.fire("g", "s");
    assertThat(h.timers.dueIn("g", "s")).isEqualTo(30);
  }

  @Test
  void monitorResult_isPostedToTheEngineLoop_andAppliedOnlyThere() throws Exception {
    EngineHarness h = new EngineHarness(ONE, bin);
    h.monitor.willReturn(1, "h2\n");
    h.engine.start(false);
    h.at(10);
    h.engine.due(new ServiceRef("g", "s"));
    h.loop.runAll(); // the start
    h.workers.runAll();
    assertThat(h.monitor.requests()).hasSize(1);
    assertThat(h.alerts.calls()).as("nothing applied off the loop").isEmpty();
    assertThat(h.loop.tasks).hasSize(1);

    h.loop.runAll();
    assertThat(h.alerts.calls()).hasSize(1);
    assertThat(h.timers.dueIn("g", "s")).isEqualTo(20);
  }

  @Test
  void stopMonitors_endsARunNotBegunYet_andTheServiceRunsAgainLater() throws Exception {
    EngineHarness h = new EngineHarness(ONE, bin);
    h.engine.start(false);
    h.at(10);
    h.engine.due(new ServiceRef("g", "s"));
    h.loop.runAll(); // started: queued on a worker

    var ended = h.engine.stopMonitors();
    h.settle();
    assertThat(ended).isDone();
    assertThat(h.monitor.requests()).as("the queued run never began").isEmpty();
    assertThat(h.engine.runtimes().get(new ServiceRef("g", "s")).running()).isFalse();
    assertThat(h.timers.dueIn("g", "s")).isEqualTo(20);
  }

  @Test
  void stopMonitors_beforeTheQueuedStart_startsNothing() throws Exception {
    EngineHarness h = new EngineHarness(ONE, bin);
    h.engine.start(false);
    h.at(10);
    h.engine.due(new ServiceRef("g", "s"));

    var ended = h.engine.stopMonitors();
    h.settle();
    assertThat(ended).isDone();
    assertThat(h.monitor.requests()).isEmpty();
    assertThat(h.engine.runtimes().get(new ServiceRef("g", "s")).running()).isFalse();
    assertThat(h.timers.dueIn("g", "s")).isEqualTo(20);
  }

  @Test
  void monitorRequest_hasMonsArgumentsAndEnvironment() throws Exception {
    EngineHarness h = new EngineHarness(ONE.replace("monitor test.monitor -p 22", "monitor test.monitor -p 22\n        exclude_hosts h2\n        FOO=bar baz"), bin);
    h.engine.start(false);
    h.at(10);
    h.fire("g", "s");

    MonitorRequest r = h.monitor.requests().get(0);
    assertThat(r.program()).isEqualTo(bin.resolve("test.monitor"));
    assertThat(r.arguments()).containsExactly("-p", "22", "h1", "h3");
    assertThat(r.env()).containsEntry("FOO", "bar baz").containsEntry("MON_GROUP", "g")
        .containsEntry("MON_SERVICE", "s").containsEntry("MON_LAST_FAILURE", "0").containsEntry("MON_LAST_SUCCESS", "0")
        .doesNotContainKey("MON_LAST_SUMMARY");
  }

  @Test
  void failureThenRecovery_callsTheAlertAndUpalert_withMonsArgv() throws Exception {
    EngineHarness h = new EngineHarness(ONE, bin);
    h.monitor.willReturn(1, "h2\nh2 could not connect\n").willReturn(0, "");
    h.engine.start(false);
    h.at(10);
    h.fire("g", "s");
    h.at(20);
    h.fire("g", "s");

    assertThat(h.alerts.calls()).extracting(AlertCall::arguments).containsExactly(
        java.util.List.of("-s", "s", "-g", "g", "-h", "h1 h2 h3", "-t", Long.toString(EngineHarness.T0.getEpochSecond() + 10), "admin"),
        java.util.List.of("-s", "s", "-g", "g", "-h", "h1 h2 h3", "-t", Long.toString(EngineHarness.T0.getEpochSecond() + 20), "-u", "admin"));
    assertThat(h.alerts.calls().get(1).stdin()).isEqualTo("h2\nh2 could not connect\n");
    assertThat(h.history.failures()).hasSize(1);
    assertThat(h.history.alerts()).hasSize(2).first().asString()
        .startsWith("alert g s " + (EngineHarness.T0.getEpochSecond() + 10) + " " + bin.resolve("mail.alert") + " (admin) h2");
  }

  @Test
  void failureInterval_replacesTheIntervalWhileFailing_andIsRestoredOnSuccess() throws Exception {
    EngineHarness h = new EngineHarness(ONE.replace("interval 10s", "interval 10s\n        failure_interval 3s"), bin);
    h.monitor.willReturn(1, "h1").willReturn(1, "h1").willReturn(0, "");
    h.engine.start(false);
    h.at(10);
    h.fire("g", "s");
    assertThat(h.timers.dueIn("g", "s")).isEqualTo(13);
    h.at(13);
    h.fire("g", "s");
    assertThat(h.timers.dueIn("g", "s")).isEqualTo(16);
    h.at(16);
    h.fire("g", "s");
    assertThat(h.timers.dueIn("g", "s")).isEqualTo(26);
  }

  @Test
  void maxprocs_throttlesAServiceUntilARunFinishes_retryingEverySecond() throws Exception {
    String two = "maxprocs = 1\n" + ONE + "    service t\n        interval 10s\n        monitor test.monitor\n";
    EngineHarness h = new EngineHarness(two, bin);
    h.engine.start(false);
    h.at(10);
    h.engine.due(new org.lvsmon.config.ServiceRef("g", "s")); // started, not finished
    h.engine.due(new org.lvsmon.config.ServiceRef("g", "t"));

    assertThat(h.timers.dueIn("g", "t")).isEqualTo(11);
    h.settle();
    h.at(11);
    h.fire("g", "t");
    assertThat(h.monitor.requests()).extracting(r -> r.service().service()).containsExactly("s", "t");
  }

  @Test
  void excludePeriod_holdsTheRunAndRetriesEverySecond() throws Exception {
    // T0 is a Monday 10:00 UTC
    EngineHarness h = new EngineHarness(ONE.replace("interval 10s", "interval 10s\n        exclude_period wd {Mon} hr {10am}"), bin);
    h.engine.start(false);
    h.at(10);
    h.fire("g", "s");

    assertThat(h.monitor.requests()).isEmpty();
    assertThat(h.timers.dueIn("g", "s")).isEqualTo(11);
  }

  @Test
  void noHostArguments_monitorIsNotRun_andTheTimerIsReset() throws Exception {
    EngineHarness h = new EngineHarness(ONE.replace("monitor test.monitor -p 22", "monitor test.monitor\n        exclude_hosts h1 h2 h3"), bin);
    h.engine.start(false);
    h.at(10);
    h.fire("g", "s");

    assertThat(h.monitor.requests()).isEmpty();
    assertThat(h.timers.dueIn("g", "s")).isEqualTo(20);
  }

  @Test
  void doubleSemicolon_runsWithNoHostsEvenIfAllAreExcluded() throws Exception {
    EngineHarness h = new EngineHarness(ONE.replace("monitor test.monitor -p 22", "monitor test.monitor 50 ;;\n        exclude_hosts h1 h2 h3"), bin);
    h.engine.start(false);
    h.at(10);
    h.fire("g", "s");

    assertThat(h.monitor.requests()).singleElement().extracting(MonitorRequest::arguments).isEqualTo(java.util.List.of("50"));
  }

  @Test
  void missingMonitor_neverRuns_andIsRetriedEachInterval() throws Exception {
    EngineHarness h = new EngineHarness(ONE.replace("monitor test.monitor -p 22", "monitor nosuch.monitor"), bin);
    h.engine.start(false);
    h.at(10);
    h.fire("g", "s");

    assertThat(h.monitor.requests()).isEmpty();
    assertThat(h.timers.dueIn("g", "s")).isEqualTo(20);
  }

  @Test
  void monitorThatCannotStart_isAFailureWithNoSummary_asMonsFailedExec() throws Exception {
    EngineHarness h = new EngineHarness(ONE, bin);
    h.monitor.willFailToStart("permission denied");
    h.engine.start(false);
    h.at(10);
    h.fire("g", "s");

    assertThat(h.alerts.calls()).singleElement().extracting(AlertCall::summary).isEqualTo("(NO SUMMARY)");
  }

  @Test
  void depBehaviorM_parentFailing_childMonitorDoesNotRunUntilItRecovers() throws Exception {
    String deps = ONE + "    service child\n        interval 10s\n        depend g:s\n        dep_behavior m\n        monitor test.monitor\n";
    EngineHarness h = new EngineHarness(deps, bin);
    h.monitor.willReturn(1, "h1");
    h.engine.start(false);
    h.at(10);
    h.fire("g", "s");     // parent fails
    h.fire("g", "child"); // held back
    assertThat(h.monitor.requests()).hasSize(1);
    assertThat(h.timers.dueIn("g", "child")).isEqualTo(11);

    h.monitor.willReturn(0, "");
    h.at(20);
    h.fire("g", "s");     // parent recovers
    h.fire("g", "child");
    assertThat(h.monitor.requests()).extracting(r -> r.service().service()).containsExactly("s", "s", "child");
  }

  @Test
  void startupAlerts_areSentAtStart_butNotWithTheSchedulerStopped() throws Exception {
    String cfg = ONE.replace("alert mail.alert admin", "alert mail.alert admin\n            startupalert start.alert");
    EngineHarness running = new EngineHarness(cfg, bin);
    running.engine.start(false);
    EngineHarness stopped = new EngineHarness(cfg, bin);
    stopped.engine.start(true);

    assertThat(running.alerts.calls()).extracting(c -> c.command().name()).containsExactly("start.alert");
    assertThat(stopped.alerts.calls()).isEmpty();
    assertThat(stopped.timers.armed).isEmpty();
  }

  @Test
  void runInProgress_aSecondFireIsIgnored_andTheFinishRearms() throws Exception {
    EngineHarness h = new EngineHarness(ONE, bin);
    h.engine.start(false);
    h.at(10);
    h.engine.due(new org.lvsmon.config.ServiceRef("g", "s"));
    h.engine.due(new org.lvsmon.config.ServiceRef("g", "s"));
    h.settle();

    assertThat(h.monitor.requests()).hasSize(1);
    assertThat(h.timers.dueIn("g", "s")).isEqualTo(20);
  }

  @Test
  void monitorTimeout_extension_isPassedToTheMonitor_andAbsentByDefault() throws Exception {
    EngineHarness plain = new EngineHarness(ONE, bin);
    EngineHarness timed = new EngineHarness(ONE.replace("interval 10s", "interval 10s\n        monitor_timeout 30s"), bin);
    for (EngineHarness h : java.util.List.of(plain, timed)) {
      h.engine.start(false);
      h.at(10);
      h.fire("g", "s");
    }

    assertThat(plain.monitor.requests().get(0).timeout()).isNull();
    assertThat(timed.monitor.requests().get(0).timeout()).isEqualTo(java.time.Duration.ofSeconds(30));
  }
}
