package org.lvsmon.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Authorization is checked before anything else runs, with Debian's default auth.cf (transcript 03). */
class AuthorizationTest {
  private final RecordingMonServer server =
      new RecordingMonServer(Fixture.MON_CONFIG, Fixture.auth(Fixture.debianAuthCf()));
  private final Client client = new Client(server, (user, pass, host) -> user.equals("alice") && pass.equals("pw"));

  @Test
  void transcript03_debianAuthCf_withoutLogin() {
    assertThat(client.send("disable service login ssh")).containsExactly(
        "520 command could not be executed, unknown command");
    assertThat(client.send("stop")).containsExactly("520 command could not be executed, unknown command");
    assertThat(client.send("checkauth disable")).containsExactly("520 command could not be executed");
    assertThat(client.send("checkauth list")).containsExactly("220 command authorized");
    assertThat(client.send("login nosuchuser pw")).containsExactly("530 login unsuccessful");
    assertThat(client.send("login")).containsExactly("530 login unsuccessful");
    assertThat(client.send("LIST WATCH")).containsExactly("520 unknown list command");
    assertThat(client.send("List State")).containsExactly("520 unknown list command");
    assertThat(client.send("quit")).containsExactly("220 quitting");
    assertThat(server.calls).as("refused commands reach nothing").isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ack web ssh x", "clear timers web ssh", "disable watch web", "enable watch web",
      "get web ssh monitor", "loadstate all", "reload auth", "reset", "savestate all", "set web ssh interval 5",
      "start", "stop", "term", "test monitor web ssh", "get maxkeep", "dump"})
  void authAnyCommands_withoutLogin_fallThroughToUnknownCommand(String line) {
    assertThat(client.send(line)).containsExactly("520 command could not be executed, unknown command");
    assertThat(client.last.after()).isEqualTo(Reply.After.CONTINUE);
    assertThat(server.calls).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"list watch", "servertime", "version", "protid 9745", "setview ops", "getview"})
  void openCommands_workWithoutLogin(String line) {
    assertThat(client.send(line)).last().asString().startsWith("220 ");
  }

  @Test
  void afterLogin_authAnyCommandsRun() {
    assertThat(client.send("login alice pw")).containsExactly("220 login accepted");
    assertThat(client.send("checkauth disable")).containsExactly("220 command authorized");
    assertThat(client.send("disable watch web")).containsExactly("220 disable watch completed");
    assertThat(client.send("stop")).containsExactly("220 stop completed");
    assertThat(server.calls).containsExactly("disable watch web", "stop");
  }

  @Test
  void deniedUser_isRefusedEvenAfterLogin() {
    server.auth = Fixture.auth("list: all\nstop: AUTH_ANY, !alice\n");
    client.send("login alice pw");
    assertThat(client.send("stop")).containsExactly("520 command could not be executed, unknown command");
    assertThat(client.send("checkauth stop")).containsExactly("520 command could not be executed");
  }

  @Test
  void authTableIsReadPerRequest_soReloadTakesEffectAtOnce() {
    assertThat(client.send("stop")).containsExactly("520 command could not be executed, unknown command");
    server.auth = Fixture.auth("stop: all\n");
    assertThat(client.send("stop")).containsExactly("220 stop completed");
  }

  @Test
  void withoutAuthFile_openCommandsStillWork_everythingElseIsRefused() {
    server.auth = AuthConfig.DENY_ALL;
    assertThat(client.send("version")).containsExactly("version 9745", "220 version completed");
    assertThat(client.send("quit")).containsExactly("220 quitting");
    assertThat(client.send("list watch")).containsExactly("520 command could not be executed, unknown command");
    assertThat(client.send("servertime")).containsExactly("520 command could not be executed, unknown command");
  }
}
