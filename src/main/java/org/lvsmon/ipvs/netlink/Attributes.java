package org.lvsmon.ipvs.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Netlink attributes parsed from bytes, by type (the nested and byte-order flag bits masked off;
 * the last of repeated types wins, as in the kernel). Getters check each value's length and throw
 * {@link NetlinkFormatException} naming the context and the attribute, never read out of bounds.
 * Immutable.
 */
public final class Attributes {
  private static final int TYPE_MASK = 0x3fff;

  private final String context;
  private final Map<Integer, byte[]> values;

  private Attributes(String context, Map<Integer, byte[]> values) {
    this.context = context;
    this.values = values;
  }

  /**
   * The attributes in {@code length} bytes of {@code bytes} from {@code offset}.
   *
   * @param context what they belong to, for messages ("IPVS service")
   * @throws NetlinkFormatException when an attribute's length is below 4 or runs past the end
   */
  public static Attributes parse(String context, byte[] bytes, int offset, int length) {
    if (offset < 0 || length < 0 || offset + length > bytes.length) {
      throw new NetlinkFormatException(context + ": attributes at " + offset + "+" + length + " outside "
          + bytes.length + " bytes");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(Netlink.ORDER);
    Map<Integer, byte[]> values = new HashMap<>();
    int at = offset;
    int end = offset + length;
    while (end - at >= 4) {
      int len = b.getShort(at) & 0xffff;
      int type = b.getShort(at + 2) & TYPE_MASK;
      if (len < 4 || len > end - at) {
        throw new NetlinkFormatException(context + ": attribute " + type + " at offset " + (at - offset)
            + " has length " + len + ", outside 4.." + (end - at) + " (the bytes left)");
      }
      values.put(type, Arrays.copyOfRange(bytes, at + 4, at + len));
      at += Math.min(Netlink.align(len), end - at);
    }
    // fewer than 4 trailing bytes are padding: the kernel's nla_parse ignores them too
    return new Attributes(context, values);
  }

  public static Attributes parse(String context, byte[] bytes) {
    return parse(context, bytes, 0, bytes.length);
  }

  public boolean has(int type) {
    return values.containsKey(type);
  }

  public int u8(int type) {
    return value(type, 1, 1)[0] & 0xff;
  }

  public int u16(int type) {
    return ByteBuffer.wrap(value(type, 2, 2)).order(Netlink.ORDER).getShort() & 0xffff;
  }

  /** A 16-bit value in network byte order. */
  public int be16(int type) {
    return ByteBuffer.wrap(value(type, 2, 2)).order(ByteOrder.BIG_ENDIAN).getShort() & 0xffff;
  }

  public int u32(int type) {
    return ByteBuffer.wrap(value(type, 4, 4)).order(Netlink.ORDER).getInt();
  }

  /** A 32-bit value in network byte order. */
  public int be32(int type) {
    return ByteBuffer.wrap(value(type, 4, 4)).order(ByteOrder.BIG_ENDIAN).getInt();
  }

  /** An unsigned 32-bit value widened to long. */
  public long u32Unsigned(int type) {
    return Integer.toUnsignedLong(u32(type));
  }

  /** A string, up to its first NUL (or the end when it has none). */
  public String string(int type) {
    byte[] v = value(type, 0, Integer.MAX_VALUE);
    return Netlink.cString(v, 0, v.length);
  }

  /** The value, between {@code min} and {@code max} bytes long. */
  public byte[] bytes(int type, int min, int max) {
    return value(type, min, max).clone();
  }

  /** A nested attribute's attributes. */
  public Attributes nested(int type, String nestedContext) {
    byte[] v = value(type, 0, Integer.MAX_VALUE);
    return parse(context + " > " + nestedContext, v, 0, v.length);
  }

  private byte[] value(int type, int min, int max) {
    byte[] v = values.get(type);
    if (v == null) {
      throw new NetlinkFormatException(context + ": attribute " + type + " missing");
    }
    if (v.length < min || v.length > max) {
      throw new NetlinkFormatException(context + ": attribute " + type + " has " + v.length + " bytes, expected "
          + (min == max ? min : min + ".." + (max == Integer.MAX_VALUE ? "" : max)));
    }
    return v;
  }

  @Override
  public String toString() {
    return context + " attributes " + values.keySet();
  }
}
