package org.lvsmon.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalStreamTest {
  @TempDir Path dir;

  private static String devIno(Path p) throws IOException {
    Map<String, Object> a = Files.readAttributes(p, "unix:dev,ino");
    return a.get("dev") + ":" + a.get("ino");
  }

  @Test
  void isStderr_variableNamesThatStream_isTrue() throws IOException {
    Path stream = Files.createFile(dir.resolve("stream"));
    assertThat(JournalStream.isStderr(devIno(stream), stream)).isTrue();
  }

  @Test
  void isStderr_variableInheritedButStderrRedirected_isFalse() throws IOException {
    Path journal = Files.createFile(dir.resolve("journal"));
    Path pipe = Files.createFile(dir.resolve("pipe"));
    assertThat(JournalStream.isStderr(devIno(journal), pipe)).isFalse();
  }

  @Test
  void isStderr_variableUnsetOrEmpty_isFalse() throws IOException {
    Path stream = Files.createFile(dir.resolve("stream"));
    assertThat(JournalStream.isStderr(null, stream)).isFalse();
    assertThat(JournalStream.isStderr("", stream)).isFalse();
  }

  @Test
  void isStderr_stderrCannotBeLookedAt_trustsTheVariable() {
    assertThat(JournalStream.isStderr("8:1234", dir.resolve("missing"))).isTrue();
  }
}
