package org.lvsmon.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;
import org.lvsmon.alert.AlertCall;

/** argv, stdin and MON_* environment of alerts, as measured (reference 5.1-5.3, 12). */
class AlertEnvironmentTest {
  private static final String SEED = """
      hostgroup web 127.0.0.1 localhost web3.example

      watch web
          service ssh
              description ssh "on" login nodes
              interval 2s
              FOO=bar
              MON_GROUP=overridden
              monitor tcp.monitor -p 22
              period wd {Sun-Sat}
                  startupalert record.alert
                  alert record.alert -x foo
                  upalert record.alert up
                  ackalert record.alert ack
                  alertafter 2
      """;
  private static final String HOSTS = "127.0.0.1 localhost web3.example";

  private static Lab seed() {
    return Lab.of(SEED, "web", "ssh", 1795310950L);
  }

  private static String out(int run, String summary) {
    return summary + "\nrun=" + run + " hosts=" + HOSTS + "\n";
  }

  @Test
  void failureAlert_secondConsecutiveFailure_matchesMeasuredEnvironment() {
    Lab lab = seed();
    lab.fail(1795310961L, out(1, "127.0.0.1 localhost"));
    AlertCall call = lab.fail(1795310965L, out(2, "127.0.0.1 localhost")).alertCalls().get(0);

    assertThat(call.arguments()).containsExactly(
        "-s", "ssh", "-g", "web", "-h", HOSTS, "-t", "1795310965", "-x", "foo");
    assertThat(call.stdin()).isEqualTo(out(2, "127.0.0.1 localhost"));
    assertThat(call.env()).containsExactly(
        entry("FOO", "bar"),
        entry("MON_GROUP", "web"),
        entry("MON_LAST_SUMMARY", "127.0.0.1 localhost"),
        entry("MON_LAST_OUTPUT", out(1, "127.0.0.1 localhost")),
        entry("MON_LAST_FAILURE", "1795310965"),
        entry("MON_FIRST_FAILURE", "1795310961"),
        entry("MON_FIRST_SUCCESS", ""),
        entry("MON_LAST_SUCCESS", "0"),
        entry("MON_DESCRIPTION", "ssh \"on\" login nodes"),
        entry("MON_SERVICE", "ssh"),
        entry("MON_RETVAL", "1"),
        entry("MON_OPSTATUS", "0"),
        entry("MON_ALERTTYPE", "failure"));
  }

  @Test
  void upalert_matchesMeasuredEnvironment() {
    Lab lab = seed();
    lab.fail(1795310961L, out(1, "127.0.0.1 localhost"));
    lab.fail(1795310965L, out(2, "127.0.0.1 localhost"));
    lab.fail(1795310974L, out(5, "127.0.0.1"));
    AlertCall up = lab.ok(1795310977L, out(6, "ok")).alertCalls().get(0);

    assertThat(up.arguments()).containsExactly(
        "-s", "ssh", "-g", "web", "-h", HOSTS, "-t", "1795310977", "-u", "up");
    assertThat(up.stdin()).isEqualTo(out(5, "127.0.0.1"));
    assertThat(up.env())
        .containsEntry("MON_ALERTTYPE", "up")
        .containsEntry("MON_RETVAL", "0")
        .containsEntry("MON_OPSTATUS", "1")
        .containsEntry("MON_LAST_FAILURE", "1795310974")
        .containsEntry("MON_LAST_SUMMARY", "127.0.0.1")
        .containsEntry("MON_LAST_OUTPUT", out(5, "127.0.0.1"))
        .doesNotContainKey("MON_ACK");
  }

  @Test
  void startupalert_untestedService_leavesUndefFieldsOut() {
    AlertCall call = seed().at(1795310950L, new ServiceEvent.Startup()).alertCalls().get(0);

    assertThat(call.arguments()).containsExactly("-s", "ssh", "-g", "web", "-h", HOSTS, "-t", "1795310950");
    assertThat(call.env()).containsExactly(
        entry("FOO", "bar"),
        entry("MON_GROUP", "web"),
        entry("MON_LAST_FAILURE", "0"),
        entry("MON_FIRST_SUCCESS", ""),
        entry("MON_LAST_SUCCESS", "0"),
        entry("MON_DESCRIPTION", "ssh \"on\" login nodes"),
        entry("MON_SERVICE", "ssh"),
        entry("MON_RETVAL", "0"),
        entry("MON_OPSTATUS", "7"),
        entry("MON_ALERTTYPE", "startup"));
  }

  @Test
  void ackalert_hasAckAndNoRetval() {
    Lab lab = seed();
    lab.fail(1795310961L, out(1, "127.0.0.1 localhost"));
    lab.fail(1795310965L, out(2, "127.0.0.1 localhost"));
    AlertCall ack = lab.at(1795311024L, new ServiceEvent.Ack("", "working")).alertCalls().get(0);

    assertThat(ack.arguments()).containsExactly(
        "-s", "ssh", "-g", "web", "-h", HOSTS, "-t", "1795311024", "-a", "ack");
    assertThat(ack.stdin()).isEqualTo(": working");
    assertThat(ack.env())
        .containsEntry("MON_ACK", ": working")
        .containsEntry("MON_ALERTTYPE", "ack")
        .containsEntry("MON_OPSTATUS", "0")
        .doesNotContainKey("MON_RETVAL");
  }

  @Test
  void secondOutage_firstFailureRestarts_andLastSuccessIsSet() {
    Lab lab = seed();
    lab.fail(1795310961L, "x\n");
    lab.ok(1795310963L, "");
    lab.fail(1795310965L, "x\n");
    AlertCall call = lab.fail(1795310967L, "x\n").alertCalls().get(0);

    assertThat(call.env())
        .containsEntry("MON_FIRST_FAILURE", "1795310965")
        .containsEntry("MON_LAST_SUCCESS", "1795310963")
        .containsEntry("MON_LAST_OUTPUT", "x\n");
  }

  @Test
  void noDescription_leavesMonDescriptionOut() {
    Lab lab = Lab.service("period wd {Sun-Sat}", "    alert a.alert");

    assertThat(lab.fail(Lab.T0, "h1\n").alertCalls().get(0).env()).doesNotContainKey("MON_DESCRIPTION");
  }
}
