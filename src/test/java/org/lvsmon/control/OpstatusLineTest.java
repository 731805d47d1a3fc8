package org.lvsmon.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lvsmon.control.Fixture.service;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lvsmon.config.Service;
import org.lvsmon.service.OpStatus;
import org.lvsmon.service.ServiceState;

/** {@code list opstatus} lines equal to the ones measured on the real mon (reference 6.4, transcripts 01-04). */
class OpstatusLineTest {
  private static final String PERIOD = "wd {Sun-Sat}";
  private static final String DETAIL =
      "\n127.0.0.1 could not connect: Connection refused\nlocalhost could not connect: Connection refused\n";
  private static final String DETAIL_ESCAPED = "\\0a127.0.0.1\\20could\\20not\\20connect:\\20Connection\\20refused"
      + "\\0alocalhost\\20could\\20not\\20connect:\\20Connection\\20refused\\0a";

  private static String line(Service s, ServiceState st, long timer, boolean running, long now) {
    return OpstatusLine.of(new ServiceStatus(s, st, timer, running, 0, ""), Instant.ofEpochSecond(now));
  }

  @Test
  void untested_showsUndefExitval_emptyLastCheck_andDurationMinusOne() {
    Service ssh = service("login", "ssh");
    Service load = service("login", "load");

    assertThat(line(ssh, ServiceState.initial(ssh), 2, false, 1795310970)).isEqualTo(
        "group=login service=ssh opstatus=7 last_opstatus=7 exitval=undef timer=2 last_success=0 last_trap=0"
            + " last_traphost= last_check= ack=0 ackcomment= alerts_sent=0 depstatus= depend= hostdepend="
            + " monitordepend= alertdepend= monitor=tcp.monitor\\20-p\\2022\\20-t\\203 last_summary= last_detail="
            + " interval=5 monitor_duration=-1 monitor_running=0");
    assertThat(line(load, ServiceState.initial(load), 2, false, 1795310970)).isEqualTo(
        "group=login service=load opstatus=7 last_opstatus=7 exitval=undef timer=2 last_success=0 last_trap=0"
            + " last_traphost= last_check= ack=0 ackcomment= alerts_sent=0 depstatus= depend= hostdepend="
            + " monitordepend= alertdepend= monitor=loadavg.monitor\\2050\\2040\\2030\\20;; last_summary="
            + " last_detail= interval=5 monitor_duration=-1 monitor_running=0");
  }

  private static ServiceState failingSsh(long lastFailure) {
    return StateBuilder.of(service("login", "ssh")).status(OpStatus.FAIL, OpStatus.FAIL).exit(1)
        .checked(1795311497, 1).failing(1795311487, lastFailure).output("127.0.0.1 localhost", DETAIL)
        .alerted(PERIOD, 1, 1795311493).build();
  }

  @Test
  void failing_whileMonitorRuns_addsLastFailureLastAlertAndFailureDuration() {
    assertThat(line(service("login", "ssh"), failingSsh(1795311493), 0, true, 1795311497)).isEqualTo(
        "group=login service=ssh opstatus=0 last_opstatus=0 exitval=1 timer=0 last_success=0 last_trap=0"
            + " last_traphost= last_check=1795311497 ack=0 ackcomment= alerts_sent=1 depstatus= depend= hostdepend="
            + " monitordepend= alertdepend= monitor=tcp.monitor\\20-p\\2022\\20-t\\203"
            + " last_summary=127.0.0.1\\20localhost last_detail=" + DETAIL_ESCAPED
            + " last_failure=1795311493 interval=5 monitor_duration=1 monitor_running=1 last_alert=1795311493"
            + " first_failure=1795311487 failure_duration=10");
  }

  @Test
  void failing_asListFailuresShowedIt_aSecondLater() {
    assertThat(line(service("login", "ssh"), failingSsh(1795311498), 3, false, 1795311498)).isEqualTo(
        "group=login service=ssh opstatus=0 last_opstatus=0 exitval=1 timer=3 last_success=0 last_trap=0"
            + " last_traphost= last_check=1795311497 ack=0 ackcomment= alerts_sent=1 depstatus= depend= hostdepend="
            + " monitordepend= alertdepend= monitor=tcp.monitor\\20-p\\2022\\20-t\\203"
            + " last_summary=127.0.0.1\\20localhost last_detail=" + DETAIL_ESCAPED
            + " last_failure=1795311498 interval=5 monitor_duration=1 monitor_running=0 last_alert=1795311493"
            + " first_failure=1795311487 failure_duration=11");
  }

  @Test
  void ok_withoutOutput_hasEmptySummary_andNoConditionalFailureFields() {
    Service load = service("login", "load");
    ServiceState st = StateBuilder.of(load).status(OpStatus.OK, OpStatus.OK).exit(0).checked(1795311497, 1)
        .success(1795311493).build();

    assertThat(line(load, st, 0, true, 1795311497)).isEqualTo(
        "group=login service=load opstatus=1 last_opstatus=1 exitval=0 timer=0 last_success=1795311493 last_trap=0"
            + " last_traphost= last_check=1795311497 ack=0 ackcomment= alerts_sent=0 depstatus= depend= hostdepend="
            + " monitordepend= alertdepend= monitor=loadavg.monitor\\2050\\2040\\2030\\20;; last_summary="
            + " last_detail= interval=5 monitor_duration=1 monitor_running=1");
  }

  @Test
  void recovered_afterSetMonitor_asTranscript04() {
    Service ssh = Fixture.parse("""
        hostgroup login 127.0.0.1 localhost

        watch login
            service ssh
                interval 5s
                monitor tcp.monitor -p 2583 -t 3
                period wd {Sun-Sat}
                    alert record.alert root@localhost
        """).service(Fixture.ref("login", "ssh")).orElseThrow();
    ServiceState st = StateBuilder.of(ssh).status(OpStatus.OK, OpStatus.OK).exit(0).checked(1795311532, 1)
        .success(1795311533).build();

    assertThat(line(ssh, st, 3, false, 1795311535)).isEqualTo(
        "group=login service=ssh opstatus=1 last_opstatus=1 exitval=0 timer=3 last_success=1795311533 last_trap=0"
            + " last_traphost= last_check=1795311532 ack=0 ackcomment= alerts_sent=0 depstatus= depend= hostdepend="
            + " monitordepend= alertdepend= monitor=tcp.monitor\\20-p\\202583\\20-t\\203 last_summary= last_detail="
            + " interval=5 monitor_duration=1 monitor_running=0");
  }

  @Test
  void acked_showsAckTimeAndEscapedComment() {
    Service ssh = service("web", "ssh");
    ServiceState st = StateBuilder.of(ssh).status(OpStatus.FAIL, OpStatus.FAIL).exit(1).checked(1795311020, 1)
        .failing(1795310961, 1795311020).output("127.0.0.1 localhost", null).acked(1795311024, ": working on it")
        .alerted(PERIOD, 1, 1795310965).build();

    assertThat(line(ssh, st, 1, false, 1795311030))
        .contains(" opstatus=0 ")
        .contains(" ack=1795311024 ackcomment=:\\20working\\20on\\20it alerts_sent=1 ");
  }

  @Test
  void ackComment_isHiddenWhileNotAcked() {
    Service ssh = service("web", "ssh");
    ServiceState st = StateBuilder.of(ssh).acked(0, "left over").build();

    assertThat(line(ssh, st, 1, false, 1795311030)).contains(" ack=0 ackcomment= alerts_sent=0 ");
  }

  @Test
  void dependencyAndOptionalConfigFields_inMonsOrder() {
    Service s1 = service("g1", "s1");
    ServiceState st = StateBuilder.of(s1).depend(false).alerted("night", 0, 1795310000).build();

    String l = line(s1, st, 42, false, 1795310970);

    assertThat(l).contains(" depstatus=0 depend=g2:s2\\20&&\\20g1:s3 hostdepend= ")
        .endsWith(" last_detail= interval=60 monitor_duration=-1 monitor_running=0"
            + " exclude_period=wd\\20{Sun}\\20hr\\20{2am-4am} exclude_hosts=n1 randskew=10 last_alert=1795310000");
  }

  @Test
  void trapFields_andPassingDependency() {
    Service ssh = service("web", "ssh");
    ServiceState st = StateBuilder.of(ssh).trap(1795310900).depend(true).build();

    String l = OpstatusLine.of(new ServiceStatus(ssh, st, 1, false, 0, "10.1.0.9"), Instant.ofEpochSecond(1795310970));

    assertThat(l).contains(" last_trap=1795310900 last_traphost=10.1.0.9 ").contains(" depstatus=1 ");
  }

  @Test
  void parsedBack_byMonClientRules_givesTheStateValues() {
    Service ssh = service("web", "ssh");
    ServiceState st = StateBuilder.of(ssh).status(OpStatus.FAIL, OpStatus.OK).exit(1).checked(1795311020, 2)
        .failing(1795310961, 1795311020).output("it's \"down\" \\ here", "line1\nline2\n").build();

    Map<String, String> f = MonEscaping.parseOpstatus(line(ssh, st, 1, false, 1795311030));

    assertThat(f).containsEntry("group", "web").containsEntry("service", "ssh").containsEntry("opstatus", "0")
        .containsEntry("last_opstatus", "1").containsEntry("last_detail", "line1\nline2\n")
        .containsEntry("last_summary", "it's \"down\" \\\\ here")
        .containsEntry("monitor", "tcp.monitor -p 22 -t 3").containsEntry("failure_duration", "69");
  }
}
