package org.lvsmon.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvsmon.alert.AlertCall;
import org.lvsmon.config.MonConfigParser;
import org.lvsmon.config.ServiceRef;
import org.lvsmon.control.MonServer.AckResult;
import org.lvsmon.control.MonServer.TestAlertResult;
import org.lvsmon.control.ServiceStatus;
import org.lvsmon.monitor.MonitorRequest;
import org.lvsmon.service.OpStatus;
import org.lvsmon.service.ServiceEvent.TestAlert;

/** What the control port changes in the engine, event by event on a hand-moved clock. */
class EngineControlTest {
  @TempDir Path bin;

  private static final ServiceRef GS = new ServiceRef("g", "s");

  private static final String CONFIG = """
      hostgroup g h1 h2 h3
      hostgroup solo h9

      watch g
          service s
              interval 10s
              monitor test.monitor
              period wd {Sun-Sat}
                  alert mail.alert admin
                  upalert up.alert admin
                  ackalert mail.alert ack
                  alertevery 1h

      watch solo
          service ping
              interval 10s
              monitor test.monitor
      """;

  private EngineHarness failing() throws Exception {
    EngineHarness h = new EngineHarness(CONFIG, bin);
    h.monitor.willReturn(1, "h2\nh2 down\n");
    h.engine.start(false);
    h.at(10);
    h.fire("g", "s");
    return h;
  }

  @Test
  void ack_ofAFailingService_runsTheAckalert_andIsShownInTheStatus() throws Exception {
    EngineHarness h = failing();
    assertThat(h.engine.ack(GS, "alice", "on it")).isEqualTo(AckResult.ACKNOWLEDGED);
    assertThat(h.alerts.calls()).extracting(AlertCall::arguments).last().asList().contains("-a", "ack");
    ServiceStatus s = h.engine.statuses().get(0);
    assertThat(s.state().isAcked()).isTrue();
    assertThat(s.state().ackComment()).isEqualTo("alice: on it");
  }

  @Test
  void ack_refusesUnknownNamesAndServicesThatAreNotFailing() throws Exception {
    EngineHarness h = new EngineHarness(CONFIG, bin);
    h.engine.start(false);
    assertThat(h.engine.ack(new ServiceRef("nope", "s"), "a", "c")).isEqualTo(AckResult.UNKNOWN_GROUP);
    assertThat(h.engine.ack(new ServiceRef("g", "nope"), "a", "c")).isEqualTo(AckResult.UNKNOWN_SERVICE);
    assertThat(h.engine.ack(GS, "a", "c")).isEqualTo(AckResult.NOT_FAILING);
    assertThat(h.alerts.calls()).isEmpty();
  }

  @Test
  void disabledHosts_leaveTheMonitorsArguments_andASingletonGroupsWatchIsDisabledToo() throws Exception {
    EngineHarness h = new EngineHarness(CONFIG, bin);
    h.engine.start(false);
    assertThat(h.engine.disableHosts(List.of("h2", "nosuch"))).containsExactly("nosuch");
    assertThat(h.engine.disabled().hosts()).as("nothing changes when one is unknown").isEmpty();

    assertThat(h.engine.disableHosts(List.of("h2", "h9"))).isEmpty();
    assertThat(h.engine.disabled().hosts()).containsExactly("h2", "h9");
    assertThat(h.engine.disabled().watches()).containsExactly("solo");
    h.at(10);
    h.fire("g", "s");
    assertThat(h.monitor.requests()).extracting(MonitorRequest::arguments).first().asList().containsExactly("h1", "h3");

    h.engine.enableHosts(List.of("h2", "h9", "unknown"));
    assertThat(h.engine.disabled().hosts()).isEmpty();
    assertThat(h.engine.disabled().watches()).isEmpty();
  }

  @Test
  void aDisabledService_sendsNoAlert_untilEnabledAgain() throws Exception {
    EngineHarness h = new EngineHarness(CONFIG, bin);
    h.monitor.willReturn(1, "h1");
    h.engine.start(false);
    assertThat(h.engine.setServiceDisabled(GS, true, "bob")).isTrue();
    assertThat(h.engine.setServiceDisabled(new ServiceRef("g", "x"), true, "bob")).isFalse();
    h.at(10);
    h.fire("g", "s");
    assertThat(h.alerts.calls()).isEmpty();

    assertThat(h.engine.setServiceDisabled(GS, false, "bob")).isTrue();
    h.at(20);
    h.fire("g", "s");
    assertThat(h.alerts.calls()).hasSize(1);
  }

  @Test
  void aDisabledWatch_sendsNoAlert() throws Exception {
    EngineHarness h = new EngineHarness(CONFIG, bin);
    h.monitor.willReturn(1, "h1");
    h.engine.start(false);
    assertThat(h.engine.setWatchDisabled("nope", true)).isFalse();
    assertThat(h.engine.setWatchDisabled("g", true)).isTrue();
    h.at(10);
    h.fire("g", "s");
    assertThat(h.alerts.calls()).isEmpty();
    assertThat(h.monitor.requests()).as("monitors keep running").hasSize(1);
  }

  @Test
  void testMonitor_makesTheServiceDueNow() throws Exception {
    EngineHarness h = new EngineHarness(CONFIG, bin);
    h.engine.start(false);
    h.at(3);
    assertThat(h.engine.testMonitor(GS)).isTrue();
    assertThat(h.timers.dueIn("g", "s")).isEqualTo(3);
    h.fire("g", "s");
    assertThat(h.monitor.requests()).hasSize(1);
    assertThat(h.engine.testMonitor(new ServiceRef("g", "nope"))).isFalse();
  }

  @Test
  void testAlert_findsThePeriodByLabelOrSpec_andCallsItsAlerts() throws Exception {
    EngineHarness h = new EngineHarness(CONFIG, bin);
    h.engine.start(false);
    assertThat(h.engine.testAlert(TestAlert.Kind.ALERT, GS, "1", "nope")).isEqualTo(TestAlertResult.UNKNOWN_PERIOD);
    assertThat(h.engine.testAlert(TestAlert.Kind.ALERT, new ServiceRef("g", "x"), "1", "wd"))
        .isEqualTo(TestAlertResult.UNKNOWN_SERVICE);
    assertThat(h.alerts.calls()).isEmpty();
    assertThat(h.engine.testAlert(TestAlert.Kind.UPALERT, GS, "0", "wd {Sun-Sat}")).isEqualTo(TestAlertResult.CALLED);
    assertThat(h.alerts.calls()).singleElement().extracting(AlertCall::arguments).asList().contains("-u", "admin");
  }

  @Test
  void stop_keepsMonitorsFromStarting_andStartArmsEveryServiceAgain() throws Exception {
    EngineHarness h = new EngineHarness(CONFIG, bin);
    h.engine.start(false);
    h.at(5);
    h.engine.setStopped(true);
    assertThat(h.engine.stoppedSince()).contains(EngineHarness.T0.plusSeconds(5));
    h.at(10);
    h.fire("g", "s");
    assertThat(h.monitor.requests()).isEmpty();
    h.timers.armed.clear();
    h.at(12);
    h.engine.setStopped(false);
    assertThat(h.engine.stoppedSince()).isEmpty();
    assertThat(h.timers.armed).containsKeys(GS, new ServiceRef("solo", "ping"));
    h.fire("g", "s");
    assertThat(h.monitor.requests()).hasSize(1);
  }

  @Test
  void setOpStatus_storesTheStatus_andKeepsThePreviousAsTheLastOne() throws Exception {
    EngineHarness h = failing();
    assertThat(h.engine.setOpStatus(GS, OpStatus.OK)).isTrue();
    assertThat(h.engine.statuses().get(0).state().opStatus()).isEqualTo(OpStatus.OK);
    assertThat(h.engine.statuses().get(0).state().lastOpStatus()).isEqualTo(OpStatus.FAIL);
    assertThat(h.engine.setOpStatus(new ServiceRef("x", "y"), OpStatus.OK)).isFalse();
  }

  @Test
  void clearTimers_restartsTheIntervalAndTheAlerteveryClock() throws Exception {
    EngineHarness h = failing();
    assertThat(h.alerts.calls()).hasSize(1);
    h.at(20);
    h.fire("g", "s");
    assertThat(h.alerts.calls()).as("alertevery 1h holds the second alert").hasSize(1);

    h.at(23);
    assertThat(h.engine.clearTimers(GS)).isTrue();
    assertThat(h.timers.dueIn("g", "s")).isEqualTo(33);
    assertThat(h.engine.statuses().get(0).state().consecutiveFailures()).isZero();
    h.at(33);
    h.fire("g", "s");
    assertThat(h.alerts.calls()).as("the alertevery clock started over").hasSize(2);
  }

  @Test
  void reset_startsEveryServiceOver_keepingDisabledHostsAndWatchesButNotServices() throws Exception {
    EngineHarness h = failing();
    h.engine.disableHosts(List.of("h3"));
    h.engine.setWatchDisabled("g", true);
    h.engine.setServiceDisabled(new ServiceRef("solo", "ping"), true, "bob");
    h.at(15);
    var next = new MonConfigParser(new org.lvsmon.config.KeywordRegistry())
        .parse("mondir = " + bin + "\nalertdir = " + bin + "\n" + CONFIG.replace("interval 10s", "interval 7s"),
            Path.of("test.cf"));
    h.engine.reset(next, Map.of(), Set.of());

    ServiceStatus s = h.engine.statuses().get(0);
    assertThat(s.state().opStatus()).isEqualTo(OpStatus.UNTESTED);
    assertThat(h.timers.dueIn("g", "s")).isEqualTo(22);
    assertThat(h.engine.disabled().hosts()).containsExactly("h3");
    assertThat(h.engine.disabled().watches()).containsExactly("g");
    assertThat(h.engine.disabled().services()).isEmpty();
  }

  @Test
  void reset_withKeptState_keepsTheStatesOfServicesThatStillExist() throws Exception {
    EngineHarness h = failing();
    var states = h.engine.states();
    h.engine.reset(h.engine.config(), states, Set.of(new ServiceRef("solo", "ping"), new ServiceRef("gone", "x")));
    assertThat(h.engine.statuses().get(0).state().opStatus()).isEqualTo(OpStatus.FAIL);
    assertThat(h.engine.disabled().services()).containsExactly(new ServiceRef("solo", "ping"));
  }

  @Test
  void statuses_showTheTimeUntilTheNextRun() throws Exception {
    EngineHarness h = new EngineHarness(CONFIG, bin);
    h.engine.start(false);
    h.at(4);
    assertThat(h.engine.statuses()).extracting(ServiceStatus::timerSeconds).containsExactly(6L, 6L);
  }

  private static final String TRAPS = """
      hostgroup g h1
      hostgroup default h0

      watch g
          service beat
              traptimeout 60s
              trapduration 20s
              period wd {Sun-Sat}
                  alert mail.alert admin
                  upalert up.alert admin

      watch default
          service default
              period wd {Sun-Sat}
                  alert mail.alert catchall
      """;

  private EngineHarness traps(EngineHarness.RecordedTimers trapTimers) throws Exception {
    EngineHarness h = new EngineHarness(TRAPS, bin);
    h.engine.trapTimers(trapTimers);
    h.engine.start(false);
    return h;
  }

  @Test
  void aFailureTrap_alerts_andTrapdurationTurnsTheStatusBackToOk() throws Exception {
    EngineHarness.RecordedTimers t = new EngineHarness.RecordedTimers();
    EngineHarness h = traps(t);
    ServiceRef beat = new ServiceRef("g", "beat");
    assertThat(t.dueIn("g", "beat")).as("trap timeout armed at start").isEqualTo(60);
    h.at(5);
    assertThat(h.engine.trap("g", "beat", 1, "disk full", "sda1 100%", "127.0.0.1")).isEqualTo(beat);
    assertThat(h.alerts.calls()).singleElement().extracting(AlertCall::arguments).asList().contains("-T");
    ServiceStatus s = h.engine.statuses().get(0);
    assertThat(s.state().opStatus()).isEqualTo(OpStatus.FAIL);
    assertThat(s.lastTrapHost()).isEqualTo("127.0.0.1");
    assertThat(t.dueIn("g", "beat")).as("trapduration first").isEqualTo(25);
    h.at(25);
    h.engine.trapDue(beat);
    assertThat(h.engine.statuses().get(0).state().opStatus()).isEqualTo(OpStatus.OK);
    assertThat(t.dueIn("g", "beat")).as("then the trap timeout, counted from the trap").isEqualTo(65);
  }

  @Test
  void noTrapWithinTraptimeout_isAFailureWithFlagO_andTheTimerStartsOver() throws Exception {
    EngineHarness.RecordedTimers t = new EngineHarness.RecordedTimers();
    EngineHarness h = traps(t);
    h.at(60);
    h.engine.trapDue(new ServiceRef("g", "beat"));
    assertThat(h.alerts.calls()).singleElement().extracting(AlertCall::arguments).asList().contains("-O");
    assertThat(h.alerts.calls().get(0).summary()).isEqualTo("trap timeout");
    assertThat(t.dueIn("g", "beat")).isEqualTo(120);
  }

  @Test
  void aTrapForAnUnknownWatch_goesToDefaultDefault_withTheIntendedName() throws Exception {
    EngineHarness h = traps(new EngineHarness.RecordedTimers());
    assertThat(h.engine.trap("nosuch", "svc", 1, "x", "", "10.0.0.1")).isEqualTo(new ServiceRef("default", "default"));
    assertThat(h.alerts.calls()).singleElement().satisfies(c -> assertThat(c.arguments()).contains("catchall"));
    assertThat(h.engine.trap("g", "nosuch", 1, "x", "", "10.0.0.1")).as("a known watch has no default").isNull();
  }

  @Test
  void reload_keepsUnchangedServicesAsTheyAre_andStartsChangedAndNewOnesOver() throws Exception {
    EngineHarness h = failing(); // g/s failed at 10 s and alerted
    h.engine.disableHosts(List.of("h3"));
    h.engine.setServiceDisabled(new ServiceRef("solo", "ping"), true, "bob");
    h.at(15);
    String next = "\n# a comment line moves every line number\n" + CONFIG.replace(
        "    service ping\n        interval 10s", "    service ping\n        interval 7s")
        + "    service extra\n        interval 10s\n        monitor test.monitor\n";
    var parsed = new MonConfigParser(new org.lvsmon.config.KeywordRegistry())
        .parse("mondir = " + bin + "\nalertdir = " + bin + "\n" + next, Path.of("test.cf"));
    String summary = h.engine.reload(parsed);

    assertThat(summary).isEqualTo("1 services unchanged, 1 changed, 1 added, 0 removed");
    ServiceStatus s = h.engine.statuses().get(0);
    assertThat(s.state().opStatus()).as("g/s kept its state").isEqualTo(OpStatus.FAIL);
    assertThat(h.timers.dueIn("g", "s")).as("and its timer").isEqualTo(20);
    assertThat(h.timers.dueIn("solo", "ping")).as("the changed one starts over").isEqualTo(22);
    assertThat(h.timers.dueIn("solo", "extra")).isEqualTo(25);
    assertThat(h.engine.disabled().hosts()).containsExactly("h3");
    assertThat(h.engine.disabled().services()).as("disables stay where they still name something")
        .containsExactly(new ServiceRef("solo", "ping"));
  }

  @Test
  void reload_stopsTheMonitorOfARemovedService() throws Exception {
    EngineHarness h = new EngineHarness(CONFIG, bin);
    h.engine.start(false);
    h.at(10);
    h.engine.due(GS);
    h.loop.runAll(); // started, queued on a worker: running
    assertThat(h.engine.runtimes().get(GS).running()).isTrue();
    var parsed = new MonConfigParser(new org.lvsmon.config.KeywordRegistry()).parse("mondir = " + bin
        + "\nalertdir = " + bin + "\nhostgroup solo h9\n\nwatch solo\n    service ping\n        interval 10s\n"
        + "        monitor test.monitor\n", Path.of("test.cf"));
    assertThat(h.engine.reload(parsed)).isEqualTo("1 services unchanged, 0 changed, 0 added, 1 removed");
    h.settle();
    assertThat(h.monitor.requests()).as("the stopped run never began").isEmpty();
    assertThat(h.timers.armed).doesNotContainKey(GS);
  }
}
