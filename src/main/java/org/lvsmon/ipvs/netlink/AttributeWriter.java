package org.lvsmon.ipvs.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Builds netlink attributes ({@code nlattr}: 16-bit length, 16-bit type, value, padding to 4
 * bytes), nests included. Not thread-safe; one writer builds one message.
 */
public final class AttributeWriter {
  private ByteBuffer buffer = ByteBuffer.allocate(256).order(Netlink.ORDER);

  public AttributeWriter u8(int type, int value) {
    return put(type, new byte[] {(byte) value});
  }

  public AttributeWriter u16(int type, int value) {
    return put(type, ByteBuffer.allocate(2).order(Netlink.ORDER).putShort((short) value).array());
  }

  /** A 16-bit value in network byte order (ports). */
  public AttributeWriter be16(int type, int value) {
    return put(type, ByteBuffer.allocate(2).order(ByteOrder.BIG_ENDIAN).putShort((short) value).array());
  }

  public AttributeWriter u32(int type, int value) {
    return put(type, ByteBuffer.allocate(4).order(Netlink.ORDER).putInt(value).array());
  }

  /** A 32-bit value in network byte order. */
  public AttributeWriter be32(int type, int value) {
    return put(type, ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN).putInt(value).array());
  }

  /** A NUL-terminated string. */
  public AttributeWriter string(int type, String value) {
    byte[] s = value.getBytes(StandardCharsets.UTF_8);
    return put(type, Arrays.copyOf(s, s.length + 1));
  }

  public AttributeWriter bytes(int type, byte[] value) {
    return put(type, value);
  }

  /** A nested attribute whose contents {@code body} writes. */
  public AttributeWriter nested(int type, Consumer<AttributeWriter> body) {
    int start = buffer.position();
    header(0, type);
    body.accept(this);
    int length = buffer.position() - start;
    checkLength(type, length);
    buffer.putShort(start, (short) length);
    return this;
  }

  /** The attributes written so far. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buffer.array(), buffer.position());
  }

  private AttributeWriter put(int type, byte[] value) {
    int length = 4 + value.length;
    checkLength(type, length);
    header(length, type);
    ensure(Netlink.align(value.length));
    buffer.put(value);
    buffer.position(buffer.position() + Netlink.align(value.length) - value.length);
    return this;
  }

  private void header(int length, int type) {
    if (type < 0 || type > 0x3fff) {
      throw new IllegalArgumentException("attribute type " + type + " out of range 0..16383");
    }
    ensure(4);
    buffer.putShort((short) length).putShort((short) type);
  }

  private static void checkLength(int type, int length) {
    if (length > 0xffff) {
      throw new IllegalArgumentException("attribute " + type + " of " + length + " bytes exceeds the 65535 a netlink attribute holds");
    }
  }

  private void ensure(int more) {
    if (buffer.remaining() < more) {
      ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + more))
          .order(Netlink.ORDER);
      buffer.flip();
      bigger.put(buffer);
      buffer = bigger;
    }
  }
}
