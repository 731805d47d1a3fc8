package org.lvsmon.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The commands that need no authorization, and the request framing (reference 6.1, 6.3). */
class ConnectionCommandsTest {
  private final Client client = Client.lab();

  @Test
  void quit_repliesAndAsksToClose() {
    assertThat(client.send("quit")).containsExactly("220 quitting");
    assertThat(client.last.after()).isEqualTo(Reply.After.CLOSE);
  }

  @Test
  void version_andProtid_asTranscript() {
    assertThat(client.send("version")).containsExactly("version 9745", "220 version completed");
    assertThat(client.send("protid 9745")).containsExactly("220 protocol match");
    assertThat(client.send("protid 1")).containsExactly("520 protocol mismatch");
  }

  @ParameterizedTest
  @ValueSource(strings = {"protid", "protid abc", "protid 0x2611", "protid 9746", "protid -9745"})
  void protid_otherThanMonsNumber_isMismatch(String line) {
    assertThat(client.send(line)).containsExactly("520 protocol mismatch");
  }

  @ParameterizedTest
  @ValueSource(strings = {"protid 9745.0", "protid 9745 extra", "protid 9745abc", "PROTID 9745"})
  void protid_comparesNumerically_asPerl(String line) {
    assertThat(client.send(line)).containsExactly("220 protocol match");
  }

  @Test
  void servertime_isEpochAndPerlCtime_inTheClocksZone() {
    assertThat(client.send("servertime")).containsExactly("1795310970 Sun Nov 22 01:29:30 2026",
        "220 servertime completed");

    Clock paris = Clock.fixed(Instant.ofEpochSecond(1793581200L), ZoneId.of("Europe/Paris"));
    ProtocolHandler h = new ProtocolHandler(client.server, Authenticator.REFUSE_ALL, paris);
    assertThat(h.handle("servertime", new Session("127.0.0.1")).data())
        .as("single-digit day padded with a space, local time").containsExactly("1793581200 Mon Nov  2 02:00:00 2026");
  }

  @Test
  void login_success_setsTheSessionUser() {
    List<String> seen = new ArrayList<>();
    Client c = new Client(RecordingMonServer.lab(), (user, pass, host) -> {
      seen.add(user + "/" + pass + "/" + host);
      return user.equals("alice") && pass.equals("s3cret pass");
    });

    assertThat(c.send("login alice s3cret pass")).containsExactly("220 login accepted");
    assertThat(c.session.user()).isEqualTo("alice");
    assertThat(seen).containsExactly("alice/s3cret pass/127.0.0.1");
  }

  @Test
  void login_failure_keepsThePreviousUser() {
    Client c = new Client(RecordingMonServer.lab(), (user, pass, host) -> user.equals("alice"));
    c.send("login alice pw");

    assertThat(c.send("login mallory pw")).containsExactly("530 login unsuccessful");
    assertThat(c.session.user()).isEqualTo("alice");
  }

  @ParameterizedTest
  @ValueSource(strings = {"login", "login ", "login nosuchuser pw", "LOGIN nosuchuser pw"})
  void login_refused_is530(String line) {
    assertThat(client.send(line)).containsExactly("530 login unsuccessful");
    assertThat(client.session.user()).isNull();
  }

  @Test
  void login_withoutUser_neverAsksTheAuthenticator() {
    Client c = new Client(RecordingMonServer.lab(), (user, pass, host) -> {
      throw new AssertionError("called");
    });
    assertThat(c.send("login")).containsExactly("530 login unsuccessful");
  }

  @Test
  void setview_getview_roundTrip() {
    assertThat(client.send("getview")).containsExactly("no view selected -- all groups will be displayed",
        "220 getview completed");
    assertThat(client.send("setview ops")).containsExactly("selecting view ops", "220 setview completed");
    assertThat(client.send("getview")).containsExactly("view ops selected", "220 getview completed");
    assertThat(client.send("setview")).containsExactly("no view selected -- all groups will be displayed",
        "220 setview completed");
    assertThat(client.session.view()).isNull();
  }

  @Test
  void setview_unknownView_is504_andKeepsTheView() {
    client.send("setview ops");
    assertThat(client.send("setview nosuch")).containsExactly("504 unknown view nosuch");
    assertThat(client.send("setview Ops")).as("view names are case-sensitive").containsExactly("504 unknown view Ops");
    assertThat(client.session.view()).isEqualTo("ops");
  }

  @Test
  void setview_twoNames_is500() {
    assertThat(client.send("setview ops empty")).containsExactly("500 Unknown setview command");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bogus", "listx", " list", "\tlist watch", "lis", "quit!", "setviewx", "dump2"})
  void unknownCommandWord_isInvalidCommand(String line) {
    assertThat(client.send(line)).containsExactly("520 invalid command");
  }

  @Test
  void dump_isAKnownWordWithoutDebug_soItFallsThrough() {
    assertThat(client.send("dump")).containsExactly("520 command could not be executed, unknown command");
  }

  @Test
  void commandWord_isCaseInsensitive_argumentsAreNot() {
    assertThat(client.send("LiSt WaTcH")).containsExactly("520 unknown list command");
    assertThat(client.send("LIST watch")).endsWith("220 list watch completed");
    assertThat(client.send("VERSION")).containsExactly("version 9745", "220 version completed");
  }

  @Test
  void trailingCarriageReturn_isIgnored() {
    assertThat(client.send("version\r")).containsExactly("version 9745", "220 version completed");
  }

  @Test
  void checkauth_answersForTheNamedCommand() {
    Client c = new Client(new RecordingMonServer(Fixture.MON_CONFIG, Fixture.auth(Fixture.debianAuthCf())),
        Authenticator.REFUSE_ALL);
    assertThat(c.send("checkauth list")).containsExactly("220 command authorized");
    assertThat(c.send("checkauth disable")).containsExactly("520 command could not be executed");
    assertThat(c.send("checkauth")).containsExactly("520 command could not be executed");
    assertThat(c.send("checkauth LIST")).as("argument is not lowercased").containsExactly(
        "520 command could not be executed");
  }

  @Test
  void wire_endsEveryLineWithNewline() {
    client.send("version");
    assertThat(client.last.wire()).isEqualTo("version 9745\n220 version completed\n");
  }

  @Test
  void handlerWorksWithAnyZone() {
    ProtocolHandler h = new ProtocolHandler(client.server, Authenticator.REFUSE_ALL,
        Clock.fixed(Fixture.NOW, ZoneOffset.ofHours(-5)));
    assertThat(h.handle("servertime", new Session("::1")).data()).containsExactly("1795310970 Sat Nov 21 20:29:30 2026");
  }
}
