package org.lvsmon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Text::ParseWords::quotewords('\s+', 0, ...) as mon uses it for monitor and alert arguments. */
class ShellWordsTest {
  @Test
  void doubleQuotes_groupWords_andHonourBackslashes() {
    assertThat(ShellWords.split("-S \"ssh \\\"down\\\"\" admin")).containsExactly("-S", "ssh \"down\"", "admin");
  }

  @Test
  void singleQuotes_areLiteral() {
    assertThat(ShellWords.split("'a\\nb' c")).containsExactly("a\\nb", "c");
  }

  @Test
  void adjacentQuotedAndBareParts_joinIntoOneWord() {
    assertThat(ShellWords.split("a\"b c\"d e")).containsExactly("ab cd", "e");
  }

  @Test
  void backslashOutsideQuotes_escapesTheNextCharacter() {
    assertThat(ShellWords.split("a\\ b c")).containsExactly("a b", "c");
  }

  @Test
  void runsOfWhitespace_separateWords_andEmptyInputHasNone() {
    assertThat(ShellWords.split("a \t  b")).containsExactly("a", "b");
    assertThat(ShellWords.split("")).isEqualTo(List.of());
  }

  @Test
  void emptyQuotes_giveAnEmptyWord() {
    assertThat(ShellWords.split("a \"\" b")).containsExactly("a", "", "b");
  }

  @Test
  void unbalancedQuote_isRejectedWithItsColumn() {
    assertThatThrownBy(() -> ShellWords.split("a 'b")).hasMessage("unbalanced ' quote at column 3");
  }

  @Test
  void trailingBackslash_isRejected() {
    assertThatThrownBy(() -> ShellWords.split("a\\")).hasMessage("trailing backslash at column 2");
  }
}
