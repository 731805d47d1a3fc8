package org.lvsmon.ipvs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A table as canonical text for comparisons across backends: services sorted by name, real servers
 * by address, every setting spelled out, connection counts left out (they belong to traffic, not to
 * the table's settings).
 */
public final class TableText {
  private TableText() {}

  public static String of(IpvsTable table) {
    List<IpvsTable.Entry> entries = new ArrayList<>(table.services());
    entries.sort(Comparator.comparing(e -> e.service().key().toString()));
    StringBuilder s = new StringBuilder();
    for (IpvsTable.Entry e : entries) {
      s.append(of(e.service())).append('\n');
      List<RealServer> reals = new ArrayList<>(e.realServers());
      reals.sort(Comparator.comparing(RealServer::name));
      reals.forEach(r -> s.append("  ").append(of(r)).append('\n'));
    }
    return s.toString();
  }

  public static String of(VirtualService v) {
    return v.key() + " sched=" + v.scheduler() + " flags=" + v.flags().stream().map(ServiceFlag::label).sorted().toList()
        + " timeout=" + v.timeoutSeconds() + " netmask=/" + v.netmaskBits() + " pe=" + v.persistenceEngine();
  }

  public static String of(RealServer r) {
    return r.name() + " fwd=" + r.forwarding().label() + " weight=" + r.weight() + " upper=" + r.upperThreshold()
        + " lower=" + r.lowerThreshold() + " tunnel="
        + r.tunnel().map(t -> t.type() + "/" + t.port() + "/" + t.flags()).orElse("-");
  }
}
