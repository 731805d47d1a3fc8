package org.lvsmon.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Replies made from lines checked once in advance: the same reply, and still framed. */
class ReplyTest {
  @Test
  void ofCheckedLines_equalsTheReplyOfTheSameLines_andKeepsThemThroughThen() {
    Reply checked = Reply.ofCheckedLines(List.of(Reply.checkOneLine("a=1"), Reply.checkOneLine("b=2")), "220 done");

    assertThat(checked).isEqualTo(Reply.of(List.of("a=1", "b=2"), "220 done"));
    assertThat(checked.then(Reply.After.CLOSE).wire()).isEqualTo("a=1\nb=2\n220 done\n");
  }

  @Test
  void checkOneLine_refusesCrOrLf_andOfCheckedLinesStillChecksTheStatus() {
    assertThatThrownBy(() -> Reply.checkOneLine("a\rb")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CR or LF");
    assertThatThrownBy(() -> Reply.ofCheckedLines(List.of("a=1"), "done")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("status line");
    assertThatThrownBy(() -> Reply.ofCheckedLines(List.of(), "220 a\nb")).isInstanceOf(IllegalArgumentException.class);
  }
}
