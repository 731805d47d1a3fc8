package org.lvsmon.balance;

import java.io.IOException;
import java.nio.file.Files;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.lvsmon.ipvs.Endpoints;
import org.lvsmon.ipvs.IpvsControl;
import org.lvsmon.ipvs.IpvsException;
import org.lvsmon.ipvs.RealServer;
import org.lvsmon.ipvs.ServiceFlag;
import org.lvsmon.ipvs.VirtualService;
import org.lvsmon.monitor.CheckResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ipvs thread's work on one {@code balance} service: read the kernel's real servers, let the
 * {@link WeightController} decide (on a result, a drain or an undrain), write what differs and log
 * each write as {@code old -> new (reason)}. A kernel error is logged once (until it changes) and
 * never thrown. Not thread-safe: the runner calls it from one thread.
 */
final class Reconciler {
  // the runner's logger: operators filter and read balance's lines under one name
  private static final Logger log = LoggerFactory.getLogger(BalanceRunner.class);
  private static final String DRIFT = "repairing drift: the kernel's weight was changed outside lvsmon";

  private final IpvsControl ipvs;
  private final Supplier<FailStaticListener> listener;

  Reconciler(IpvsControl ipvs, Supplier<FailStaticListener> listener) {
    this.ipvs = ipvs;
    this.listener = listener;
  }

  /** One result: the controller's decision for every real server, drained ones ({@code drains}) at 0. */
  void apply(BindingState st, CheckResult r, Instant now, Map<String, String> drains) {
    BalancePlan.Binding b = st.binding;
    try {
      Map<InetSocketAddress, RealServer> kernel = read(st);
      if (kernel == null) {
        return;
      }
      warnIfPersistent(st);
      if (st.servers == null) {
        st.servers = seed(b, kernel);
        changedWhileStopped(st, kernel);
      }
      Set<String> failing = BalanceRunner.failing(b, r);
      WeightController.Update u = st.controller.update(b.realServers().keySet(), st.servers, failing, r.metrics(),
          drains.keySet(), now);
      Map<String, String> changed = new HashMap<>();
      u.changes().forEach(c -> changed.put(c.host(), c.reason()));
      for (String host : b.realServers().keySet()) {
        String why = drains.containsKey(host) ? drainedReason(drains.get(host)) : changed.getOrDefault(host, DRIFT);
        write(st, kernel, host, u.servers().get(host).weight(), why);
      }
      st.servers = new HashMap<>(u.servers());
      st.last = r;
      st.failing = Set.copyOf(failing);
      st.reasons.putAll(u.reasons());
      failStaticTransition(st, u.failStatic());
      if (st.lastError != null) {
        st.lastError = null;
        log.info("{}: the kernel takes weights again", st.label);
      }
    } catch (IpvsException | RuntimeException e) {
      error(st, st.label + ": " + e.getMessage());
    }
  }

  /** {@code host} to 0, in the kernel and in the controller's standing. */
  void drain(BindingState st, String host, String reason) {
    try {
      Map<InetSocketAddress, RealServer> kernel = read(st);
      if (kernel == null) {
        return;
      }
      if (st.servers != null) {
        WeightController.Server p = st.servers.get(host);
        st.servers.put(host, new WeightController.Server(0, p.smoothedLoad(), p.failing(), null, p.sampled()));
      }
      st.reasons.put(host, "drained");
      write(st, kernel, host, 0, drainedReason(reason));
    } catch (IpvsException | RuntimeException e) {
      error(st, st.label + ": draining " + host + ": " + e.getMessage());
    }
  }

  /**
   * A real server a reload took out of {@code st}'s virtual service: weight 0 in the kernel (its
   * connections are kept), if it is there and not 0 already. Returns whether it wrote.
   */
  boolean quiesce(BindingState st, String host, InetSocketAddress addr) {
    try {
      Map<InetSocketAddress, RealServer> kernel = read(st);
      RealServer have = kernel == null ? null : kernel.get(addr);
      if (have == null || have.weight() == 0) {
        return false;
      }
      ipvs.editRealServer(st.binding.spec().service(), have.withWeight(0));
      log.info("{}: {} ({}) weight {} -> 0 (no longer in the config: quiesced, its connections kept; delete it with"
          + " ipvsadm -d when they are gone)", st.label, Endpoints.format(addr), host, have.weight());
      return true;
    } catch (IpvsException | RuntimeException e) {
      error(st, st.label + ": quiescing " + host + " after a reload: " + e.getMessage());
      return false;
    }
  }

  /**
   * The controller decides {@code host}'s weight again, on the last result's figures and failing
   * hosts (its load sample is already smoothed in, so it is not counted twice); before the first
   * result nothing is written and the next result decides.
   */
  void undrain(BindingState st, String host, Set<String> drained, Instant now) {
    try {
      if (st.last == null) {
        st.reasons.put(host, "undrained; the next result decides");
        return;
      }
      Map<InetSocketAddress, RealServer> kernel = read(st);
      if (kernel == null) {
        return;
      }
      WeightController.Update u = st.controller.update(List.of(host), st.servers, st.failing, st.last.metrics(),
          drained, now);
      write(st, kernel, host, u.servers().get(host).weight(), "undrained; " + u.reasons().get(host));
      st.servers.put(host, u.servers().get(host));
      st.reasons.put(host, u.reasons().get(host));
    } catch (IpvsException | RuntimeException e) {
      error(st, st.label + ": undraining " + host + ": " + e.getMessage());
    }
  }

  /** Fresh kernel figures for the view; when the read fails the last ones stay, with a note why. */
  void refresh(BindingState st) {
    try {
      st.kernel = kernelServers(st);
      st.kernelNote = null;
    } catch (IpvsException | RuntimeException e) {
      st.kernelNote = "kernel figures from the last read: " + e.getMessage();
    }
  }

  /** The kernel's real servers of the service, kept as {@code st.kernel}; null (logged) when the service is missing. */
  private Map<InetSocketAddress, RealServer> read(BindingState st) throws IpvsException {
    try {
      st.kernel = kernelServers(st);
      st.kernelNote = null;
      return st.kernel;
    } catch (IpvsException e) {
      if (e.reason() != IpvsException.Reason.NO_SUCH_SERVICE) {
        throw e;
      }
      error(st, st.label + ": the virtual service does not exist in the kernel; lvsmon does not create it (ipvsadm -A)");
      return null;
    }
  }

  private Map<InetSocketAddress, RealServer> kernelServers(BindingState st) throws IpvsException {
    Map<InetSocketAddress, RealServer> kernel = new HashMap<>();
    for (RealServer rs : ipvs.realServers(st.binding.spec().service())) {
      kernel.put(rs.endpoint(), rs);
    }
    return kernel;
  }

  /** Writes {@code want} for {@code host} unless the kernel (as read) has it; logs the write with {@code why}. */
  private void write(BindingState st, Map<InetSocketAddress, RealServer> kernel, String host, int want, String why)
      throws IpvsException {
    InetSocketAddress addr = st.binding.realServers().get(host);
    RealServer have = kernel.get(addr);
    if (have == null) {
      RealServer added = RealServer.of(addr, st.binding.spec().forward(), want);
      ipvs.addRealServer(st.binding.spec().service(), added);
      kernel.put(addr, added);
      log.info("{}: {} ({}) added with weight {} ({})", st.label, Endpoints.format(addr), host, want,
          why.equals(DRIFT) ? "missing from the kernel" : why);
    } else if (have.weight() != want) {
      // the real server as just read, weight changed: forwarding, thresholds and tunnel go back as they are
      ipvs.editRealServer(st.binding.spec().service(), have.withWeight(want));
      kernel.put(addr, have.withWeight(want));
      log.info("{}: {} ({}) weight {} -> {} ({})", st.label, Endpoints.format(addr), host, have.weight(), want, why);
    }
  }

  /** Logs fail-static at ERROR when it starts holding and at INFO when it stops, and tells the listener. */
  private void failStaticTransition(BindingState st, String holding) {
    if ((holding != null) == st.failStatic) {
      return;
    }
    st.failStatic = holding != null;
    String message = holding != null ? holding : "fail-static over: the weights follow the results again";
    if (holding != null) {
      log.error("{}: {}", st.label, message);
    } else {
      log.info("{}: {}", st.label, message);
    }
    FailStaticListener l = listener.get();
    if (l == null) {
      return;
    }
    try {
      if (holding != null) {
        l.entered(st.binding.service(), st.binding.spec().service().toString(), message);
      } else {
        l.left(st.binding.service(), st.binding.spec().service().toString(), message);
      }
    } catch (RuntimeException e) {
      log.error("{}: the fail-static listener failed: {}", st.label, e.toString(), e);
    }
  }

  /** {@code drained: REASON}, or {@code drained} without one. */
  static String drainedReason(String reason) {
    return reason.isEmpty() ? "drained" : "drained: " + reason;
  }

  /** The controller's starting point: the weights the kernel has (0 for a real server it lacks). */
  private static Map<String, WeightController.Server> seed(BalancePlan.Binding b, Map<InetSocketAddress, RealServer> kernel) {
    Map<String, WeightController.Server> s = new HashMap<>();
    b.realServers().forEach((host, addr) -> {
      RealServer rs = kernel.get(addr);
      int w = rs == null ? 0 : rs.weight();
      s.put(host, new WeightController.Server(w, Double.NaN, w == 0, null, null));
    });
    return s;
  }

  /** Logs the real servers whose kernel weight is not the one the last run saved in the journal. */
  private static void changedWhileStopped(BindingState st, Map<InetSocketAddress, RealServer> kernel) {
    st.binding.realServers().forEach((host, addr) -> {
      Integer saved = st.saved.get(Endpoints.format(addr));
      RealServer rs = kernel.get(addr);
      int now = rs == null ? -1 : rs.weight();
      if (saved != null && saved != now) {
        log.warn("{}: {} ({}) weight was {} when lvsmon stopped, the kernel has {}: changed while lvsmon was not"
            + " running", st.label, Endpoints.format(addr), host, saved, now < 0 ? "no such real server" : now);
      }
    });
    st.saved.clear();
  }

  /** Once per service: a persistent virtual service is steered by weights for new clients only. */
  private void warnIfPersistent(BindingState st) throws IpvsException {
    if (st.warnedPersistent) {
      return;
    }
    st.warnedPersistent = true;
    VirtualService vs = ipvs.services().stream().filter(s -> s.key().equals(st.binding.spec().service())).findFirst()
        .orElse(null);
    if (vs != null && vs.flags().contains(ServiceFlag.PERSISTENT)) {
      String eqt;
      try {
        eqt = Files.readString(BalanceRunner.EXPIRE_QUIESCENT).strip();
      } catch (IOException e) {
        eqt = "unreadable";
      }
      log.warn("{}: the virtual service is persistent ({} s): weights only steer new clients, a client keeps its real"
          + " server until its template expires; net.ipv4.vs.expire_quiescent_template = {} (1: templates of a weight-0"
          + " server expire, so its clients move on)", st.label, vs.timeoutSeconds(), eqt);
    }
  }

  private void error(BindingState st, String message) {
    if (!message.equals(st.lastError)) {
      log.error("{}", message);
    }
    st.lastError = message;
  }
}
