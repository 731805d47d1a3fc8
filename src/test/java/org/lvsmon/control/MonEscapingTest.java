package org.lvsmon.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** mon's {@code esc_str} / {@code un_esc_str} and Mon::Client's opstatus parsing (reference 6.1, 6.4). */
class MonEscapingTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "` `|\\20",
      "`\n`|\\0a",
      "`\"`|\\22",
      "`'`|\\27",
      "`\t`|\\09",
      "`\u0000`|\\00",
      "`\u007f`|\\7f",
      "`~`|~",
      "`!`|!",
      "`é`|\\c3\\a9",
      "`tcp.monitor -p 22 -t 3`|tcp.monitor\\20-p\\2022\\20-t\\203",
      "`ssh \"on\" login nodes`|ssh\\20\\22on\\22\\20login\\20nodes"})
  void escape_hexEscapesSpaceControlQuotesAndNonAscii(String raw, String escaped) {
    assertThat(MonEscaping.escape(raw, true)).isEqualTo(escaped);
    assertThat(MonEscaping.escape(raw, false)).isEqualTo(escaped);
  }

  @Test
  void escape_doublesBackslashOnlyInQuotes() {
    assertThat(MonEscaping.escape("a\\b", true)).isEqualTo("a\\\\b");
    assertThat(MonEscaping.escape("a\\b", false)).isEqualTo("a\\b");
  }

  @Test
  void escape_ofNull_isEmpty_likeUndef() {
    assertThat(MonEscaping.escape(null, true)).isEmpty();
    assertThat(MonEscaping.unescape(null)).isEmpty();
  }

  @Test
  void unescape_decodesLowercaseHexPairsOnly() {
    assertThat(MonEscaping.unescape("a\\20b\\0ac\\22\\27")).isEqualTo("a b\nc\"'");
    assertThat(MonEscaping.unescape("\\0A\\2")).as("uppercase and short escapes stay").isEqualTo("\\0A\\2");
    assertThat(MonEscaping.unescape("\\c3\\a9t\\c3\\a9")).isEqualTo("été");
  }

  @Test
  void unescape_leavesDoubledBackslash_asMonDoes() {
    assertThat(MonEscaping.unescape(MonEscaping.escape("a\\b", true))).isEqualTo("a\\\\b");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "plain", "two words", "line\nbreak\r\n", "'quoted' \"too\"", "tab\there",
      "ünïcödé ✓", "\u0001\u001f\u007f\u0080", "127.0.0.1 could not connect: Connection refused"})
  void unescape_ofEscape_isIdentity_forTextWithoutBackslash(String s) {
    assertThat(MonEscaping.unescape(MonEscaping.escape(s, true))).isEqualTo(s);
    assertThat(MonEscaping.unescape(MonEscaping.escape(s, false))).isEqualTo(s);
  }

  @Test
  void escape_roundTrips_randomText_andNeverEmitsSpaceOrQuote() {
    Random r = new Random(42);
    for (int n = 0; n < 2000; n++) {
      StringBuilder b = new StringBuilder();
      int len = r.nextInt(40);
      for (int i = 0; i < len; i++) {
        char c = (char) (r.nextBoolean() ? r.nextInt(0x80) : r.nextInt(0xD000));
        b.append(c == '\\' ? 'x' : c);
      }
      String s = b.toString();
      String e = MonEscaping.escape(s, true);
      assertThat(e).doesNotContain(" ", "\n", "\r", "'", "\"");
      assertThat(MonEscaping.unescape(e)).isEqualTo(s);
    }
  }

  @Test
  void parseOpstatus_readsMeasuredLine_asMonClientDoes() {
    String line = "group=login service=ssh opstatus=0 last_opstatus=0 exitval=1 timer=0 last_success=0 last_trap=0"
        + " last_traphost= last_check=1795311497 ack=0 ackcomment= alerts_sent=1 depstatus= depend= hostdepend="
        + " monitordepend= alertdepend= monitor=tcp.monitor\\20-p\\2022\\20-t\\203 last_summary=127.0.0.1\\20localhost"
        + " last_detail=\\0a127.0.0.1\\20could\\20not\\20connect:\\20Connection\\20refused\\0alocalhost\\20could\\20not"
        + "\\20connect:\\20Connection\\20refused\\0a last_failure=1795311493 interval=5 monitor_duration=1"
        + " monitor_running=1 last_alert=1795311493 first_failure=1795311487 failure_duration=10";

    Map<String, String> f = MonEscaping.parseOpstatus(line);

    assertThat(f).hasSize(28)
        .containsEntry("group", "login")
        .containsEntry("last_traphost", "")
        .containsEntry("ackcomment", "")
        .containsEntry("monitor", "tcp.monitor -p 22 -t 3")
        .containsEntry("last_summary", "127.0.0.1 localhost")
        .containsEntry("last_detail",
            "\n127.0.0.1 could not connect: Connection refused\nlocalhost could not connect: Connection refused\n")
        .containsEntry("failure_duration", "10");
    assertThat(f.keySet()).startsWith("group", "service", "opstatus", "last_opstatus", "exitval", "timer");
  }

  @Test
  void parseOpstatus_quotedValue_keepsSpaces() {
    assertThat(MonEscaping.parseOpstatus("a='x y' b=2")).containsExactly(Map.entry("a", "x y"), Map.entry("b", "2"));
  }

  @Test
  void parseOpstatus_bareWordBetweenFields_joinsTheNextKey_asMonClientDoes() {
    assertThat(MonEscaping.parseOpstatus("a=1 b c=2"))
        .containsExactly(Map.entry("a", "1"), Map.entry("b c", "2"));
    assertThat(MonEscaping.parseOpstatus("a=1 =2")).as("Perl backtracks a space into the key")
        .containsExactly(Map.entry("a", "1"), Map.entry(" ", "2"));
  }

  @Test
  void parseOpstatus_emptyAndGarbage_giveNoFields() {
    assertThat(MonEscaping.parseOpstatus("")).isEmpty();
    assertThat(MonEscaping.parseOpstatus("no fields here")).isEmpty();
    assertThat(MonEscaping.parseOpstatus("=x")).isEmpty();
    assertThat(MonEscaping.parseOpstatus("last=")).containsExactly(Map.entry("last", ""));
  }
}
