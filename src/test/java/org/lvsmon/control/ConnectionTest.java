package org.lvsmon.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConnectionTest {
  @Test
  void encode_latin1Text_isItsOwnBytes() {
    String fromBytes = new String(new byte[] {'a', 0, (byte) 0xc3, (byte) 0xa9, '?', '\n'}, StandardCharsets.ISO_8859_1);
    assertThat(Connection.encode(fromBytes)).containsExactly('a', 0, 0xc3, 0xa9, '?', '\n');
  }

  @Test
  void encode_charsAboveU00ff_asUtf8_theRestAsLatin1() {
    assertThat(Connection.encode("?\u00e9\u20ac?\uD83D\uDE00x")).containsExactly(
        '?', 0xe9, 0xe2, 0x82, 0xac, '?', 0xf0, 0x9f, 0x98, 0x80, 'x');
  }

  @Test
  void seconds_asMonConfigWritesThem() {
    assertThat(ControlServer.seconds(java.time.Duration.ofSeconds(30))).isEqualTo("30");
    assertThat(ControlServer.seconds(java.time.Duration.ofMillis(300))).isEqualTo("0.3");
    assertThat(ControlServer.seconds(java.time.Duration.ofMinutes(2))).isEqualTo("120");
  }
}
