package org.lvsmon.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Nothing a client sends makes the handler throw; bad requests get a 520 and the next one is served. */
class BadInputTest {
  private static final String HUGE = "x".repeat(1 << 20);
  private final Client client = Client.lab();

  @Test
  void emptyOrNullLine_isInvalidCommand() {
    assertThat(client.send("")).containsExactly("520 invalid command");
    assertThat(client.send(null)).containsExactly("520 invalid command");
    assertThat(client.send("   ")).containsExactly("520 invalid command");
  }

  @Test
  void garbageBytes_neverThrow_andAlwaysEndInAStatusLine() {
    Random r = new Random(7);
    for (int n = 0; n < 5000; n++) {
      byte[] b = new byte[r.nextInt(60)];
      r.nextBytes(b);
      String prefix = n % 3 == 0 ? "" : AuthConfig.COMMANDS.get(r.nextInt(AuthConfig.COMMANDS.size())) + " ";
      String line = prefix + new String(b, StandardCharsets.UTF_8).replace("\n", "");
      Reply reply = client.handler.handle(line, client.session);
      // (?s): a status may echo U+0085 or U+2028, which are no line break on the wire (only \n is)
      assertThat(reply.status()).matches("(?s)\\d{3} .*");
    }
    assertThat(client.send("version")).containsExactly("version 9745", "220 version completed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"list opstatus ", "list group ", "list aliases ", "disable watch ", "disable service web ",
      "disable host ", "enable host ", "ack web ssh ", "ack ", "test monitor web ", "test alert web ssh 1 ",
      "set web ssh description ", "set maxkeep ", "get web ssh ", "clear timers web ", "setview ", "login ",
      "protid ", "checkauth ", "reload ", "savestate ", "loadstate ", "reset ", "list "})
  void megabyteArguments_getAReply(String prefix) {
    Reply reply = client.handler.handle(prefix + HUGE, client.session);
    assertThat(reply.status()).matches("(220|520|504|530) .*");
    assertThat(reply.lines()).allSatisfy(l -> assertThat(l).doesNotContain("\n", "\r"));
  }

  @Test
  void megabyteCommandWord_isInvalidCommand() {
    assertThat(client.send(HUGE)).containsExactly("520 invalid command");
    assertThat(client.send("list" + HUGE)).containsExactly("520 invalid command");
  }

  @Test
  void controlCharactersInArguments_areEchoedWithoutBreakingTheFrame() {
    assertThat(client.send("disable watch a\u0000b\u001b[2J")).containsExactly(
        "520 disable error, unknown watch \"a\u0000b\u001b[2J\"");
  }

  @Test
  void whitespaceOtherThanSpace_separatesWords_asPerlsBackslashS() {
    assertThat(client.send("list\twatch")).last().isEqualTo("220 list watch completed");
    assertThat(client.send("list\u000bwatch")).last().isEqualTo("220 list watch completed");
  }

  @Test
  void serverFailure_becomesA520_andTheNextRequestIsServed() {
    client.server.failure = new IllegalStateException("engine gone");
    assertThat(client.send("list opstatus")).containsExactly("520 command could not be executed, internal error");
    client.server.failure = null;
    assertThat(client.send("list opstatus")).last().isEqualTo("220 list opstatus completed");
  }

  @Test
  void eachLineIsIndependent_aFailedRequestLeavesTheSessionAlone() {
    client.send("setview ops");
    client.send("bogus\u0000");
    client.send("setview nosuch");
    assertThat(client.send("getview")).containsExactly("view ops selected", "220 getview completed");
  }
}
