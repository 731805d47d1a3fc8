package org.lvsmon.ipvs.netlink;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;
import org.lvsmon.ipvs.AddressFamily;
import org.lvsmon.ipvs.Connections;
import org.lvsmon.ipvs.ForwardingMethod;
import org.lvsmon.ipvs.Protocol;
import org.lvsmon.ipvs.RealServer;
import org.lvsmon.ipvs.ServiceFlag;
import org.lvsmon.ipvs.ServiceKey;
import org.lvsmon.ipvs.Tunnel;
import org.lvsmon.ipvs.VirtualService;

/**
 * The IPVS generic netlink family's messages as pure functions: requests built from the model,
 * replies decoded into it. Constants are those of include/uapi/linux/ip_vs.h.
 */
public final class IpvsCodec {
  private IpvsCodec() {}

  public static final String FAMILY_NAME = "IPVS";
  public static final int VERSION = 1;

  static final int CMD_NEW_SERVICE = 1;
  static final int CMD_DEL_SERVICE = 3;
  static final int CMD_GET_SERVICE = 4;
  static final int CMD_NEW_DEST = 5;
  static final int CMD_SET_DEST = 6;
  static final int CMD_DEL_DEST = 7;
  static final int CMD_GET_DEST = 8;

  static final int ATTR_SERVICE = 1;
  static final int ATTR_DEST = 2;

  static final int SVC_AF = 1;
  static final int SVC_PROTOCOL = 2;
  static final int SVC_ADDR = 3;
  static final int SVC_PORT = 4;
  static final int SVC_FWMARK = 5;
  static final int SVC_SCHED_NAME = 6;
  static final int SVC_FLAGS = 7;
  static final int SVC_TIMEOUT = 8;
  static final int SVC_NETMASK = 9;
  static final int SVC_PE_NAME = 11;

  static final int DEST_ADDR = 1;
  static final int DEST_PORT = 2;
  static final int DEST_FWD_METHOD = 3;
  static final int DEST_WEIGHT = 4;
  static final int DEST_U_THRESH = 5;
  static final int DEST_L_THRESH = 6;
  static final int DEST_ACTIVE_CONNS = 7;
  static final int DEST_INACT_CONNS = 8;
  static final int DEST_PERSIST_CONNS = 9;
  static final int DEST_ADDR_FAMILY = 11;
  static final int DEST_TUN_TYPE = 13;
  static final int DEST_TUN_PORT = 14;
  static final int DEST_TUN_FLAGS = 15;

  /** The kernel's longest address attribute: {@code union nf_inet_addr}. */
  private static final int MAX_ADDRESS_LENGTH = 16;

  /** GET_SERVICE as a dump: every service. */
  public static NetlinkMessage dumpServices(int familyId) {
    return GenericNetlink.request(familyId, Netlink.NLM_F_DUMP, CMD_GET_SERVICE, VERSION, new byte[0]);
  }

  /** GET_SERVICE for one service (ESRCH when it does not exist). */
  public static NetlinkMessage getService(int familyId, ServiceKey key) {
    return GenericNetlink.request(familyId, Netlink.NLM_F_ACK, CMD_GET_SERVICE, VERSION,
        new AttributeWriter().nested(ATTR_SERVICE, w -> key(w, key)).toByteArray());
  }

  /** GET_DEST, a dump: the real servers of one service (empty when it does not exist). */
  public static NetlinkMessage dumpRealServers(int familyId, ServiceKey key) {
    return GenericNetlink.request(familyId, Netlink.NLM_F_DUMP, CMD_GET_DEST, VERSION,
        new AttributeWriter().nested(ATTR_SERVICE, w -> key(w, key)).toByteArray());
  }

  /** NEW_SERVICE with every setting. */
  public static NetlinkMessage newService(int familyId, VirtualService s) {
    return GenericNetlink.request(familyId, Netlink.NLM_F_ACK, CMD_NEW_SERVICE, VERSION,
        new AttributeWriter().nested(ATTR_SERVICE, w -> fullService(w, s)).toByteArray());
  }

  public static NetlinkMessage deleteService(int familyId, ServiceKey key) {
    return GenericNetlink.request(familyId, Netlink.NLM_F_ACK, CMD_DEL_SERVICE, VERSION,
        new AttributeWriter().nested(ATTR_SERVICE, w -> key(w, key)).toByteArray());
  }

  /** NEW_DEST with the full entry the kernel requires. */
  public static NetlinkMessage newRealServer(int familyId, ServiceKey key, RealServer r) {
    return destCommand(familyId, CMD_NEW_DEST, key, r);
  }

  /** SET_DEST with the full entry: every setting of {@code r} is sent, so none is reset. */
  public static NetlinkMessage setRealServer(int familyId, ServiceKey key, RealServer r) {
    return destCommand(familyId, CMD_SET_DEST, key, r);
  }

  /** DEL_DEST: address and port only. */
  public static NetlinkMessage deleteRealServer(int familyId, ServiceKey key, InetAddress address, int port) {
    return GenericNetlink.request(familyId, Netlink.NLM_F_ACK, CMD_DEL_DEST, VERSION, new AttributeWriter()
        .nested(ATTR_SERVICE, w -> key(w, key))
        .nested(ATTR_DEST, w -> destAddress(w, address, port))
        .toByteArray());
  }

  private static NetlinkMessage destCommand(int familyId, int command, ServiceKey key, RealServer r) {
    return GenericNetlink.request(familyId, Netlink.NLM_F_ACK, command, VERSION, new AttributeWriter()
        .nested(ATTR_SERVICE, w -> key(w, key))
        .nested(ATTR_DEST, w -> {
          destAddress(w, r.address(), r.port());
          w.u32(DEST_FWD_METHOD, r.forwarding().number()).u32(DEST_WEIGHT, r.weight())
              .u32(DEST_U_THRESH, r.upperThreshold()).u32(DEST_L_THRESH, r.lowerThreshold());
          r.tunnel().ifPresent(t -> w.u8(DEST_TUN_TYPE, t.type().number()).be16(DEST_TUN_PORT, t.port())
              .u16(DEST_TUN_FLAGS, t.flags()));
        })
        .toByteArray());
  }

  private static void destAddress(AttributeWriter w, InetAddress address, int port) {
    w.bytes(DEST_ADDR, address.getAddress()).be16(DEST_PORT, port)
        .u16(DEST_ADDR_FAMILY, AddressFamily.of(address).number());
  }

  /** The attributes that identify a service: AF, then FWMARK or PROTOCOL, ADDR, PORT. */
  static void key(AttributeWriter w, ServiceKey key) {
    w.u16(SVC_AF, key.family().number());
    if (key instanceof ServiceKey.Fwmark f) {
      w.u32(SVC_FWMARK, f.mark());
    } else if (key instanceof ServiceKey.Endpoint e) {
      w.u16(SVC_PROTOCOL, e.protocol().number()).bytes(SVC_ADDR, e.address().getAddress()).be16(SVC_PORT, e.port());
    }
  }

  private static void fullService(AttributeWriter w, VirtualService s) {
    key(w, s.key());
    w.string(SVC_SCHED_NAME, s.scheduler());
    if (!s.persistenceEngine().isEmpty()) {
      w.string(SVC_PE_NAME, s.persistenceEngine());
    }
    // struct ip_vs_flags {flags; mask}: the mask says which bits to take; all, as ipvsadm sends
    w.bytes(SVC_FLAGS, ByteBuffer.allocate(8).order(Netlink.ORDER).putInt(ServiceFlag.bits(s.flags())).putInt(-1).array());
    w.u32(SVC_TIMEOUT, s.timeoutSeconds());
    w.u32(SVC_NETMASK, netmaskValue(s.key().family(), s.netmaskBits()));
  }

  /**
   * The NETMASK attribute's 32 bits as they sit in host memory: for IPv4 the mask in network order
   * (the kernel's __be32), for IPv6 the prefix length as a plain number.
   */
  static int netmaskValue(AddressFamily family, int bits) {
    if (family == AddressFamily.INET6) {
      return bits;
    }
    int mask = bits == 0 ? 0 : -1 << (32 - bits);
    return Netlink.ORDER == ByteOrder.BIG_ENDIAN ? mask : Integer.reverseBytes(mask);
  }

  static int netmaskBits(AddressFamily family, int value, String context) {
    if (family == AddressFamily.INET6) {
      if (value < 1 || value > 128) {
        throw new NetlinkFormatException(context + ": IPv6 netmask " + Integer.toUnsignedString(value)
            + " outside 1..128");
      }
      return value;
    }
    int mask = Netlink.ORDER == ByteOrder.BIG_ENDIAN ? value : Integer.reverseBytes(value);
    int bits = Integer.bitCount(mask);
    if (mask != (bits == 0 ? 0 : -1 << (32 - bits))) {
      throw new NetlinkFormatException(context + ": IPv4 netmask " + String.format("%08x", mask) + " is not a prefix");
    }
    return bits;
  }

  /**
   * A service from a GET_SERVICE reply (command NEW_SERVICE, one SERVICE nest).
   *
   * @throws NetlinkFormatException when an attribute is missing, malformed or out of range
   */
  public static VirtualService service(NetlinkMessage reply) {
    Attributes a = GenericNetlink.decode(reply, "IPVS service reply").attributes().nested(ATTR_SERVICE, "service");
    try {
      AddressFamily family = AddressFamily.of(a.u16(SVC_AF));
      ServiceKey key;
      if (a.has(SVC_FWMARK) && a.u32(SVC_FWMARK) != 0) {
        key = new ServiceKey.Fwmark(a.u32(SVC_FWMARK), family);
      } else {
        key = new ServiceKey.Endpoint(Protocol.of(a.u16(SVC_PROTOCOL)), address(a, SVC_ADDR, family), a.be16(SVC_PORT));
      }
      String pe = a.has(SVC_PE_NAME) ? a.string(SVC_PE_NAME) : "";
      int flags = ByteBuffer.wrap(a.bytes(SVC_FLAGS, 8, 8)).order(Netlink.ORDER).getInt();
      long timeout = a.u32Unsigned(SVC_TIMEOUT);
      return new VirtualService(key, a.string(SVC_SCHED_NAME), ServiceFlag.of(flags),
          (int) Math.min(timeout, Integer.MAX_VALUE), netmaskBits(family, a.u32(SVC_NETMASK), a.toString()), pe);
    } catch (IllegalArgumentException e) {
      throw new NetlinkFormatException("IPVS service reply: " + e.getMessage());
    }
  }

  /**
   * A real server from a GET_DEST reply (command NEW_DEST, one DEST nest). Tunnel settings are
   * present when the kernel sent them.
   *
   * @param serviceFamily the family to assume when the kernel sends no ADDR_FAMILY (before 3.18)
   */
  public static RealServer realServer(NetlinkMessage reply, AddressFamily serviceFamily) {
    Attributes a = GenericNetlink.decode(reply, "IPVS real server reply").attributes().nested(ATTR_DEST, "dest");
    try {
      AddressFamily family = a.has(DEST_ADDR_FAMILY) ? AddressFamily.of(a.u16(DEST_ADDR_FAMILY)) : serviceFamily;
      Optional<Tunnel> tunnel = a.has(DEST_TUN_TYPE)
          ? Optional.of(new Tunnel(Tunnel.Type.of(a.u8(DEST_TUN_TYPE)), a.has(DEST_TUN_PORT) ? a.be16(DEST_TUN_PORT) : 0,
              a.has(DEST_TUN_FLAGS) ? a.u16(DEST_TUN_FLAGS) : 0))
          : Optional.empty();
      return new RealServer(address(a, DEST_ADDR, family), a.be16(DEST_PORT), ForwardingMethod.of(a.u32(DEST_FWD_METHOD)),
          nonNegative(a, DEST_WEIGHT, "weight"), nonNegative(a, DEST_U_THRESH, "upper threshold"),
          nonNegative(a, DEST_L_THRESH, "lower threshold"), tunnel,
          new Connections(a.u32Unsigned(DEST_ACTIVE_CONNS), a.u32Unsigned(DEST_INACT_CONNS),
              a.has(DEST_PERSIST_CONNS) ? a.u32Unsigned(DEST_PERSIST_CONNS) : 0));
    } catch (IllegalArgumentException e) {
      throw new NetlinkFormatException("IPVS real server reply: " + e.getMessage());
    }
  }

  private static int nonNegative(Attributes a, int type, String what) {
    int v = a.u32(type);
    if (v < 0) {
      throw new NetlinkFormatException(a + ": " + what + " " + Integer.toUnsignedString(v) + " above " + Integer.MAX_VALUE);
    }
    return v;
  }

  private static InetAddress address(Attributes a, int type, AddressFamily family) {
    byte[] raw = a.bytes(type, family.addressLength(), MAX_ADDRESS_LENGTH);
    try {
      byte[] exact = Arrays.copyOf(raw, family.addressLength());
      return family == AddressFamily.INET6 ? Inet6Address.getByAddress(null, exact, null) : InetAddress.getByAddress(exact);
    } catch (UnknownHostException e) {
      throw new NetlinkFormatException(a + ": attribute " + type + " is no " + family + " address");
    }
  }
}
