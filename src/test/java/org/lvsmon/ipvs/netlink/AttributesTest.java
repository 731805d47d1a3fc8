package org.lvsmon.ipvs.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.lvsmon.ipvs.netlink.NetlinkFramingTest.hex;

import java.nio.ByteOrder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AttributesTest {
  @BeforeEach
  void littleEndian() {
    assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "golden bytes are written for little-endian hosts");
  }

  @Test
  void writer_typesAndNesting_asNlaPutDoes() {
    byte[] bytes = new AttributeWriter().u8(1, 0xab).nested(2, w -> w.u16(3, 0x0102).be16(4, 22).u32(5, 7))
        .string(6, "wlc").toByteArray();

    assertThat(bytes).isEqualTo(hex("0500 0100 ab000000" + "1c00 0200 0600 0300 0201 0000 0600 0400 0016 0000"
        + "0800 0500 07000000" + "0800 0600 776c6300"));
  }

  @Test
  void parse_roundTrip_typedGetters() {
    byte[] bytes = new AttributeWriter().u8(1, 200).nested(2, w -> w.be16(4, 6080).u32(5, -1)).string(6, "sh").toByteArray();

    Attributes a = Attributes.parse("test", bytes);

    assertThat(a.u8(1)).isEqualTo(200);
    assertThat(a.nested(2, "inner").be16(4)).isEqualTo(6080);
    assertThat(a.nested(2, "inner").u32Unsigned(5)).isEqualTo(4294967295L);
    assertThat(a.string(6)).isEqualTo("sh");
  }

  @Test
  void parse_nestedFlagBit_isMaskedOff() {
    Attributes a = Attributes.parse("test", hex("0c00 0180 0800 0100 05000000"));

    assertThat(a.nested(1, "inner").u32(1)).isEqualTo(5);
  }

  @Test
  void parse_lengthBelowHeaderOrPastTheEnd_namesContextTypeAndOffset() {
    assertThatThrownBy(() -> Attributes.parse("IPVS service", hex("0800 0100 05000000 0200 0700")))
        .isInstanceOf(NetlinkFormatException.class)
        .hasMessage("IPVS service: attribute 7 at offset 8 has length 2, outside 4..4 (the bytes left)");
    assertThatThrownBy(() -> Attributes.parse("IPVS dest", hex("2000 0400 05000000")))
        .hasMessage("IPVS dest: attribute 4 at offset 0 has length 32, outside 4..8 (the bytes left)");
  }

  @Test
  void parse_fewerThanFourTrailingBytes_areIgnoredLikeTheKernelDoes() {
    assertThat(Attributes.parse("test", hex("0800 0100 05000000 0000")).u32(1)).isEqualTo(5);
  }

  @Test
  void getters_wrongSizeOrMissing_sayWhatWasExpected() {
    Attributes a = Attributes.parse("IPVS dest", hex("0600 0400 0500 0000"));

    assertThatThrownBy(() -> a.u32(4)).isInstanceOf(NetlinkFormatException.class)
        .hasMessage("IPVS dest: attribute 4 has 2 bytes, expected 4");
    assertThatThrownBy(() -> a.u16(9)).hasMessage("IPVS dest: attribute 9 missing");
    assertThatThrownBy(() -> a.bytes(4, 4, 16)).hasMessage("IPVS dest: attribute 4 has 2 bytes, expected 4..16");
  }

  @Test
  void parse_outsideTheBuffer_isRefusedBeforeReading() {
    assertThatThrownBy(() -> Attributes.parse("test", new byte[8], 4, 8))
        .hasMessage("test: attributes at 4+8 outside 8 bytes");
  }
}
