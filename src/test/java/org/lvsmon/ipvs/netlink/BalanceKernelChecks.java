package org.lvsmon.ipvs.netlink;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.lvsmon.balance.BalancePlan;
import org.lvsmon.balance.BalancePolicy;
import org.lvsmon.balance.BalanceRunner;
import org.lvsmon.balance.BalanceSpec;
import org.lvsmon.config.ServiceRef;
import org.lvsmon.ipvs.ForwardingMethod;
import org.lvsmon.ipvs.Protocol;
import org.lvsmon.ipvs.RealServer;
import org.lvsmon.ipvs.ServiceKey;
import org.lvsmon.ipvs.VirtualService;
import org.lvsmon.monitor.CheckResult;
import org.lvsmon.monitor.HostMetrics;
import org.lvsmon.monitor.HostState;

/**
 * Run inside the UML kernel by {@link BalanceKernelSystemIT}: a {@code balance} service's weights
 * on the real kernel over netlink, fed scripted results (loads, a failure, drift made with
 * ipvsadm, a real server deleted by hand, the whole pool failing). After each step it prints
 * {@code ipvsadm -Sn} as a section {@code === STEP}, and {@code ipvsadm -Ln --exact --thresholds}
 * as {@code === STEP/thresholds}.
 */
public final class BalanceKernelChecks {
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private BalanceKernelChecks() {}

  public static void main(String[] args) throws Exception {
    ServiceKey vip = new ServiceKey.Endpoint(Protocol.TCP, InetAddress.getByName("10.99.0.1"), 22);
    Map<String, InetSocketAddress> reals = new LinkedHashMap<>();
    for (int i = 1; i <= 3; i++) {
      reals.put("n" + i, new InetSocketAddress(InetAddress.getByName("10.0.0." + i), 22));
    }
    BalanceSpec spec = new BalanceSpec(vip, null, ForwardingMethod.ROUTE,
        new BalancePolicy(1, 100, 2.0, Duration.ZERO, 0, 100, Duration.ZERO, 1.0), Path.of("mon.cf"), 1);
    BalancePlan.Binding binding = new BalancePlan.Binding(new ServiceRef("login", "load"), spec, reals);
    try (NetlinkIpvs ipvs = NetlinkIpvs.open(TIMEOUT);
        BalanceRunner runner = new BalanceRunner(ipvs, new BalancePlan(List.of(binding), List.of()))) {
      ipvs.addService(VirtualService.of(vip, "wlc"));
      for (InetSocketAddress a : reals.values()) {
        ipvs.addRealServer(vip, RealServer.of(a, ForwardingMethod.ROUTE, 100).withThresholds(500, 100));
      }
      section("start");
      runner.apply(binding, result(1, 0.0, 1.0, 3.0), at(1));
      section("loads");
      runner.apply(binding, result(2, 0.0, -1, 3.0), at(2));
      section("n2-down");
      command("ipvsadm", "-e", "-t", "10.99.0.1:22", "-r", "10.0.0.1:22", "-g", "-w", "5", "-x", "500", "-y", "100");
      runner.apply(binding, result(3, 0.0, -1, 3.0), at(3));
      section("drift-repaired");
      runner.apply(binding, result(4, 0.0, 0.5, 3.0), at(4));
      section("n2-back");
      command("ipvsadm", "-d", "-t", "10.99.0.1:22", "-r", "10.0.0.3:22");
      runner.apply(binding, result(5, 0.0, 0.5, 3.0), at(5));
      section("n3-re-added");
      runner.apply(binding, result(6, -1, -1, -1), at(6));
      section("all-down-fail-static");
    }
    System.out.println("=== end");
  }

  private static Instant at(int step) {
    return T0.plusSeconds(5L * step);
  }

  /** Per-CPU loads of n1..n3; a negative one: that host is down. */
  private static CheckResult result(int step, double... loads) {
    Instant t = at(step);
    Map<String, HostMetrics> m = new LinkedHashMap<>();
    boolean failed = false;
    for (int i = 0; i < loads.length; i++) {
      if (loads[i] < 0) {
        m.put("n" + (i + 1), HostMetrics.notUp(HostState.DOWN, t, "refused"));
        failed = true;
      } else {
        m.put("n" + (i + 1), HostMetrics.up(loads[i] * 4, 0, 0, 4, t, Duration.ofMillis(1)));
      }
    }
    return new CheckResult(failed ? 1 : 0, "", t, t, m);
  }

  private static void section(String name) throws Exception {
    System.out.println("=== " + name);
    System.out.print(command("ipvsadm", "-Sn"));
    System.out.println("=== " + name + "/thresholds");
    System.out.print(command("ipvsadm", "-Ln", "--exact", "--thresholds"));
  }

  private static String command(String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", argv) + " failed: " + out);
    }
    return out;
  }
}
