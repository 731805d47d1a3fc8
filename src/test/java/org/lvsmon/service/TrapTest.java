package org.lvsmon.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lvsmon.service.Lab.T0;

import org.junit.jupiter.api.Test;
import org.lvsmon.alert.AlertCall;
import org.lvsmon.alert.AlertType;

/** Traps, trap timeouts and trap durations (reference 3.9, 12). */
class TrapTest {
  private static final String TRAPS = """
      watch traps
          service t
              traptimeout 6s
              trapduration 30s
              failure_interval 5s
              period wd {Sun-Sat}
                  alert a.alert
                  upalert u.alert
      """;

  private static Lab traps() {
    return Lab.of(TRAPS, "traps", "t", T0);
  }

  @Test
  void trapFailure_alertsWithFlagT_andSumBlankLineDetailOnStdin() {
    Lab lab = traps();
    Transition t = lab.at(T0 + 2, ServiceEvent.TrapResult.of(1, "h1", "bad things", null));

    AlertCall call = t.alertCalls().get(0);
    assertThat(call.type()).isEqualTo(AlertType.TRAP);
    assertThat(call.flag()).isEqualTo("-T");
    assertThat(call.stdin()).isEqualTo("h1\n\nbad things");
    assertThat(call.arguments()).containsSequence("-h", "traps");
    assertThat(call.env()).containsEntry("MON_ALERTTYPE", "trap").containsEntry("MON_RETVAL", "1")
        .doesNotContainKey("MON_TRAP_INTENDED");
    assertThat(t.intents(Intent.AlertRecord.class)).extracting(Intent.AlertRecord::type)
        .containsExactly(AlertType.TRAP);
    assertThat(t.next().lastTrap().getEpochSecond()).isEqualTo(T0 + 2);
  }

  @Test
  void trapFailure_doesNotSwitchToFailureInterval() {
    Transition t = traps().at(T0 + 2, ServiceEvent.TrapResult.of(1, "h1", null, null));

    assertThat(t.intents(Intent.IntervalChange.class)).isEmpty();
    assertThat(t.next().onFailureInterval()).isFalse();
  }

  @Test
  void trapSuccess_afterTrapFailure_sendsPlainUpalert() {
    Lab lab = traps();
    lab.at(T0 + 2, ServiceEvent.TrapResult.of(1, "h1", "", null));
    Transition up = lab.at(T0 + 4, ServiceEvent.TrapResult.of(0, "", "", null));

    assertThat(up.alertCalls()).extracting(AlertCall::type, AlertCall::flag).containsExactly(
        org.assertj.core.groups.Tuple.tuple(AlertType.UP, "-u"));
    assertThat(up.alertCalls().get(0).stdin()).isEqualTo("h1\n\n");
  }

  @Test
  void trapTimeout_failsWithFlagO_andMonsTimeoutText() {
    Transition t = traps().at(T0 + 10, new ServiceEvent.TrapTimeout());

    AlertCall call = t.alertCalls().get(0);
    assertThat(call.type()).isEqualTo(AlertType.TRAP_TIMEOUT);
    assertThat(call.flag()).isEqualTo("-O");
    assertThat(call.stdin()).isEqualTo("trap timeout\ntrap timeout after 6s at Fri Jan 15 08:00:10 2027\n");
    assertThat(call.env()).containsEntry("MON_ALERTTYPE", "traptimeout").containsEntry("MON_RETVAL", "1");
    assertThat(t.next().opStatus()).isEqualTo(OpStatus.FAIL);
    assertThat(t.next().lastSummary()).isEqualTo("trap timeout");
  }

  @Test
  void trapForDefaultService_carriesTheIntendedServiceToEveryAlert() {
    Transition t = traps().at(T0 + 2, ServiceEvent.TrapResult.of(1, "h1", "", "web:ssh"));

    assertThat(t.alertCalls().get(0).env()).containsEntry("MON_TRAP_INTENDED", "web:ssh");
  }

  @Test
  void trapDurationExpired_onlyForcesStatusOk() {
    Lab lab = traps();
    lab.at(T0 + 2, ServiceEvent.TrapResult.of(1, "h1", "", null));
    Transition t = lab.at(T0 + 32, new ServiceEvent.TrapDurationExpired());

    assertThat(t.intents()).isEmpty();
    assertThat(t.next().opStatus()).isEqualTo(OpStatus.OK);
    assertThat(t.next().lastOpStatus()).isEqualTo(OpStatus.FAIL);
    assertThat(t.next().consecutiveFailures()).isEqualTo(1);
    assertThat(t.next().period("wd {Sun-Sat}").alertsSent()).isEqualTo(1);
  }

  @Test
  void trapResultOf_summaryEndingInNewline_getsNoSecondOne() {
    assertThat(ServiceEvent.TrapResult.of(1, "s\n", "d", null).output()).isEqualTo("s\n\nd");
  }
}
