package org.lvsmon.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lvsmon.service.Decision.Reason;

/**
 * Replays the real mon's lab-basic run (mon-transcripts/00-lab-basic.*): {@code alertafter 2},
 * {@code alertevery 1h}, alert and upalert, monitor tokens {@code 1 1 1 1 1:127.0.0.1 1:127.0.0.1
 * 0 0 1 0} at the measured times.
 */
class LabBasicSequenceTest {
  private static final long START = 1795311727L;

  private Lab replay() {
    return Lab.resource("lab-basic.cf", "login", "ssh", START)
        .seq("1 1 1 1 1:127.0.0.1 1:127.0.0.1 0 0 1 0",
            START + 3, START + 6, START + 8, START + 10, START + 12, START + 14, START + 16,
            START + 18, START + 20, START + 22);
  }

  @Test
  void labBasic_alertSequence_matchesRealMon() {
    assertThat(replay().alertLines()).containsExactly(
        "+6s alert mail.alert login/ssh (admin@example.com) 127.0.0.1 localhost",
        "+12s alert mail.alert login/ssh (admin@example.com) 127.0.0.1",
        "+16s upalert mail.alert login/ssh (-u admin@example.com) 127.0.0.1");
  }

  @Test
  void labBasic_suppressionReasons_matchMonLog() {
    assertThat(replay().reasons()).containsExactly(
        Reason.ALERTAFTER_CONSECUTIVE, Reason.ALERTEVERY, Reason.ALERTEVERY, Reason.ALERTEVERY,
        Reason.ALERTAFTER_CONSECUTIVE, Reason.NO_DOWN_ALERT_FOR_UPALERT);
  }

  @Test
  void labBasic_upalertArgv_passesConfiguredMinusUAfterMonsOwn() {
    var up = replay().calls().get(2);

    assertThat(up.arguments()).containsExactly(
        "-s", "ssh", "-g", "login", "-h", "127.0.0.1 localhost", "-t", "1795311743",
        "-u", "-u", "admin@example.com");
  }

  @Test
  void labBasic_downtimeLog_hasOneLinePerRecovery() {
    List<String> lines = replay().transitions.stream()
        .flatMap(t -> t.intents(Intent.DowntimeRecord.class).stream())
        .map(Intent.DowntimeRecord::line)
        .toList();

    assertThat(lines).containsExactly(
        "1795311743 login ssh 1795311730 13 2 127.0.0.1",
        "1795311749 login ssh 1795311747 2 2 127.0.0.1 localhost");
  }

  @Test
  void labBasic_alertHistory_recordsCountedAlertsWithResolvedPath() {
    List<String> lines = replay().transitions.stream()
        .flatMap(t -> t.intents(Intent.AlertRecord.class).stream())
        .map(r -> r.line("/usr/lib/mon/alert.d/" + r.command().name()))
        .toList();

    assertThat(lines).containsExactly(
        "alert login ssh 1795311733 /usr/lib/mon/alert.d/mail.alert (admin@example.com) 127.0.0.1 localhost",
        "alert login ssh 1795311739 /usr/lib/mon/alert.d/mail.alert (admin@example.com) 127.0.0.1",
        "upalert login ssh 1795311743 /usr/lib/mon/alert.d/mail.alert (-u admin@example.com) 127.0.0.1");
  }

  @Test
  void labBasic_failureHistory_hasEveryFailure() {
    List<String> lines = replay().transitions.stream()
        .flatMap(t -> t.intents(Intent.FailureRecord.class).stream())
        .map(Intent.FailureRecord::line)
        .toList();

    assertThat(lines).hasSize(7).first().isEqualTo("login ssh 1795311730 127.0.0.1 localhost");
  }

  @Test
  void labBasic_finalState_isOkWithCountersReset() {
    ServiceState s = replay().state;

    assertThat(s.opStatus()).isEqualTo(OpStatus.OK);
    assertThat(s.lastOpStatus()).isEqualTo(OpStatus.FAIL);
    assertThat(s.failureCount()).isEqualTo(7);
    assertThat(s.alertCount()).isEqualTo(3);
    assertThat(s.consecutiveFailures()).isZero();
    assertThat(s.lastSummary()).isEqualTo("ok");
    assertThat(s.exitValue()).isZero();
  }
}
