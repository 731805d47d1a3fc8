package org.lvsmon.cli;

/** Which {@link org.lvsmon.ipvs.IpvsControl} a command uses ({@code --ipvs}). */
enum IpvsBackend {
  /** Netlink when the IPVS family resolves; read-only commands fall back to /proc/net/ip_vs without CAP_NET_ADMIN. */
  AUTO,
  NETLINK,
  /** An empty table in memory: dry runs and demos. */
  MEMORY
}
