package org.lvsmon.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;

class JournalPriorityTest {
  @Test
  void of_eachLevel_mapsToItsSyslogPriority() {
    assertThat(JournalPriority.of(Level.ERROR)).isEqualTo(3);
    assertThat(JournalPriority.of(Level.WARN)).isEqualTo(4);
    assertThat(JournalPriority.of(Level.INFO)).isEqualTo(6);
    assertThat(JournalPriority.of(Level.DEBUG)).isEqualTo(7);
    assertThat(JournalPriority.of(Level.TRACE)).isEqualTo(7);
  }

  @Test
  void prefixLines_multiLineText_prefixesEveryLine() {
    assertThat(JournalPriority.prefixLines(Level.ERROR, "a: failed\njava.io.IOException: x\n\tat A.b(A.java:1)\n"))
        .isEqualTo("<3>a: failed\n<3>java.io.IOException: x\n<3>\tat A.b(A.java:1)\n");
  }

  @Test
  void prefixLines_lastLineWithoutNewline_isPrefixedToo() {
    assertThat(JournalPriority.prefixLines(Level.WARN, "one\ntwo")).isEqualTo("<4>one\n<4>two");
  }

  @Test
  void prefixLines_emptyLineInside_keepsItAsAnEntry() {
    assertThat(JournalPriority.prefixLines(Level.INFO, "one\n\nthree\n")).isEqualTo("<6>one\n<6>\n<6>three\n");
  }
}
