package org.lvsmon.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code stop}, {@code start}, {@code reset}, {@code reload}, {@code savestate}, {@code loadstate}, {@code term}. */
class AdminCommandsTest {
  private final Client client = Client.lab();
  private final RecordingMonServer server = client.server;

  @Test
  void stopStart_asTranscript() {
    server.stopTime = Instant.ofEpochSecond(1795311032);
    assertThat(client.send("stop")).containsExactly("220 stop completed");
    assertThat(client.send("list state")).containsExactly("scheduler stopped since 1795311032",
        "220 list state completed");
    assertThat(client.send("start")).containsExactly("220 start completed");
    assertThat(server.calls).containsExactly("stop", "start");
  }

  @Test
  void reset_repliesWithPidAndHost() {
    assertThat(client.send("reset")).containsExactly("220 reset PID 10752@vm");
    assertThat(client.send("reset stopped keepstate")).containsExactly("220 reset PID 10752@vm");
    assertThat(client.send("reset STOPPED")).containsExactly("220 reset PID 10752@vm");
    assertThat(client.send("reset KEEPSTATE")).containsExactly("220 reset PID 10752@vm");
    assertThat(server.calls).containsExactly("reset stopped=false keepstate=false",
        "reset stopped=true keepstate=true", "reset stopped=true keepstate=false",
        "reset stopped=false keepstate=false");
  }

  @Test
  void reset_withConfigErrors_fails() {
    server.configErrors = List.of("broken");
    assertThat(client.send("reset")).containsExactly("520 reset PID 10752@vm failed, error in config file");
  }

  @Test
  void reload_onlyKnowsAuth() {
    assertThat(client.send("reload auth")).containsExactly("220 reload completed");
    assertThat(client.send("reload")).containsExactly("220 reload completed");
    assertThat(client.send("reload config")).containsExactly("520 unknown reload command");
    assertThat(client.send("reload auth config")).containsExactly("520 unknown reload command");
    assertThat(server.calls).containsExactly("reload auth", "reload auth");
  }

  @Test
  void savestate_needsArguments() {
    assertThat(client.send("savestate")).containsExactly("520 savestate error, arguments required");
    assertThat(client.send("savestate ")).containsExactly("520 savestate error, arguments required");
    assertThat(client.send("savestate all")).containsExactly("220 savestate completed");
    assertThat(client.send("savestate opstatus bogus")).containsExactly("220 savestate completed");
    assertThat(client.send("savestate bogus")).containsExactly("220 savestate completed");
    assertThat(server.calls).containsExactly("savestate [DISABLED, OPSTATUS]", "savestate [OPSTATUS]");
  }

  @Test
  void loadstate_alwaysCompletes() {
    assertThat(client.send("loadstate")).containsExactly("220 loadstate completed");
    assertThat(client.send("loadstate disabled")).containsExactly("220 loadstate completed");
    assertThat(client.send("loadstate opstatus disabled")).containsExactly("220 loadstate completed");
    assertThat(server.calls).containsExactly("loadstate [DISABLED]", "loadstate [OPSTATUS, DISABLED]");
  }

  @Test
  void term_repliesAndAsksTheConnectionLayerToTerminate() {
    assertThat(client.send("term")).containsExactly("220 terminating server");
    assertThat(client.last.after()).isEqualTo(Reply.After.TERMINATE);
    assertThat(server.calls).as("the handler never terminates by itself").isEmpty();
  }
}
