package org.lvsmon.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lvsmon.ipvs.AddressFamily;
import org.lvsmon.ipvs.ForwardingMethod;
import org.lvsmon.ipvs.IpvsTable;
import org.lvsmon.ipvs.ProcNetIpvs;
import org.lvsmon.ipvs.RealServer;
import org.lvsmon.ipvs.ServiceFlag;
import org.lvsmon.ipvs.ServiceKey;
import org.lvsmon.ipvs.Tunnel;
import org.lvsmon.ipvs.VirtualService;

/**
 * The table as {@code lvsmon ipvs show} prints it: ipvsadm -Ln's layout (numeric, services in the
 * kernel's order, real servers in the kernel's order), with the thresholds and tunnel settings
 * ipvsadm shows only on request.
 */
final class IpvsTableText {
  private IpvsTableText() {}

  static final String HEADER = "Prot LocalAddress:Port Scheduler Flags\n"
      + "  -> RemoteAddress:Port           Forward Weight Upper  Lower  ActiveConn InActConn Tunnel\n";

  static String format(IpvsTable table) {
    StringBuilder s = new StringBuilder(HEADER);
    boolean timeouts = !table.source().equals(ProcNetIpvs.PATH.toString());
    for (IpvsTable.Entry e : table.services()) {
      s.append(service(e.service(), timeouts)).append('\n');
      for (RealServer r : e.realServers()) {
        s.append(String.format("  -> %-28s %-7s %-6d %-6d %-6d %-10d %-9d %s", r.name(), r.forwarding().label(),
            r.weight(), r.upperThreshold(), r.lowerThreshold(), r.connections().active(), r.connections().inactive(),
            tunnel(r)).stripTrailing()).append('\n');
      }
    }
    return s.toString();
  }

  /** A service line; {@code timeouts} is false when the source does not know them (/proc/net/ip_vs). */
  static String service(VirtualService v, boolean timeouts) {
    List<String> words = new ArrayList<>();
    if (v.key() instanceof ServiceKey.Endpoint e) {
      words.add(String.format("%-4s %s", e.protocol(), v.key().toString().substring(e.protocol().name().length() + 1)));
    } else if (v.key() instanceof ServiceKey.Fwmark f) {
      words.add("FWM  " + Integer.toUnsignedString(f.mark()) + (f.family() == AddressFamily.INET6 ? " IPv6" : ""));
    }
    words.add(v.scheduler());
    for (ServiceFlag f : ServiceFlag.values()) {
      if (v.flags().contains(f) && f != ServiceFlag.PERSISTENT) {
        words.add(f.label());
      }
    }
    if (v.isPersistent()) {
      words.add(timeouts ? "persistent " + v.timeoutSeconds() : "persistent");
      if (v.netmaskBits() != v.key().family().maxNetmaskBits()) {
        words.add("mask /" + v.netmaskBits());
      }
    }
    if (!v.persistenceEngine().isEmpty()) {
      words.add("pe " + v.persistenceEngine());
    }
    return String.join(" ", words);
  }

  /** The tunnel settings of a tunnelled real server ({@code gue:6080 csum}); empty for other methods. */
  static String tunnel(RealServer r) {
    if (r.forwarding() != ForwardingMethod.TUNNEL || r.tunnel().isEmpty()) {
      return "";
    }
    Tunnel t = r.tunnel().get();
    String s = t.type().name().toLowerCase(Locale.ROOT) + (t.type() == Tunnel.Type.GUE ? ":" + t.port() : "");
    if ((t.flags() & Tunnel.FLAG_CSUM) != 0) {
      s += " csum";
    }
    if ((t.flags() & Tunnel.FLAG_REMCSUM) != 0) {
      s += " remcsum";
    }
    return s;
  }
}
