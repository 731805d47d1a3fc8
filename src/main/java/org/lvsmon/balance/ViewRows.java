package org.lvsmon.balance;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lvsmon.control.IpvsView;
import org.lvsmon.ipvs.AddressFamily;
import org.lvsmon.ipvs.Endpoints;
import org.lvsmon.ipvs.RealServer;
import org.lvsmon.ipvs.ServiceKey;
import org.lvsmon.monitor.HostMetrics;
import org.lvsmon.monitor.HostState;

/** The operator's rows ({@link IpvsView}) from what the ipvs thread knows. Pure. */
final class ViewRows {
  private ViewRows() {}

  /** One row per real server: bindings in plan order, real servers in host order. */
  static List<IpvsView> of(Collection<BindingState> states, Map<String, String> drains) {
    List<IpvsView> rows = new ArrayList<>();
    for (BindingState st : states) {
      String vs = text(st.binding.spec().service());
      st.binding.realServers().forEach((host, addr) -> rows.add(row(st, vs, host, addr, drains.get(host))));
    }
    return List.copyOf(rows);
  }

  private static IpvsView row(BindingState st, String vs, String host, InetSocketAddress addr, String drained) {
    RealServer k = st.kernel == null ? null : st.kernel.get(addr);
    HostMetrics m = st.last == null ? null : st.last.metrics().get(host);
    boolean loaded = m != null && m.state() == HostState.UP;
    String reason = drained != null ? Reconciler.drainedReason(drained)
        : st.reasons.getOrDefault(host, st.last == null ? "no result yet" : "");
    if (st.kernelNote != null) {
      reason = reason + "; " + st.kernelNote;
    }
    return new IpvsView(vs, Endpoints.format(addr), host, st.binding.service(), drained != null ? 0 : st.desired(host),
        k == null ? -1 : k.weight(), k == null ? -1 : k.connections().active(), k == null ? -1 : k.connections().inactive(),
        loaded ? m.normalizedLoad1() : -1, loaded ? m.cpus() : 0, state(st, host, m, drained != null), reason,
        drained != null);
  }

  private static String state(BindingState st, String host, HostMetrics m, boolean drained) {
    if (drained) {
      return "drained";
    }
    if (st.last == null) {
      return "unknown";
    }
    if (st.failing.contains(host)) {
      return "down";
    }
    return m != null && m.state() == HostState.OVERLOADED ? "overloaded" : "up";
  }

  /** {@code tcp:10.99.203.43:22}, {@code udp:[fd00::1]:53}, {@code fwmark:7}, {@code fwmark:7:inet6}. */
  static String text(ServiceKey key) {
    if (key instanceof ServiceKey.Endpoint e) {
      return e.protocol().name().toLowerCase(Locale.ROOT) + ":" + Endpoints.format(e.address(), e.port());
    }
    ServiceKey.Fwmark f = (ServiceKey.Fwmark) key;
    return "fwmark:" + Integer.toUnsignedString(f.mark()) + (f.family() == AddressFamily.INET6 ? ":inet6" : "");
  }

  /** The same rows, each reason followed by {@code note} (why the kernel figures are old). */
  static List<IpvsView> noted(List<IpvsView> rows, String note) {
    return rows.stream().map(v -> new IpvsView(v.virtualService(), v.realServer(), v.host(), v.service(), v.desired(),
        v.kernel(), v.active(), v.inactive(), v.load1(), v.cpus(), v.state(), v.reason() + "; " + note, v.drained()))
        .toList();
  }
}
