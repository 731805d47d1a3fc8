package org.lvsmon.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lvsmon.config.ServiceRef;
import org.lvsmon.ipvs.ForwardingMethod;
import org.lvsmon.ipvs.Protocol;
import org.lvsmon.ipvs.RealServer;
import org.lvsmon.ipvs.ServiceKey;
import org.lvsmon.ipvs.VirtualService;
import org.lvsmon.ipvs.memory.MemoryIpvs;
import org.lvsmon.monitor.CheckResult;
import org.lvsmon.monitor.HostMetrics;
import org.lvsmon.monitor.HostState;

/** The reconcile with a kernel table (the memory backend, which refuses what the kernel refuses). */
class BalanceRunnerTest {
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  private static final ServiceRef REF = new ServiceRef("login", "load");
  private final MemoryIpvs ipvs = new MemoryIpvs();
  private ServiceKey vip;
  private BalancePlan.Binding binding;
  private BalanceRunner runner;

  private static InetSocketAddress rs(int i) throws Exception {
    return new InetSocketAddress(InetAddress.getByName("10.0.0." + i), 22);
  }

  @BeforeEach
  void setUp() throws Exception {
    vip = new ServiceKey.Endpoint(Protocol.TCP, InetAddress.getByName("10.99.0.1"), 22);
    ipvs.addService(VirtualService.of(vip, "wlc"));
    ipvs.addRealServer(vip, RealServer.of(rs(1), ForwardingMethod.ROUTE, 100));
    ipvs.addRealServer(vip, RealServer.of(rs(2), ForwardingMethod.ROUTE, 100));
    BalanceSpec spec = new BalanceSpec(vip, null, ForwardingMethod.ROUTE,
        new BalancePolicy(1, 100, 2.0, Duration.ZERO, 0, 100, Duration.ZERO, 1.0), Path.of("mon.cf"), 3);
    Map<String, InetSocketAddress> reals = new LinkedHashMap<>();
    reals.put("n1", rs(1));
    reals.put("n2", rs(2));
    reals.put("n3", rs(3));
    binding = new BalancePlan.Binding(REF, spec, reals);
    runner = new BalanceRunner(ipvs, new BalancePlan(java.util.List.of(binding), java.util.List.of()));
  }

  private int weight(int i) throws Exception {
    return ipvs.realServers(vip).stream().filter(r -> r.endpoint().equals(rsUnchecked(i))).findFirst()
        .map(RealServer::weight).orElse(-1);
  }

  private static InetSocketAddress rsUnchecked(int i) {
    try {
      return rs(i);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static CheckResult result(Instant at, double l1, double l2, double l3) {
    Map<String, HostMetrics> m = new LinkedHashMap<>();
    m.put("n1", HostMetrics.up(l1, l1, l1, 1, at, Duration.ofMillis(1)));
    m.put("n2", l2 < 0 ? HostMetrics.notUp(HostState.DOWN, at, "refused") : HostMetrics.up(l2, l2, l2, 1, at, Duration.ZERO));
    m.put("n3", HostMetrics.up(l3, l3, l3, 1, at, Duration.ZERO));
    return new CheckResult(l2 < 0 ? 1 : 0, "", at, at, m);
  }

  @Test
  void weightsFollowLoad_downGoesToZero_missingRealServerIsAdded_driftIsRepaired() throws Exception {
    runner.apply(binding, result(T0, 0, 1.0, 0), T0);
    assertThat(weight(1)).isEqualTo(100);
    assertThat(weight(2)).isEqualTo(51);
    assertThat(weight(3)).as("missing: added, from the floor").isEqualTo(1);

    Instant t1 = T0.plusSeconds(5);
    runner.apply(binding, result(t1, 0, -1, 0), t1);
    assertThat(weight(2)).isZero();

    ipvs.setWeight(vip, rs(1), 7); // someone's ipvsadm
    Instant t2 = T0.plusSeconds(10);
    runner.apply(binding, result(t2, 0, -1, 0), t2);
    assertThat(weight(1)).isEqualTo(100);
    assertThat(ipvs.realServers(vip)).filteredOn(r -> r.endpoint().equals(rsUnchecked(1)))
        .extracting(RealServer::forwarding).containsExactly(ForwardingMethod.ROUTE);
  }

  @Test
  void highLoadInTheSummary_isNotFailure_whenTheMonitorGivesHostStates() throws Exception {
    CheckResult r = new CheckResult(1, "n1\n\nn1 high load: ...\n", T0, T0,
        Map.of("n1", HostMetrics.up(9, 9, 9, 1, T0, Duration.ZERO)));
    assertThat(BalanceRunner.failing(binding, r)).isEmpty();
    CheckResult plain = CheckResult.of(1, "n2 nX\n", T0, T0);
    assertThat(BalanceRunner.failing(binding, plain)).containsExactly("n2");
  }

  @Test
  void firstResult_startsFromTheKernelsWeights_notFromZero() throws Exception {
    runner.apply(binding, result(T0, 1.0, 1.0, 1.0), T0);
    // 100 in the kernel, target 51, step limit 100: straight to the target, not a ramp from the floor
    assertThat(weight(1)).isEqualTo(51);
  }

  @Test
  void missingVirtualService_isAnError_andNothingIsCreated() throws Exception {
    ipvs.deleteService(vip);

    runner.apply(binding, result(T0, 0, 0, 0), T0);

    assertThat(ipvs.services()).isEmpty();
  }
}
