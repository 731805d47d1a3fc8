package org.lvsmon.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lvsmon.service.Lab.T0;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.lvsmon.alert.AlertCall;
import org.lvsmon.alert.AlertType;
import org.lvsmon.config.ConfigException;
import org.lvsmon.config.KeywordRegistry;
import org.lvsmon.config.MonConfig;
import org.lvsmon.config.MonConfigParser;
import org.lvsmon.config.ServiceRef;
import org.lvsmon.service.Decision.Reason;
import org.lvsmon.service.ServiceEvent.FailStatic;

/** lvsmon's fail-static event: which alerts it calls, how, and that mon's bookkeeping is untouched. */
class FailStaticAlertTest {
  private static final String HOLD = "FAIL-STATIC: weights of TCP 10.0.0.1:22 held\n2 of 2 real servers fail at once\n";

  private static MonConfig parse(String body) throws ConfigException {
    KeywordRegistry keywords = new KeywordRegistry();
    FailStaticAlerts.register(keywords);
    String cf = "hostgroup g h1 h2\n\nwatch g\n    service s\n        interval 2s\n        monitor x.monitor\n" + body;
    return new MonConfigParser(keywords).parse(cf, Path.of("test.cf"));
  }

  private static Lab lab(String body) throws ConfigException {
    MonConfig config = parse(body);
    return Lab.of(config, config.service(new ServiceRef("g", "s")).orElseThrow());
  }

  private static final String MAIL_PERIOD = "        period wd {Sun-Sat}\n"
      + "            alert mail.alert -S x ops@example.org\n"
      + "            alert lvs.alert -V 10.0.0.2:22\n"
      + "            upalert mail.alert ops@example.org\n"
      + "            upalert page.alert\n";

  @Test
  void holding_callsThePeriodsMailAlertLinesOnly_asFailure_markedAndUncounted() throws Exception {
    Lab lab = lab(MAIL_PERIOD);
    ServiceState before = lab.state;

    Transition t = lab.at(T0, new FailStatic(true, HOLD));

    assertThat(t.alertCalls()).hasSize(1);
    AlertCall call = t.alertCalls().get(0);
    assertThat(call.command().name()).isEqualTo("mail.alert");
    assertThat(call.arguments()).containsSequence("-S", "x", "ops@example.org").doesNotContain("-u");
    assertThat(call.type()).isEqualTo(AlertType.FAILURE);
    assertThat(call.stdin()).isEqualTo(HOLD);
    assertThat(call.summary()).startsWith("FAIL-STATIC");
    assertThat(call.env()).containsEntry("LVSMON_EVENT", "failstatic").containsEntry("MON_ALERTTYPE", "failure");
    assertThat(t.intents(Intent.AlertRecord.class)).isEmpty();
    assertThat(t.next()).isEqualTo(before);
  }

  @Test
  void lettingGo_callsTheUpalertMailLines_withDashU() throws Exception {
    Transition t = lab(MAIL_PERIOD).at(T0, new FailStatic(false, "fail-static over\n"));

    assertThat(t.alertCalls()).extracting(c -> c.command().name()).containsExactly("mail.alert");
    assertThat(t.alertCalls().get(0).flag()).isEqualTo("-u");
    assertThat(t.alertCalls().get(0).type()).isEqualTo(AlertType.UP);
  }

  @Test
  void failstaticalertLines_addUp_andReplaceTheDefault_forHoldingAndLettingGo() throws Exception {
    Lab lab = lab(MAIL_PERIOD + "            failstaticalert page.alert -p 1\n"
        + "            failstaticalert other.alert\n");

    assertThat(lab.at(T0, new FailStatic(true, HOLD)).alertCalls())
        .extracting(c -> c.command().name() + " " + c.command().argsText() + " " + c.flag())
        .containsExactly("page.alert -p 1 null", "other.alert  null");
    assertThat(lab.at(T0 + 5, new FailStatic(false, "over\n")).alertCalls())
        .extracting(c -> c.command().name() + " " + c.flag())
        .containsExactly("page.alert -u", "other.alert -u");
  }

  @Test
  void noMailAndNoFailstaticalert_callsNothing() throws Exception {
    Lab lab = lab("        period wd {Sun-Sat}\n            alert lvs.alert -V 10.0.0.2:22\n");

    assertThat(lab.at(T0, new FailStatic(true, HOLD)).alertCalls()).isEmpty();
  }

  @Test
  void inactivePeriod_disabledService_orStoppedScheduler_callNothing() throws Exception {
    Lab never = lab("        period never: wd {Sat} wd {Sun}\n            alert mail.alert ops@example.org\n");
    long friday = T0;
    assertThat(never.at(friday, new FailStatic(true, HOLD)).decisions()).extracting(Decision::reason)
        .containsExactly(Reason.PERIOD_INACTIVE);

    Lab disabled = lab(MAIL_PERIOD).with(c -> c.withServiceDisabled(true));
    assertThat(disabled.at(T0, new FailStatic(true, HOLD)).alertCalls()).isEmpty();
    Lab watchOff = lab(MAIL_PERIOD).with(c -> c.withWatchDisabled(true));
    assertThat(watchOff.at(T0, new FailStatic(true, HOLD)).decisions()).extracting(Decision::reason)
        .containsExactly(Reason.DISABLED);
    Lab stopped = lab(MAIL_PERIOD).with(c -> c.withSchedulerStopped(true));
    assertThat(stopped.at(T0, new FailStatic(true, HOLD)).decisions()).extracting(Decision::reason)
        .containsExactly(Reason.SCHEDULER_STOPPED);
  }

  @Test
  void failstaticalert_withoutProgram_isAnErrorWithTheLine() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse(
            "        period wd {Sun-Sat}\n            failstaticalert\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("test.cf:8")
        .hasMessageContaining("failstaticalert: missing program name");
  }
}
