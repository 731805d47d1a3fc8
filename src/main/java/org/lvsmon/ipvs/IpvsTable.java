package org.lvsmon.ipvs;

import java.util.List;

/**
 * The virtual services and their real servers at one moment, in the order the source listed them.
 *
 * @param source where it was read: a backend name ({@code netlink}, {@code memory}) or {@code
 *     /proc/net/ip_vs}
 * @param services the services, each with its real servers
 * @param notes what the source could not tell (empty when complete)
 */
public record IpvsTable(String source, List<Entry> services, List<String> notes) {
  public IpvsTable {
    services = List.copyOf(services);
    notes = List.copyOf(notes);
  }

  /** One virtual service and its real servers. */
  public record Entry(VirtualService service, List<RealServer> realServers) {
    public Entry {
      realServers = List.copyOf(realServers);
    }
  }
}
