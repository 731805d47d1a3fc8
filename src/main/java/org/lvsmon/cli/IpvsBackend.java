package org.lvsmon.cli;

import org.lvsmon.ipvs.IpvsControl;
import org.lvsmon.ipvs.IpvsException;
import org.lvsmon.ipvs.ipvsadm.IpvsadmIpvs;
import org.lvsmon.ipvs.memory.MemoryIpvs;
import org.lvsmon.ipvs.netlink.NetlinkIpvs;

/** Which {@link org.lvsmon.ipvs.IpvsControl} a command uses ({@code --ipvs}). */
enum IpvsBackend {
  /** Netlink when the IPVS family resolves; read-only commands fall back to /proc/net/ip_vs without CAP_NET_ADMIN. */
  AUTO,
  NETLINK,
  /** The ipvsadm program, forked for every call. */
  IPVSADM,
  /** An empty table in memory: dry runs and demos. */
  MEMORY;

  /** Opens this backend; {@link #AUTO} opens netlink (its fallbacks are the command's to decide). */
  IpvsControl open() throws IpvsException {
    return switch (this) {
      case MEMORY -> new MemoryIpvs();
      case IPVSADM -> IpvsadmIpvs.open();
      case AUTO, NETLINK -> NetlinkIpvs.open();
    };
  }
}
