package org.lvsmon.ipvs.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Netlink framing as pure functions over bytes: {@code nlmsghdr} encode and decode, the error and
 * done messages. Host byte order throughout, as the kernel uses on the local socket.
 */
public final class Netlink {
  private Netlink() {}

  public static final ByteOrder ORDER = ByteOrder.nativeOrder();
  public static final int HEADER_LENGTH = 16;
  public static final int ALIGN = 4;

  public static final int NLMSG_NOOP = 1;
  public static final int NLMSG_ERROR = 2;
  public static final int NLMSG_DONE = 3;
  public static final int NLMSG_OVERRUN = 4;

  public static final int NLM_F_REQUEST = 0x1;
  public static final int NLM_F_MULTI = 0x2;
  public static final int NLM_F_ACK = 0x4;
  public static final int NLM_F_DUMP = 0x300;
  /** In an error message: the request was echoed with its header only. */
  public static final int NLM_F_CAPPED = 0x100;
  /** In an error message: extended-ack attributes follow the echoed request. */
  public static final int NLM_F_ACK_TLVS = 0x200;

  /** {@code NLMSGERR_ATTR_MSG}: the kernel's text for an error. */
  static final int NLMSGERR_ATTR_MSG = 1;

  static int align(int n) {
    return (n + ALIGN - 1) & ~(ALIGN - 1);
  }

  /** The message's bytes: header (with its length) and payload, padded to 4 bytes. */
  public static byte[] encode(NetlinkMessage m) {
    int length = HEADER_LENGTH + m.payload().length;
    ByteBuffer b = ByteBuffer.allocate(align(length)).order(ORDER);
    b.putInt(length).putShort((short) m.type()).putShort((short) m.flags()).putInt(m.seq()).putInt(m.pid());
    b.put(m.payload());
    return b.array();
  }

  /**
   * Every message in the first {@code length} bytes of {@code buffer} (one datagram may hold several).
   *
   * @throws NetlinkFormatException when a header is cut short, or a length is below 16 or runs past the end
   */
  public static List<NetlinkMessage> decode(byte[] buffer, int length) {
    if (length < 0 || length > buffer.length) {
      throw new IllegalArgumentException("length " + length + " outside a buffer of " + buffer.length + " bytes");
    }
    ByteBuffer b = ByteBuffer.wrap(buffer, 0, length).order(ORDER);
    List<NetlinkMessage> messages = new ArrayList<>();
    int offset = 0;
    while (offset < length) {
      int left = length - offset;
      if (left < HEADER_LENGTH) {
        throw new NetlinkFormatException("netlink message at offset " + offset + ": " + left
            + " bytes left, a header needs " + HEADER_LENGTH);
      }
      int len = b.getInt(offset);
      if (len < HEADER_LENGTH || len > left) {
        throw new NetlinkFormatException("netlink message at offset " + offset + ": length " + Integer.toUnsignedString(len)
            + " outside " + HEADER_LENGTH + ".." + left + " (the bytes left)");
      }
      int type = b.getShort(offset + 4) & 0xffff;
      int flags = b.getShort(offset + 6) & 0xffff;
      int seq = b.getInt(offset + 8);
      int pid = b.getInt(offset + 12);
      byte[] payload = new byte[len - HEADER_LENGTH];
      System.arraycopy(buffer, offset + HEADER_LENGTH, payload, 0, payload.length);
      messages.add(new NetlinkMessage(type, flags, seq, pid, payload));
      offset += Math.min(align(len), left);
    }
    return messages;
  }

  /**
   * An {@code NLMSG_ERROR} message's error: 0 for an ACK, else a negative errno, and the kernel's
   * extended-ack text when it sent one.
   *
   * @throws NetlinkFormatException when the payload is shorter than the error code
   */
  public static ErrorReply error(NetlinkMessage m) {
    byte[] p = m.payload();
    if (p.length < 4) {
      throw new NetlinkFormatException("NLMSG_ERROR of " + p.length + " bytes; the error code needs 4");
    }
    ByteBuffer b = ByteBuffer.wrap(p).order(ORDER);
    int error = b.getInt(0);
    String text = "";
    if (m.hasFlag(NLM_F_ACK_TLVS) && p.length >= 4 + HEADER_LENGTH) {
      int echoed = m.hasFlag(NLM_F_CAPPED) ? HEADER_LENGTH : b.getInt(4);
      int start = 4 + align(Math.max(echoed, HEADER_LENGTH));
      if (start <= p.length) {
        Attributes tlvs = Attributes.parse("extended ack", p, start, p.length - start);
        if (tlvs.has(NLMSGERR_ATTR_MSG)) {
          text = tlvs.string(NLMSGERR_ATTR_MSG);
        }
      }
    }
    return new ErrorReply(error, text);
  }

  /** An {@code NLMSG_DONE} message's status: 0, or a negative errno when the dump failed. */
  public static int doneStatus(NetlinkMessage m) {
    return m.payload().length >= 4 ? ByteBuffer.wrap(m.payload()).order(ORDER).getInt(0) : 0;
  }

  /**
   * The error code of an {@code NLMSG_ERROR}: 0 for an acknowledgement, else minus the errno.
   *
   * @param message the kernel's extended-ack text, or empty
   */
  public record ErrorReply(int error, String message) {
    public boolean isAck() {
      return error == 0;
    }

    public int errno() {
      return -error;
    }
  }

  static String cString(byte[] bytes, int offset, int length) {
    int end = offset;
    while (end < offset + length && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
  }
}
