package org.lvsmon.cli;

import java.util.List;
import org.lvsmon.ipvs.IpvsControl;
import org.lvsmon.ipvs.IpvsException;
import org.lvsmon.ipvs.IpvsTable;
import org.lvsmon.ipvs.ProcNetIpvs;
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

  /**
   * Reads the whole table once through this backend. {@link #AUTO} without {@code CAP_NET_ADMIN}
   * reads {@code /proc/net/ip_vs} instead, adding a note that says so to {@code notes}.
   */
  IpvsTable readTable(List<String> notes) throws IpvsException {
    if (this == AUTO) {
      try {
        return readFrom(NetlinkIpvs.open());
      } catch (IpvsException e) {
        if (e.reason() != IpvsException.Reason.NOT_PERMITTED) {
          throw e;
        }
        notes.add("netlink: " + e.getMessage());
        return ProcNetIpvs.read(ProcNetIpvs.PATH);
      }
    }
    return readFrom(open());
  }

  private static IpvsTable readFrom(IpvsControl control) throws IpvsException {
    try (control) {
      return control.table();
    }
  }
}
