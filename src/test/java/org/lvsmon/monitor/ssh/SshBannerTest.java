package org.lvsmon.monitor.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class SshBannerTest {
  @Test
  void disconnectPacket_isAValidUnencryptedBinaryPacket() {
    byte[] p = SshBanner.disconnectPacket("lvsmon probe");
    ByteBuffer b = ByteBuffer.wrap(p);

    int length = b.getInt();
    int padding = b.get();
    assertThat(p.length % 8).isZero();
    assertThat(length).isEqualTo(p.length - 4);
    assertThat(padding).isBetween(4, 255);
    assertThat(b.get()).isEqualTo((byte) 1);
    assertThat(b.getInt()).isEqualTo(11);
    assertThat(b.getInt()).isEqualTo(12);
    byte[] text = new byte[12];
    b.get(text);
    assertThat(new String(text)).isEqualTo("lvsmon probe");
    assertThat(b.getInt()).isZero();
    assertThat(b.remaining()).isEqualTo(padding);
  }

  @Test
  void quote_escapesAndCuts() {
    assertThat(SshBanner.quote("a\"b\\c\u0001")).isEqualTo("\"a\\x22b\\x5cc\\x01\"");
    assertThat(SshBanner.quote("x".repeat(70))).isEqualTo("\"" + "x".repeat(60) + "...\"");
  }
}
