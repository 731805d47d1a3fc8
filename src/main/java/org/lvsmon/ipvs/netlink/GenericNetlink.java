package org.lvsmon.ipvs.netlink;

/**
 * Generic netlink as pure functions: the 4-byte {@code genlmsghdr} (command, version, reserved)
 * before the attributes, and the controller's family lookup ({@code CTRL_CMD_GETFAMILY}).
 */
public final class GenericNetlink {
  private GenericNetlink() {}

  public static final int NETLINK_GENERIC = 16;
  public static final int HEADER_LENGTH = 4;
  /** The controller family's fixed id ({@code GENL_ID_CTRL}). */
  public static final int GENL_ID_CTRL = 0x10;
  static final int CTRL_CMD_NEWFAMILY = 1;
  static final int CTRL_CMD_GETFAMILY = 3;
  static final int CTRL_ATTR_FAMILY_ID = 1;
  static final int CTRL_ATTR_FAMILY_NAME = 2;
  static final int CTRL_VERSION = 2;

  /** A generic netlink message's header and its attributes. */
  public record Message(int command, int version, Attributes attributes) {}

  /** A request to {@code familyId}: header {@code flags} plus {@code NLM_F_REQUEST}, seq and pid left 0. */
  public static NetlinkMessage request(int familyId, int flags, int command, int version, byte[] attributes) {
    byte[] payload = new byte[HEADER_LENGTH + attributes.length];
    payload[0] = (byte) command;
    payload[1] = (byte) version;
    System.arraycopy(attributes, 0, payload, HEADER_LENGTH, attributes.length);
    return new NetlinkMessage(familyId, flags | Netlink.NLM_F_REQUEST, 0, 0, payload);
  }

  /**
   * The generic netlink header and attributes of a message.
   *
   * @param context what it is, for messages
   * @throws NetlinkFormatException when the payload is shorter than the header or an attribute is malformed
   */
  public static Message decode(NetlinkMessage m, String context) {
    byte[] p = m.payload();
    if (p.length < HEADER_LENGTH) {
      throw new NetlinkFormatException(context + ": generic netlink payload of " + p.length + " bytes, the header needs "
          + HEADER_LENGTH);
    }
    return new Message(p[0] & 0xff, p[1] & 0xff, Attributes.parse(context, p, HEADER_LENGTH, p.length - HEADER_LENGTH));
  }

  /** {@code CTRL_CMD_GETFAMILY} for the family called {@code name}. */
  public static NetlinkMessage getFamily(String name) {
    return request(GENL_ID_CTRL, Netlink.NLM_F_ACK, CTRL_CMD_GETFAMILY, 1,
        new AttributeWriter().string(CTRL_ATTR_FAMILY_NAME, name).toByteArray());
  }

  /**
   * The family id in the controller's reply to {@link #getFamily}.
   *
   * @throws NetlinkFormatException when it is not a NEWFAMILY reply with a 16-bit id
   */
  public static int familyId(NetlinkMessage reply) {
    Message m = decode(reply, "generic netlink controller reply");
    if (m.command() != CTRL_CMD_NEWFAMILY) {
      throw new NetlinkFormatException("generic netlink controller reply: command " + m.command()
          + ", expected CTRL_CMD_NEWFAMILY (" + CTRL_CMD_NEWFAMILY + ")");
    }
    return m.attributes().u16(CTRL_ATTR_FAMILY_ID);
  }
}
