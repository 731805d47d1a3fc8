package org.lvsmon.ipvs.netlink;

import java.util.Arrays;

/**
 * One netlink message: the {@code nlmsghdr} fields and the payload after the 16-byte header.
 *
 * @param type the message type: a family id, or {@link Netlink#NLMSG_ERROR}, {@link Netlink#NLMSG_DONE}...
 * @param flags {@code NLM_F_*} bits, 0..65535
 * @param seq the sequence number
 * @param pid the port id: 0 from the kernel's side when sending, the socket's own in replies
 * @param payload the bytes after the header (not padded); not copied, so do not change it
 */
public record NetlinkMessage(int type, int flags, int seq, int pid, byte[] payload) {
  public NetlinkMessage {
    if (type < 0 || type > 0xffff || flags < 0 || flags > 0xffff) {
      throw new IllegalArgumentException("netlink type " + type + " or flags " + flags + " out of range 0..65535");
    }
    if (payload == null) {
      throw new IllegalArgumentException("netlink payload is null");
    }
  }

  /** The same message with another sequence number and port id. */
  public NetlinkMessage addressed(int newSeq, int newPid) {
    return new NetlinkMessage(type, flags, newSeq, newPid, payload);
  }

  public boolean hasFlag(int flag) {
    return (flags & flag) == flag;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NetlinkMessage m && m.type == type && m.flags == flags && m.seq == seq && m.pid == pid
        && Arrays.equals(m.payload, payload);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(payload) * 31 + type * 7 + seq;
  }

  @Override
  public String toString() {
    return "NetlinkMessage[type=" + type + ", flags=0x" + Integer.toHexString(flags) + ", seq=" + seq + ", pid=" + pid
        + ", payload=" + payload.length + " bytes]";
  }
}
