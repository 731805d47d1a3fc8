package org.lvsmon.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lvsmon.control.Fixture.ref;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lvsmon.service.OpStatus;

/** {@code disable}, {@code enable}, {@code ack}, {@code test}, {@code set}, {@code get}, {@code clear} (reference 6.3). */
class ServiceCommandsTest {
  private final Client client = Client.lab();
  private final RecordingMonServer server = client.server;

  private void failing(String group, String service) {
    server.state(ref(group, service),
        StateBuilder.of(server.service(ref(group, service))).status(OpStatus.FAIL, OpStatus.UNTESTED).build());
  }

  // ---- disable / enable ----

  @Test
  void disable_asTranscript() {
    assertThat(client.send("disable service web ssh")).containsExactly("220 disable service completed");
    assertThat(client.send("disable host localhost")).containsExactly("220 disable host completed");
    assertThat(client.send("disable watch web")).containsExactly("220 disable watch completed");
    assertThat(client.send("disable service web nosuch")).containsExactly("520 disable error, unknown service");
    assertThat(client.send("disable watch nosuch")).containsExactly("520 disable error, unknown watch \"nosuch\"");
    assertThat(client.send("disable host nosuch")).containsExactly(
        "520 disable host failed, host(s) nosuch do not exist");
    assertThat(server.calls).startsWith("disable service web:ssh by null", "disable hosts [localhost]",
        "disable watch web");
  }

  @Test
  void disableHost_namesEveryUnknownHost_andDisablesNone() {
    assertThat(client.send("disable host a localhost b")).containsExactly(
        "520 disable host failed, host(s) a b do not exist");
    assertThat(server.disabledHosts).isEmpty();
  }

  @Test
  void disableHost_withoutHosts_succeedsDoingNothing() {
    assertThat(client.send("disable host")).containsExactly("220 disable host completed");
    assertThat(server.calls).isEmpty();
  }

  @Test
  void disable_passesTheLoggedInUser_forTheDisablealert() {
    Client c = new Client(RecordingMonServer.lab(), (u, p, h) -> true);
    c.send("login alice pw");
    c.send("disable service login ssh");
    assertThat(c.server.calls).containsExactly("disable service login:ssh by alice");
  }

  @Test
  void disableWatch_nameIsTheWholeRest() {
    assertThat(client.send("disable watch web login")).containsExactly(
        "520 disable error, unknown watch \"web login\"");
    assertThat(client.send("disable watch")).containsExactly("520 disable error, unknown watch \"\"");
  }

  @Test
  void enable_repliesAsMon() {
    client.send("disable service web ssh");
    client.send("disable watch web");
    assertThat(client.send("enable service web ssh")).containsExactly("220 enable completed");
    assertThat(client.send("enable service x y")).containsExactly("520 enable error, unknown group");
    assertThat(client.send("enable watch web")).containsExactly("220 enable watch completed");
    assertThat(client.send("enable watch nosuch")).containsExactly("520 enable error, unknown watch");
    assertThat(client.send("enable host localhost nosuch")).containsExactly("220 enable completed");
    assertThat(server.disabledServices).isEmpty();
    assertThat(server.disabledWatches).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"disable", "disable bogus x", "disable WATCH web", "enable", "enable hosts x"})
  void disableEnable_otherTarget_couldNotBeExecuted(String line) {
    assertThat(client.send(line)).containsExactly("520 command could not be executed");
  }

  // ---- ack ----

  @Test
  void ack_onNonFailingService_isRefused() {
    assertThat(client.send("ack web ssh not failing yet")).containsExactly("520 service is in a non-failure state");
  }

  @Test
  void ack_quotedEscapedComment_isUnquotedAndUnescaped() {
    failing("web", "ssh");
    assertThat(client.send("ack web ssh 'working on it'")).containsExactly("220 ack completed");
    assertThat(client.send("ack web ssh 'known:\\20sshd\\20down'")).containsExactly("220 ack completed");
    assertThat(server.calls).containsExactly("ack web:ssh by null: working on it", "ack web:ssh by null: known: sshd down");
  }

  @Test
  void ack_unquotedComment_keepsOnlyTheFirstWord_asMon() {
    failing("web", "ssh");
    client.send("ack web ssh not failing yet");
    client.send("ack web ssh");
    client.send("ack web ssh 'unbalanced");
    assertThat(server.calls).containsExactly("ack web:ssh by null: not", "ack web:ssh by null: ",
        "ack web:ssh by null: ");
  }

  @Test
  void ack_unknownGroupOrService_givesOneStatusLine_noPhantomService() {
    assertThat(client.send("ack nosuch ssh x")).containsExactly("520 unknown group");
    assertThat(client.send("ack web nosuch x")).containsExactly("520 unknown service");
    assertThat(client.send("ack")).containsExactly("520 unknown group");
    assertThat(client.send("list watch")).hasSize(8);
  }

  // ---- test ----

  @Test
  void testMonitor_knownOrNot_completes() {
    assertThat(client.send("test monitor web ssh")).containsExactly("220 test monitor completed");
    assertThat(client.send("test monitor web nosvc")).containsExactly("web nosvc not defined",
        "220 test monitor completed");
    assertThat(client.send("test monitor")).containsExactly("  not defined", "220 test monitor completed");
  }

  @Test
  void testAlert_periodMayContainSpaces_asTranscript() {
    assertThat(client.send("test alert web ssh 3 wd {Sun-Sat}")).containsExactly("220 test alert completed");
    assertThat(client.send("test alert web ssh 1 nosuchperiod")).containsExactly("520 period not defined");
    assertThat(client.send("test alert web ssh 1")).containsExactly("520 period not defined");
    assertThat(client.send("test upalert web nosuch 1 x")).containsExactly("520 web nosuch not defined");
    assertThat(server.calls).first().isEqualTo("test ALERT web:ssh retval=3 period=wd {Sun-Sat}");
  }

  @Test
  void testAlert_everyKind_reportsTestAlertCompleted() {
    for (String kind : List.of("alert", "upalert", "startupalert", "ackalert", "disablealert")) {
      assertThat(client.send("test " + kind + " login ssh 0 wd {Sun-Sat}")).containsExactly("220 test alert completed");
    }
    assertThat(server.calls).extracting(c -> c.split(" ")[1])
        .containsExactly("ALERT", "UPALERT", "STARTUPALERT", "ACKALERT", "DISABLEALERT");
  }

  @Test
  void testAlert_misspeltKind_isTestError_notASilentSuccess() {
    assertThat(client.send("test alerts web ssh 1 wd {Sun-Sat}")).containsExactly("520 test error");
    assertThat(client.send("test xupalertx web ssh 1 wd {Sun-Sat}")).containsExactly("520 test error");
    assertThat(server.calls).isEmpty();
  }

  @Test
  void testConfig_okOrErrors() {
    assertThat(client.send("test config")).containsExactly("220 test config completed OK, no errors found");
    server.configErrors = List.of("mon.cf:12: unknown keyword \"intervall\"", "two\nlines");
    assertThat(client.send("test config")).containsExactly("mon.cf:12: unknown keyword \"intervall\"", "two",
        "lines", "520 test config completed, errors found in config file");
  }

  @ParameterizedTest
  @ValueSource(strings = {"test", "test bogus", "test MONITOR web ssh", "test configx"})
  void test_otherSubcommand_isTestError(String line) {
    assertThat(client.send(line)).containsExactly("520 test error");
  }

  // ---- set / get ----

  @Test
  void get_escapesValueInQuotes_asTranscript() {
    assertThat(client.send("get web ssh description")).containsExactly(
        "web ssh description='ssh\\20\\22on\\22\\20login\\20nodes'", "220 get completed");
    assertThat(client.send("get web ssh nosuchvar")).containsExactly("web ssh nosuchvar=''", "220 get completed");
    assertThat(client.send("get web nosuch monitor")).containsExactly("520 web,nosuch not defined");
    assertThat(client.send("get")).containsExactly("520 , not defined");
  }

  @Test
  void set_echoesUnquotedValueRaw_thenGetShowsItEscaped_asTranscripts() {
    assertThat(client.send("set web ssh interval 5")).containsExactly("web ssh interval='5'", "220 set completed");
    assertThat(client.send("set login ssh monitor 'tcp.monitor -p 2583 -t 3'")).containsExactly(
        "login ssh monitor='tcp.monitor -p 2583 -t 3'", "220 set completed");
    assertThat(client.send("get login ssh monitor")).containsExactly(
        "login ssh monitor='tcp.monitor\\20-p\\202583\\20-t\\203'", "220 get completed");
  }

  @Test
  void set_monClientStyleEscapedValue_isUnescaped() {
    client.send("set web ssh description 'a\\20b\\27c'");
    assertThat(server.vars.get(ref("web", "ssh"))).containsEntry("description", "a b'c");
  }

  @Test
  void set_valueWithLineBreak_isEchoedEscaped_soTheReplyStaysFramed() {
    assertThat(client.send("set web ssh description 'one\\0atwo'")).containsExactly(
        "web ssh description='one\\0atwo'", "220 set completed");
    assertThat(server.vars.get(ref("web", "ssh"))).containsEntry("description", "one\ntwo");
  }

  @Test
  void set_unknownServiceOrUnsettableVariable_isError() {
    assertThat(client.send("set web nosuch interval 5")).containsExactly("520 web,nosuch not defined");
    assertThat(client.send("set web ssh _op_status 1")).containsExactly(
        "520 set error, variable \"_op_status\" cannot be set");
  }

  @Test
  void setOpstatus_storesTheNumber_notTheWord() {
    failing("web", "ssh");
    assertThat(client.send("set web ssh opstatus ok")).containsExactly("220 set completed");
    assertThat(server.statuses.get(ref("web", "ssh")).state().opStatus()).isEqualTo(OpStatus.OK);
    assertThat(client.send("list opstatus web,ssh").get(0)).contains(" opstatus=1 last_opstatus=0 ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"set web ssh opstatus OK", "set web ssh opstatus warn", "set web ssh opstatus 1",
      "set web ssh opstatus 'ok'", "set web ssh opstatus"})
  void setOpstatus_wordOutsideMonsList_isUndefined(String line) {
    assertThat(client.send(line)).containsExactly("520 undefined opstatus");
  }

  @Test
  void setOpstatus_unknownService_isNotDefined_beforeTheWordIsChecked() {
    assertThat(client.send("set web nosuch opstatus bogus")).containsExactly("520 web,nosuch not defined");
  }

  @Test
  void maxkeep_setAndGet_withMonsStatusTexts() {
    assertThat(client.send("get maxkeep")).containsExactly("maxkeep = 50", "220 set completed");
    assertThat(client.send("set maxkeep 200")).containsExactly("220 set completed");
    assertThat(client.send("get maxkeep")).containsExactly("maxkeep = 200", "220 set completed");
    assertThat(client.send("set maxkeep 99999999999999999999")).containsExactly("220 set completed");
    assertThat(server.maxKeep).isEqualTo(Integer.MAX_VALUE);
    assertThat(client.send("set maxkeep x")).containsExactly("520 maxkeep,x not defined");
  }

  // ---- clear ----

  @Test
  void clearTimers_knownUnknownOther() {
    assertThat(client.send("clear timers web ssh")).containsExactly("220 clear timers completed");
    assertThat(client.send("clear TIMERS web ssh")).containsExactly("220 clear timers completed");
    assertThat(client.send("clear timers web nosuch")).containsExactly("520 unknown group");
    assertThat(client.send("clear timers web")).containsExactly("520 unknown clear command");
    assertThat(client.send("clear")).containsExactly("520 unknown clear command");
    assertThat(client.send("clear counters web ssh")).containsExactly("520 unknown clear command");
  }
}
