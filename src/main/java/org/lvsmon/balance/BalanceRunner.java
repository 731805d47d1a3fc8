package org.lvsmon.balance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.lvsmon.config.ServiceRef;
import org.lvsmon.ipvs.Endpoints;
import org.lvsmon.ipvs.IpvsControl;
import org.lvsmon.ipvs.IpvsException;
import org.lvsmon.ipvs.RealServer;
import org.lvsmon.ipvs.ServiceFlag;
import org.lvsmon.ipvs.ServiceKey;
import org.lvsmon.ipvs.VirtualService;
import org.lvsmon.monitor.CheckResult;
import org.lvsmon.monitor.HostState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the kernel's weights from {@code balance} services' results, on a thread of its own
 * ({@code lvsmon-ipvs}) so that a slow kernel call never holds up the engine. Per result: which real
 * servers fail (from the per-host states when the monitor gives them, so high load alone never
 * counts; otherwise the hosts in the summary), the {@link WeightController}'s decision, then a
 * reconcile with the kernel: read the virtual service's real servers, add a missing one, set every
 * weight that differs from the decision (a change, or drift from someone's ipvsadm), and log each
 * write as {@code old -> new} with its reason. The first result of a service starts from the weights
 * the kernel has. Thread-safe.
 */
public final class BalanceRunner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BalanceRunner.class);
  static final Path EXPIRE_QUIESCENT = Path.of("/proc/sys/net/ipv4/vs/expire_quiescent_template");

  private final IpvsControl ipvs;
  private final Map<ServiceRef, BalancePlan.Binding> bindings = new HashMap<>();
  private final Map<ServiceRef, WeightController> controllers = new HashMap<>();
  private final ExecutorService thread;
  // touched on that thread only:
  private final Map<ServiceRef, Map<String, WeightController.Server>> state = new HashMap<>();
  private final Set<ServiceRef> warnedPersistent = new HashSet<>();
  private final Map<ServiceRef, String> lastError = new HashMap<>();

  public BalanceRunner(IpvsControl ipvs, BalancePlan plan) {
    this.ipvs = ipvs;
    for (BalancePlan.Binding b : plan.bindings()) {
      bindings.put(b.service(), b);
      controllers.put(b.service(), new WeightController(b.spec().policy()));
    }
    this.thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "lvsmon-ipvs");
      t.setDaemon(true);
      return t;
    });
  }

  /** Whether {@code service} drives weights. */
  public boolean drives(ServiceRef service) {
    return bindings.containsKey(service);
  }

  /** A result of {@code service} (any thread): the weights follow on the ipvs thread. */
  public void result(ServiceRef service, CheckResult result, Instant now) {
    BalancePlan.Binding b = bindings.get(service);
    if (b != null) {
      thread.execute(() -> apply(b, result, now));
    }
  }

  /** Which hosts fail: DOWN in the per-host states if there are any, else the summary's words. */
  static Set<String> failing(BalancePlan.Binding b, CheckResult r) {
    Set<String> failing = new HashSet<>();
    if (!r.metrics().isEmpty()) {
      r.metrics().forEach((h, m) -> {
        if (m.state() == HostState.DOWN) {
          failing.add(h);
        }
      });
      return failing;
    }
    if (r.failed()) {
      for (String w : r.summary().strip().split("\\s+")) {
        if (b.realServers().containsKey(w)) {
          failing.add(w);
        }
      }
    }
    return failing;
  }

  /** Applies one result now, on the calling thread (tools and tests; the daemon goes through {@link #result}). */
  public void apply(BalancePlan.Binding b, CheckResult r, Instant now) {
    String label = "[" + b.service().group() + "/" + b.service().service() + "] balance " + b.spec().service();
    ServiceKey key = b.spec().service();
    try {
      Map<InetSocketAddress, RealServer> kernel = new HashMap<>();
      try {
        for (RealServer rs : ipvs.realServers(key)) {
          kernel.put(rs.endpoint(), rs);
        }
      } catch (IpvsException e) {
        if (e.reason() != IpvsException.Reason.NO_SUCH_SERVICE) {
          throw e;
        }
        error(b, label + ": the virtual service does not exist in the kernel; lvsmon does not create it (ipvsadm -A)");
        return;
      }
      warnIfPersistent(b, label);
      Map<String, WeightController.Server> previous = state.computeIfAbsent(b.service(), k -> seed(b, kernel, now));
      WeightController.Update u = controllers.get(b.service()).update(b.realServers().keySet(), previous, failing(b, r),
          r.metrics(), Set.of(), now);
      if (u.failStatic() != null) {
        log.error("{}: {}", label, u.failStatic());
      }
      Map<String, String> reasons = new HashMap<>();
      u.changes().forEach(c -> reasons.put(c.host(), c.reason()));
      for (Map.Entry<String, InetSocketAddress> e : b.realServers().entrySet()) {
        int want = u.servers().get(e.getKey()).weight();
        RealServer have = kernel.get(e.getValue());
        String why = reasons.getOrDefault(e.getKey(), "repairing drift: the kernel's weight was changed outside lvsmon");
        if (have == null) {
          ipvs.addRealServer(key, RealServer.of(e.getValue(), b.spec().forward(), want));
          log.info("{}: {} ({}) added with weight {}: {}", label, Endpoints.format(e.getValue()), e.getKey(), want,
              reasons.getOrDefault(e.getKey(), "missing from the kernel"));
        } else if (have.weight() != want) {
          // the real server as just read, weight changed: forwarding, thresholds and tunnel go back as they are
          ipvs.editRealServer(key, have.withWeight(want));
          log.info("{}: {} ({}) weight {} -> {}: {}", label, Endpoints.format(e.getValue()), e.getKey(), have.weight(),
              want, why);
        }
      }
      state.put(b.service(), u.servers());
      if (lastError.remove(b.service()) != null) {
        log.info("{}: the kernel takes weights again", label);
      }
    } catch (IpvsException | RuntimeException e) {
      error(b, label + ": " + e.getMessage());
    }
  }

  /** The controller's starting point: the weights the kernel has (0 for a real server it lacks). */
  private static Map<String, WeightController.Server> seed(BalancePlan.Binding b, Map<InetSocketAddress, RealServer> kernel,
      Instant now) {
    Map<String, WeightController.Server> s = new HashMap<>();
    b.realServers().forEach((host, addr) -> {
      RealServer rs = kernel.get(addr);
      int w = rs == null ? 0 : rs.weight();
      s.put(host, new WeightController.Server(w, Double.NaN, w == 0, null, null));
    });
    return s;
  }

  /** Once per service: a persistent virtual service is steered by weights for new clients only. */
  private void warnIfPersistent(BalancePlan.Binding b, String label) throws IpvsException {
    if (warnedPersistent.contains(b.service())) {
      return;
    }
    warnedPersistent.add(b.service());
    VirtualService vs = ipvs.services().stream().filter(s -> s.key().equals(b.spec().service())).findFirst().orElse(null);
    if (vs != null && vs.flags().contains(ServiceFlag.PERSISTENT)) {
      String eqt;
      try {
        eqt = Files.readString(EXPIRE_QUIESCENT).strip();
      } catch (IOException e) {
        eqt = "unreadable";
      }
      log.warn("{}: the virtual service is persistent ({} s): weights only steer new clients, a client keeps its real"
          + " server until its template expires; net.ipv4.vs.expire_quiescent_template = {} (1: templates of a weight-0"
          + " server expire, so its clients move on)", label, vs.timeoutSeconds(), eqt);
    }
  }

  private void error(BalancePlan.Binding b, String message) {
    if (!message.equals(lastError.put(b.service(), message))) {
      log.error("{}", message);
    }
  }

  /** Waits (briefly) for pending writes, then stops. The kernel keeps the weights as they are. */
  @Override
  public void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
