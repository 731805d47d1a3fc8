package org.lvsmon.ipvs.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lvsmon.ipvs.AddressFamily;

/** nlmsghdr framing, error and done messages: pure functions over bytes. */
class NetlinkFramingTest {
  @BeforeEach
  void littleEndian() {
    assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "golden bytes are written for little-endian hosts");
  }

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
  }

  @Test
  void encode_header_lengthTypeFlagsSeqPid_thenPayloadPadded() {
    byte[] bytes = Netlink.encode(new NetlinkMessage(0x1c, 0x0305, 7, 4242, new byte[] {1, 2, 3}));

    assertThat(bytes).isEqualTo(hex("13000000 1c00 0503 07000000 92100000 010203 00"));
  }

  @Test
  void decode_severalMessagesInOneDatagram_eachWithItsPayload() {
    byte[] two = hex("14000000 0200 0000 01000000 92100000 00000000"
        + "14000000 0300 0200 02000000 92100000 00000000");

    List<NetlinkMessage> ms = Netlink.decode(two, two.length);

    assertThat(ms).extracting(NetlinkMessage::type, NetlinkMessage::seq).containsExactly(
        tuple(Netlink.NLMSG_ERROR, 1), tuple(Netlink.NLMSG_DONE, 2));
    assertThat(Netlink.error(ms.get(0)).isAck()).isTrue();
    assertThat(Netlink.doneStatus(ms.get(1))).isZero();
  }

  @Test
  void decode_lastMessageWithoutItsPadding_isAccepted() {
    byte[] b = hex("11000000 1c00 0000 01000000 00000000 ff");

    assertThat(Netlink.decode(b, b.length).get(0).payload()).containsExactly(0xff);
  }

  @Test
  void decode_truncatedHeader_saysHowManyBytesWereLeft() {
    byte[] b = hex("14000000 0200 0000 0100");

    assertThatThrownBy(() -> Netlink.decode(b, b.length)).isInstanceOf(NetlinkFormatException.class)
        .hasMessage("netlink message at offset 0: 10 bytes left, a header needs 16");
  }

  @Test
  void decode_lengthBeyondTheDatagram_orBelowTheHeader_isRefused() {
    byte[] longer = hex("40000000 1c00 0000 01000000 00000000 00000000");
    byte[] shorter = hex("08000000 1c00 0000 01000000 00000000");
    byte[] negative = hex("ffffffff 1c00 0000 01000000 00000000");

    assertThatThrownBy(() -> Netlink.decode(longer, longer.length))
        .hasMessage("netlink message at offset 0: length 64 outside 16..20 (the bytes left)");
    assertThatThrownBy(() -> Netlink.decode(shorter, shorter.length))
        .hasMessage("netlink message at offset 0: length 8 outside 16..16 (the bytes left)");
    assertThatThrownBy(() -> Netlink.decode(negative, negative.length))
        .hasMessage("netlink message at offset 0: length 4294967295 outside 16..16 (the bytes left)");
  }

  @Test
  void error_negativeErrno_andTheKernelsExtendedAckText() {
    // NLMSG_ERROR, flags CAPPED|ACK_TLVS: error -22, the echoed request header, NLMSGERR_ATTR_MSG "bad"
    byte[] b = hex("2c000000 0200 0003 05000000 92100000 eaffffff"
        + "20000000 1c00 0500 05000000 92100000" + "0800 0100 62616400");

    Netlink.ErrorReply e = Netlink.error(Netlink.decode(b, b.length).get(0));

    assertThat(e.errno()).isEqualTo(22);
    assertThat(e.message()).isEqualTo("bad");
  }

  @Test
  void error_tooShortForTheCode_isRefused() {
    byte[] b = hex("12000000 0200 0000 05000000 92100000 eaff");

    assertThatThrownBy(() -> Netlink.error(Netlink.decode(b, b.length).get(0)))
        .hasMessage("NLMSG_ERROR of 2 bytes; the error code needs 4");
  }

  @Test
  void doneWithANegativeStatus_isTheDumpsErrno() {
    byte[] b = hex("14000000 0300 0200 05000000 92100000 fdffffff");

    assertThat(Netlink.doneStatus(Netlink.decode(b, b.length).get(0))).isEqualTo(-3);
  }

  /** Every prefix and a thousand random corruptions of real kernel replies: a clear exception or a model, never a crash. */
  @Test
  void malformedInput_truncatedOrCorrupted_onlyEverNetlinkFormatException() {
    Random random = new Random(5);
    for (Recorded.Reply r : Recorded.replies()) {
      byte[] whole = r.bytes();
      for (int cut = 0; cut < whole.length; cut++) {
        decodeAll(r, Arrays.copyOf(whole, cut));
      }
      for (int i = 0; i < 1000; i++) {
        byte[] bad = whole.clone();
        for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
          bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
        }
        decodeAll(r, bad);
      }
    }
  }

  private static void decodeAll(Recorded.Reply r, byte[] bytes) {
    try {
      for (NetlinkMessage m : Netlink.decode(bytes, bytes.length)) {
        if (r.kind().equals("service")) {
          IpvsCodec.service(m);
        } else {
          IpvsCodec.realServer(m, AddressFamily.INET);
        }
      }
    } catch (NetlinkFormatException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
