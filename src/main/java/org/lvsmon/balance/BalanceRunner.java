package org.lvsmon.balance;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.lvsmon.config.ServiceRef;
import org.lvsmon.control.IpvsView;
import org.lvsmon.ipvs.IpvsControl;
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
 * write as {@code old -> new (reason)}. The first result of a service starts from the weights the
 * kernel has. A drained host (by its watch host name, in every service it is a real server of) is
 * set to 0 at once and kept there until undrained. Thread-safe.
 */
public final class BalanceRunner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BalanceRunner.class);
  static final Path EXPIRE_QUIESCENT = Path.of("/proc/sys/net/ipv4/vs/expire_quiescent_template");
  /** How long {@link #view()} waits for the kernel before it shows the last read. */
  public static final Duration VIEW_READ_BOUND = Duration.ofSeconds(2);

  private final InstantSource clock;
  private final Duration viewBound;
  // plan order; replaced whole by a reload (on the thread), each state touched only on the thread
  private volatile Map<ServiceRef, BindingState> states;
  private volatile Map<String, List<BindingState>> byHost;
  private final Map<String, String> drains = Collections.synchronizedMap(new LinkedHashMap<>()); // host -> reason
  private final Reconciler reconciler;
  private final ExecutorService thread;
  private volatile FailStaticListener failStaticListener;
  private volatile List<IpvsView> published;

  /** A runner on the system clock, for callers that never undrain (the daemon passes its own clock). */
  public BalanceRunner(IpvsControl ipvs, BalancePlan plan) {
    this(ipvs, plan, Clock.systemUTC());
  }

  /** {@code clock} dates an undrain, from which the host's slow start runs. */
  public BalanceRunner(IpvsControl ipvs, BalancePlan plan, InstantSource clock) {
    this(ipvs, plan, clock, VIEW_READ_BOUND);
  }

  BalanceRunner(IpvsControl ipvs, BalancePlan plan, InstantSource clock, Duration viewBound) {
    this.reconciler = new Reconciler(ipvs, () -> failStaticListener);
    this.clock = clock;
    this.viewBound = viewBound;
    Map<ServiceRef, BindingState> initial = new LinkedHashMap<>();
    plan.bindings().forEach(b -> initial.put(b.service(), new BindingState(b)));
    install(initial);
    this.published = ViewRows.of(states.values(), Map.of());
    this.thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "lvsmon-ipvs");
      t.setDaemon(true);
      return t;
    });
  }

  private void install(Map<ServiceRef, BindingState> next) {
    Map<String, List<BindingState>> hosts = new HashMap<>();
    next.values().forEach(st -> st.binding.realServers().keySet()
        .forEach(h -> hosts.computeIfAbsent(h, k -> new ArrayList<>()).add(st)));
    this.byHost = hosts;
    this.states = Collections.unmodifiableMap(next);
  }

  /**
   * A reloaded config's plan, applied on the ipvs thread before any later result; returns once it
   * is. A service whose binding drives the same thing as before (virtual service, real servers,
   * port, forwarding, policy) keeps its standing: nothing is written. A new or changed one starts
   * from the kernel's weights at its next result, as at start. A real server that a still-driven
   * virtual service no longer has is quiesced (weight 0, its connections kept: lvsmon was its one
   * writer, and a host taken out of the watch should get no new clients); a virtual service no
   * longer driven at all is left as it is. Drains stay; a drained host that is a real server of
   * no {@code balance} service now is dropped with a warning. Returns a summary for the log.
   */
  public String replan(BalancePlan next) throws InterruptedException {
    try {
      return CompletableFuture.supplyAsync(() -> replanOnThread(next), thread).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("balance reload failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("balance reload: the ipvs thread did not answer within 30 s");
    }
  }

  private String replanOnThread(BalancePlan next) {
    Map<ServiceRef, BindingState> old = states;
    Map<ServiceRef, BindingState> now = new LinkedHashMap<>();
    int kept = 0;
    for (BalancePlan.Binding b : next.bindings()) {
      BindingState before = old.get(b.service());
      if (before != null && sameDrive(before.binding, b)) {
        now.put(b.service(), before);
        kept++;
      } else {
        now.put(b.service(), new BindingState(b));
        log.info("[balance] {} {}: follows the new config from its next result, starting from the kernel's weights",
            b.service(), b.spec().service());
      }
    }
    Map<org.lvsmon.ipvs.ServiceKey, Set<java.net.InetSocketAddress>> stillDriven = new HashMap<>();
    now.values().forEach(st -> stillDriven.computeIfAbsent(st.binding.spec().service(), k -> new HashSet<>())
        .addAll(st.binding.realServers().values()));
    int quiesced = 0;
    for (BindingState st : old.values()) {
      if (now.get(st.binding.service()) == st) {
        continue;
      }
      Set<java.net.InetSocketAddress> keep = stillDriven.get(st.binding.spec().service());
      if (keep == null) {
        log.info("[balance] {} is no longer driven by lvsmon ({} has no balance line for it); its weights stay as they"
            + " are", st.binding.spec().service(), st.binding.service());
        continue;
      }
      for (Map.Entry<String, java.net.InetSocketAddress> rs : st.binding.realServers().entrySet()) {
        if (!keep.contains(rs.getValue())) {
          quiesced += reconciler.quiesce(st, rs.getKey(), rs.getValue()) ? 1 : 0;
        }
      }
    }
    install(now);
    synchronized (drains) {
      drains.keySet().removeIf(h -> {
        boolean gone = !byHost.containsKey(h);
        if (gone) {
          log.warn("[balance] drain of {} dropped: it is a real server of no balance service now", h);
        }
        return gone;
      });
    }
    publish();
    return String.format("%d balance service(s): %d unchanged, %d new or changed, %d real server(s) quiesced",
        now.size(), kept, now.size() - kept, quiesced);
  }

  /** Whether two bindings drive the same real servers the same way (where their lines are aside). */
  static boolean sameDrive(BalancePlan.Binding a, BalancePlan.Binding b) {
    return a.service().equals(b.service()) && a.realServers().equals(b.realServers())
        && a.spec().service().equals(b.spec().service()) && a.spec().port() == b.spec().port()
        && a.spec().forward() == b.spec().forward() && a.spec().policy().equals(b.spec().policy());
  }

  /** Whether {@code service} drives weights. */
  public boolean drives(ServiceRef service) {
    return states.containsKey(service);
  }

  /** Who is told of fail-static transitions (replacing any before); null for nobody. */
  public void onFailStatic(FailStaticListener listener) {
    this.failStaticListener = listener;
  }

  /** A result of {@code service} (any thread): the weights follow on the ipvs thread. */
  public void result(ServiceRef service, CheckResult result, Instant now) {
    if (states.containsKey(service)) {
      thread.execute(() -> { // looked up on the thread: a reload queued before this result has replaced it
        BindingState st = states.get(service);
        if (st != null) {
          apply(st.binding, result, now);
        }
      });
    }
  }

  /**
   * Drains {@code host} in every {@code balance} service it is a real server of: weight 0, written on
   * the ipvs thread at once (before any later result or view) and kept whatever its health until
   * {@link #undrain}. Draining a drained host again only replaces the reason. {@code reason} may be
   * empty. False, changing nothing, when the host is a real server of no {@code balance} service.
   */
  public boolean drain(String host, String reason) {
    List<BindingState> of = byHost.get(host);
    if (of == null) {
      return false;
    }
    String why = reason == null ? "" : reason;
    drains.put(host, why);
    log.info("[balance] {} drained{}", host, why.isEmpty() ? "" : ": " + why);
    thread.execute(() -> {
      of.forEach(st -> reconciler.drain(st, host, why));
      publish();
    });
    return true;
  }

  /**
   * Gives a drained host back to the weight controller: on the ipvs thread, at once, a healthy host
   * starts at the floor and climbs by slow start (a failing one stays 0; before the service's first
   * result the next result decides). False if it was not drained.
   */
  public boolean undrain(String host) {
    if (drains.remove(host) == null) {
      return false;
    }
    log.info("[balance] {} undrained: the weight controller decides again", host);
    Instant now = clock.instant();
    thread.execute(() -> {
      byHost.get(host).forEach(st -> reconciler.undrain(st, host, drained().keySet(), now));
      publish();
    });
    return true;
  }

  /** The drained hosts and their reasons ("" for none), in the order they were drained. */
  public Map<String, String> drained() {
    synchronized (drains) {
      return Collections.unmodifiableMap(new LinkedHashMap<>(drains));
    }
  }

  /** The weight last decided for every real server that has one, for the state journal. Any thread. */
  public List<org.lvsmon.state.StateJournal.Weight> weights() {
    return published.stream().filter(v -> v.desired() >= 0).map(v -> new org.lvsmon.state.StateJournal.Weight(
        v.service(), v.virtualService(), v.realServer(), v.host(), v.desired())).toList();
  }

  /**
   * The weights saved when lvsmon last stopped: each service's first result, which starts from the
   * kernel's weights, logs every real server whose kernel weight differs from the one saved (someone
   * changed it while lvsmon was not running), then repairs it as any drift.
   */
  public void restoreWeights(List<org.lvsmon.state.StateJournal.Weight> saved) {
    thread.execute(() -> saved.forEach(w -> {
      BindingState st = states.get(w.service());
      if (st != null) {
        st.saved.put(w.realServer(), w.weight());
      }
    }));
  }

  /**
   * Drains again, at startup, what was drained before (host -> reason, in drain order); a host that
   * is no longer a real server of any {@code balance} service is dropped with a warning.
   */
  public void restoreDrains(Map<String, String> saved) {
    saved.forEach((host, reason) -> {
      if (!drain(host, reason)) {
        log.warn("[balance] drain of {} not restored: it is a real server of no balance service now", host);
      }
    });
  }

  /**
   * Every real server of every {@code balance} service (plan order, then host order), with the
   * kernel's figures read afresh on the ipvs thread. When the kernel does not answer within {@link
   * #VIEW_READ_BOUND} or refuses, the rows carry the last figures read and their reasons say so.
   * Any thread.
   */
  public List<IpvsView> view() {
    CompletableFuture<List<IpvsView>> rows;
    try {
      rows = CompletableFuture.supplyAsync(this::readForView, thread);
    } catch (RejectedExecutionException e) {
      return ViewRows.noted(published, "kernel figures from the last read: lvsmon's ipvs thread has stopped");
    }
    try {
      return rows.get(viewBound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return ViewRows.noted(published, "kernel figures from the last read: no answer within " + viewBound.toMillis()
          + " ms (the ipvs thread is busy or the kernel is slow)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ViewRows.noted(published, "kernel figures from the last read: interrupted");
    } catch (ExecutionException e) {
      return ViewRows.noted(published, "kernel figures from the last read: " + e.getCause());
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
    try {
      reconciler.apply(states.get(b.service()), r, now, drained());
    } finally {
      publish();
    }
  }

  /** On the ipvs thread: fresh kernel figures for every service, then the rows. */
  private List<IpvsView> readForView() {
    states.values().forEach(reconciler::refresh);
    return publish();
  }

  private List<IpvsView> publish() {
    published = ViewRows.of(states.values(), drained());
    return published;
  }

  /** Waits until every task queued so far has run (tests: drains, undrains and results are then in the kernel). */
  void awaitQueued() throws InterruptedException, ExecutionException, TimeoutException {
    CompletableFuture.runAsync(() -> { }, thread).get(10, TimeUnit.SECONDS);
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
