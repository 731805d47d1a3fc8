package org.lvsmon.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** mon's {@code handle_trap} parsing, on datagrams built as Mon::Client builds them. */
class TrapDecoderTest {

  private static Trap decode(String text) throws TrapFormatException {
    byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
    return TrapDecoder.decode(b, b.length);
  }

  @Test
  void monClientTrap_decodesEveryField() throws Exception {
    byte[] d = MonClientTrap.datagram("alice", "pw 'x'", MonClientTrap.FAIL, "web", "http", 1, 1795310970L,
        "web1 down", "connect: refused\nretried 3 times");
    Trap t = TrapDecoder.decode(d, d.length);
    assertThat(t).isEqualTo(new Trap("0.3807", "alice", "pw 'x'", "trap", "0", "0", "web", "http", 1,
        "1795310970", "web1 down", "connect: refused\nretried 3 times"));
    assertThat(t.output()).isEqualTo("web1 down\n\nconnect: refused\nretried 3 times");
  }

  @Test
  void toString_hidesThePassword() throws Exception {
    byte[] d = MonClientTrap.datagram("alice", "s3cret", MonClientTrap.OK, "g", "s", 0, 1, "ok", "");
    assertThat(TrapDecoder.decode(d, d.length).toString()).doesNotContain("s3cret").contains("password=(hidden)");
  }

  @Test
  void anonymousMonClient_sendsNoPasLine_andGetsAnEmptyPassword() throws Exception {
    byte[] d = MonClientTrap.datagram("", null, MonClientTrap.OK, "g", "s", 0, 1, "", "");
    assertThat(new String(d, StandardCharsets.UTF_8)).startsWith("pro='0.3807'\nusr=''\nspc='1'\n");
    Trap t = TrapDecoder.decode(d, d.length);
    assertThat(t.user()).isEmpty();
    assertThat(t.password()).isEmpty();
    assertThat(t.output()).isEqualTo("\n\n");
  }

  @Test
  void escapes_areUndoneAsUnEscStr_lowercaseHexOnly_doubledBackslashesStay() throws Exception {
    Trap t = decode("pro='0.3807'\nsta='0'\nsum='a\\20b\\0ac\\2Ad\\27'\ndtl='C:\\\\dir é'\ngrp='caf\\c3\\a9'\n");
    assertThat(t.summary()).isEqualTo("a b\nc\\2Ad'");
    assertThat(t.detail()).isEqualTo("C:\\\\dir \uFFFD"); // raw Latin-1 é is not UTF-8
    assertThat(t.group()).isEqualTo("café");
  }

  @Test
  void quotes_onlyAroundTheWholeValue_areRemoved_andCrStaysInTheLine() throws Exception {
    Trap t = decode("pro=0.3807\nsta=2\ngrp='a'b'\nsvc='x\ntyp=''\nsum='s'\r\n");
    assertThat(t.group()).isEqualTo("a'b");
    assertThat(t.service()).isEqualTo("'x");
    assertThat(t.type()).isEmpty();
    assertThat(t.summary()).isEqualTo("'s'\r");
    assertThat(t.exitValue()).isEqualTo(2);
  }

  @Test
  void laterKeys_win_otherLinesAreSkipped_keysAreCaseSensitive() throws Exception {
    Trap t = decode("\nGRP='upper'\ngrp='one'\n  grp='indented'\nhello world\ngrp='two'\nk-y=1\npro='0.3807'\nsta='0'\n\n\n");
    assertThat(t.group()).isEqualTo("two");
    assertThat(t.protocol()).isEqualTo("0.3807");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "0.3807", "0.3807abc", " 0.39", "1e3", "nan", "Inf"})
  void protocol_comparedAsAPerlNumber_accepted(String pro) throws Exception {
    assertThat(decode("pro=" + pro + "\nsta=0\n").protocol()).isEqualTo(pro);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.3806", "", "abc", "-1", "0x1", "'0.38'"})
  void protocol_belowMonsVersion_isRefused(String pro) {
    assertThatThrownBy(() -> decode("pro=" + pro + "\nsta=0\n"))
        .isInstanceOf(TrapFormatException.class)
        .hasMessageContaining("is older than 0.3807");
  }

  @Test
  void missingProOrSta_orANonNumericSta_isRefusedWithAReason() {
    assertThatThrownBy(() -> decode("sta=0\n")).hasMessageStartingWith("not a mon trap: no pro= line");
    assertThatThrownBy(() -> decode("pro=0.3807\nsum=x\n")).hasMessage("trap has no sta= line (its exit value)");
    assertThatThrownBy(() -> decode("pro=0.3807\nsta=abc\n"))
        .hasMessage("trap sta='abc' is not an exit value (expected 0 to 999999999)");
    assertThatThrownBy(() -> decode("pro=0.3807\nsta=1234567890\n")).isInstanceOf(TrapFormatException.class);
  }

  @Test
  void garbage_neverCrashes_alwaysGivesAReason() {
    Random r = new Random(42);
    for (int i = 0; i < 2000; i++) {
      byte[] b = new byte[r.nextInt(300)];
      r.nextBytes(b);
      try {
        TrapDecoder.decode(b, b.length);
      } catch (TrapFormatException e) {
        assertThat(e.getMessage()).isNotBlank();
      }
    }
    assertThatThrownBy(() -> TrapDecoder.decode(new byte[0], 0))
        .hasMessage("not a mon trap: no pro= line (0 bytes, 0 key=value fields, 0 other lines)");
  }

  @Test
  void aFullSizeDatagram_isDecoded() throws Exception {
    String head = "pro='0.3807'\nsta='1'\ndtl='";
    String detail = "x".repeat(TrapListener.MAX_DATAGRAM - head.length() - 2);
    Trap t = decode(head + detail + "'\n");
    assertThat(t.detail()).hasSize(detail.length());
  }

  @Test
  void onlyTheGivenLengthIsRead() throws Exception {
    byte[] b = "pro=1\nsta=3\nsta=4\n".getBytes(StandardCharsets.US_ASCII);
    assertThat(TrapDecoder.decode(b, 12).exitValue()).isEqualTo(3);
  }
}
