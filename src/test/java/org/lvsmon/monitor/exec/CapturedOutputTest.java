package org.lvsmon.monitor.exec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lvsmon.monitor.CheckResult;

class CapturedOutputTest {
  @Test
  void complete_isTheTextAsIs() {
    assertThat(new CapturedOutput("a\nb\n".getBytes(UTF_8), 4, true).text()).isEqualTo("a\nb\n");
  }

  @Test
  void truncated_appendsANoteNamingTheLimitOnItsOwnLine() {
    assertThat(new CapturedOutput("h1 h2\nmore".getBytes(UTF_8), 100, true).text())
        .isEqualTo("h1 h2\nmore\n[lvsmon: output truncated at 10 bytes of 100]\n");
    assertThat(new CapturedOutput("h1 h2\n".getBytes(UTF_8), 100, true).text())
        .isEqualTo("h1 h2\n[lvsmon: output truncated at 6 bytes of 100]\n");
  }

  @Test
  void truncatedWithoutNewline_noteStaysOutOfTheSummary() {
    CheckResult r = CheckResult.of(1, new CapturedOutput("xxxx".getBytes(UTF_8), 9, true).text(), null, null);
    assertThat(r.summary()).isEqualTo("xxxx");
    assertThat(r.detail()).isEqualTo("[lvsmon: output truncated at 4 bytes of 9]\n");
  }

  @Test
  void empty_isEmptySummaryAndNoDetail() {
    CheckResult r = CheckResult.of(1, new CapturedOutput(new byte[0], 0, true).text(), null, null);
    assertThat(r.summary()).isEmpty();
    assertThat(r.detail()).isNull();
  }
}
