package org.lvsmon.balance;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lvsmon.config.ServiceRef;
import org.lvsmon.ipvs.ForwardingMethod;
import org.lvsmon.ipvs.IpvsException;
import org.lvsmon.ipvs.RealServer;
import org.lvsmon.ipvs.ServiceKey;
import org.lvsmon.ipvs.VirtualService;
import org.lvsmon.ipvs.memory.MemoryIpvs;
import org.lvsmon.monitor.CheckResult;
import org.lvsmon.monitor.HostMetrics;
import org.lvsmon.monitor.HostState;

/**
 * A memory kernel, bindings of hosts {@code nN} to real servers {@code 10.0.0.N:22}, results to feed
 * a runner, and the runner's clock ({@link #now}, moved by the test).
 */
final class BalanceFixture {
  static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  /** No smoothing, dead-band or step limit; slow start over 60 s; fail-static when all fail. */
  static final BalancePolicy POLICY = new BalancePolicy(1, 100, 2.0, Duration.ZERO, 0, 100, Duration.ofSeconds(60), 1.0);

  final MemoryIpvs ipvs = new MemoryIpvs();
  Instant now = T0;

  /** A runner of {@code bindings} on this clock; views wait at most {@code viewBound}. */
  BalanceRunner runner(Duration viewBound, BalancePlan.Binding... bindings) {
    return new BalanceRunner(ipvs, new BalancePlan(List.of(bindings), List.of()), () -> now, viewBound);
  }

  /** A {@code wlc} virtual service in the kernel with real servers {@code 10.0.0.N:22} at weight 100. */
  ServiceKey service(ServiceKey key, int... servers) throws IpvsException {
    ipvs.addService(VirtualService.of(key, "wlc"));
    for (int n : servers) {
      ipvs.addRealServer(key, RealServer.of(rs(n), ForwardingMethod.ROUTE, 100));
    }
    return key;
  }

  /** {@code ref} drives {@code key}'s real servers of hosts {@code nN} (in the order given). */
  static BalancePlan.Binding binding(ServiceRef ref, ServiceKey key, int... hosts) {
    Map<String, InetSocketAddress> reals = new LinkedHashMap<>();
    for (int n : hosts) {
      reals.put("n" + n, rs(n));
    }
    return new BalancePlan.Binding(ref, new BalanceSpec(key, null, ForwardingMethod.ROUTE, POLICY, Path.of("mon.cf"), 3),
        reals);
  }

  static InetSocketAddress rs(int n) {
    try {
      return new InetSocketAddress(InetAddress.getByName("10.0.0." + n), 22);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The kernel's weight of {@code 10.0.0.N:22} in {@code key}; -1 when it is missing. */
  int weight(ServiceKey key, int n) throws IpvsException {
    return ipvs.realServers(key).stream().filter(r -> r.endpoint().equals(rs(n))).findFirst().map(RealServer::weight)
        .orElse(-1);
  }

  /**
   * A result at {@link #now} with each host's 1-minute load per CPU on 4 CPUs: a negative load is
   * DOWN ("refused"), NaN is OVERLOADED.
   */
  CheckResult result(Map<String, Double> loads) {
    Map<String, HostMetrics> m = new LinkedHashMap<>();
    boolean failed = false;
    for (Map.Entry<String, Double> e : loads.entrySet()) {
      double l = e.getValue();
      if (l < 0) {
        m.put(e.getKey(), HostMetrics.notUp(HostState.DOWN, now, "refused"));
        failed = true;
      } else if (Double.isNaN(l)) {
        m.put(e.getKey(), HostMetrics.notUp(HostState.OVERLOADED, now, "slow"));
      } else {
        m.put(e.getKey(), HostMetrics.up(4 * l, 4 * l, 4 * l, 4, now, Duration.ofMillis(1)));
      }
    }
    return new CheckResult(failed ? 1 : 0, "", now, now, m);
  }
}
