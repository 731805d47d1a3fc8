package org.lvsmon.balance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.lvsmon.monitor.HostMetrics;
import org.lvsmon.monitor.HostState;

/**
 * The weight of each real server of one {@code balance} service, decided from each monitor result.
 * Pure: state × result × time → new state + the weights to apply, each with its reason.
 *
 * <p>Rules, in order, per real server:
 * <ol>
 *   <li>drained (an operator's drain): 0;
 *   <li>failing (in the result's failing hosts, or {@link HostState#DOWN}): 0;
 *   <li>otherwise healthy: the {@link BalancePolicy#target target} of its smoothed load per CPU
 *       ({@link HostState#OVERLOADED}, slow to answer, counts as full load, so it gets the floor);
 *       the applied weight moves toward the target by at most {@code maxStep}, not at all within
 *       the {@code deadband}, and, for {@code slowStart} after it recovered, not above a ramp from
 *       the floor to the ceiling; never below the floor.
 * </ol>
 * Fail-static: when at least {@code failStatic} of the servers that are not drained (and more than
 * one) fail in one result while they were not all failing before, every weight is kept as it was
 * (a drained server's stays 0): that looks like the health checks broke (a rotated host key, a
 * wrong key path), not the servers. Drained servers do not count, so rebooting drained servers
 * does not look like a fleet-wide failure.
 */
public final class WeightController {
  /** One real server's standing. */
  public record Server(int weight, double smoothedLoad, boolean failing, Instant recovered, Instant sampled) {}

  /** A weight to apply: {@code from} -> {@code to}, and why. */
  public record Change(String host, int from, int to, String reason) {}

  /**
   * The outcome of one update: the new state, the changes, why each server has its weight now
   * (changed or not), and a loud message when fail-static held (null otherwise).
   */
  public record Update(Map<String, Server> servers, List<Change> changes, Map<String, String> reasons,
      String failStatic) {}

  private final BalancePolicy policy;

  public WeightController(BalancePolicy policy) {
    this.policy = policy;
  }

  /**
   * Decides the weights after a result. {@code hosts}: the service's real servers; {@code
   * previous}: their standing so far (missing: new, weight unknown, taken as 0); {@code failing}:
   * the result's failing hosts; {@code metrics}: per-host load figures, possibly none; {@code
   * drained}: hosts an operator drained.
   */
  public Update update(Collection<String> hosts, Map<String, Server> previous, Set<String> failing,
      Map<String, HostMetrics> metrics, Set<String> drained, Instant now) {
    Map<String, Server> next = new LinkedHashMap<>();
    Map<String, String> reasons = new LinkedHashMap<>();
    String held = failStatic(hosts, previous, failing, metrics, drained);
    if (held != null) {
      for (String h : hosts) {
        Server p = previous.get(h);
        Server kept = p != null ? p : new Server(0, Double.NaN, true, null, null);
        boolean out = drained.contains(h);
        next.put(h, out && kept.weight() != 0 ? new Server(0, kept.smoothedLoad(), kept.failing(), null, kept.sampled())
            : kept);
        reasons.put(h, out ? "drained" : "fail-static: weight kept");
      }
      return new Update(next, List.of(), reasons, held);
    }
    List<Change> changes = new ArrayList<>();
    for (String h : hosts) {
      Server p = previous.get(h);
      Server s = decide(h, p, failing, metrics.get(h), drained.contains(h), now);
      next.put(h, s);
      String why = reason(p, s, metrics.get(h), drained.contains(h));
      reasons.put(h, why);
      int from = p == null ? 0 : p.weight();
      if (s.weight() != from || p == null) {
        changes.add(new Change(h, from, s.weight(), why));
      }
    }
    return new Update(next, changes, reasons, null);
  }

  /** The fail-static message when this result trips the guard, else null; drained servers do not count. */
  private String failStatic(Collection<String> hosts, Map<String, Server> previous, Set<String> failing,
      Map<String, HostMetrics> metrics, Set<String> drained) {
    int live = 0;
    int failingNow = 0;
    int failingBefore = 0;
    for (String h : hosts) {
      if (drained.contains(h)) {
        continue;
      }
      live++;
      failingNow += isFailing(h, failing, metrics) ? 1 : 0;
      Server p = previous.get(h);
      failingBefore += p != null && p.failing() ? 1 : 0;
    }
    if (live > 1 && !Double.isNaN(policy.failStatic()) && failingNow >= policy.failStatic() * live
        && failingBefore < live && failingNow > failingBefore) {
      return String.format(Locale.ROOT, "%d of %d real servers fail at once; keeping the last weights"
          + " (fail-static at %.0f%%): check the monitor itself (keys, known_hosts, network) before trusting it",
          failingNow, live, 100 * policy.failStatic());
    }
    return null;
  }

  private static boolean isFailing(String h, Set<String> failing, Map<String, HostMetrics> metrics) {
    HostMetrics m = metrics.get(h);
    return failing.contains(h) || (m != null && m.state() == HostState.DOWN);
  }

  private Server decide(String h, Server p, Set<String> failing, HostMetrics m, boolean drained, Instant now) {
    boolean down = failing.contains(h) || (m != null && m.state() == HostState.DOWN);
    double smoothed = smooth(p, m, now);
    if (drained || down) {
      return new Server(0, smoothed, down, null, m != null ? m.sampled() : p != null ? p.sampled() : null);
    }
    Instant recovered = p == null ? null : p.failing() || p.weight() == 0 ? now : p.recovered();
    int target = policy.target(Double.isNaN(smoothed) ? 0 : smoothed);
    int from = p == null ? 0 : p.weight();
    int weight;
    if (from == 0) {
      weight = policy.floor(); // back in: from the floor, so wlc does not flood it
    } else if (Math.abs(target - from) <= policy.deadband()) {
      weight = from;
    } else {
      weight = from + Math.max(-policy.maxStep(), Math.min(policy.maxStep(), target - from));
    }
    if (recovered != null && !policy.slowStart().isZero()) {
      double ramp = (double) Duration.between(recovered, now).toMillis() / policy.slowStart().toMillis();
      if (ramp < 1) {
        weight = Math.min(weight, (int) Math.max(policy.floor(),
            Math.floor(policy.floor() + (policy.ceiling() - policy.floor()) * Math.max(0, ramp))));
      } else {
        recovered = null;
      }
    }
    weight = Math.max(policy.floor(), Math.min(policy.ceiling(), weight));
    return new Server(weight, smoothed, false, recovered, m != null ? m.sampled() : p != null ? p.sampled() : null);
  }

  /** The load per CPU smoothed: an overloaded host counts as full load; no figures keep the old value. */
  private double smooth(Server p, HostMetrics m, Instant now) {
    double old = p == null ? Double.NaN : p.smoothedLoad();
    double sample;
    if (m == null || m.state() == HostState.DOWN) {
      return old;
    } else if (m.state() == HostState.OVERLOADED) {
      sample = policy.fullLoad();
    } else {
      sample = m.normalizedLoad1();
    }
    if (Double.isNaN(old) || policy.smoothing().isZero() || p.sampled() == null) {
      return sample;
    }
    double dt = Math.max(0, Duration.between(p.sampled(), m.sampled()).toMillis());
    double alpha = 1 - Math.exp(-dt / policy.smoothing().toMillis());
    return old + alpha * (sample - old);
  }

  private String reason(Server p, Server s, HostMetrics m, boolean drained) {
    if (drained) {
      return "drained";
    }
    if (s.failing()) {
      return m != null && m.state() == HostState.DOWN && !m.reason().isEmpty() ? "failing: " + m.reason() : "failing";
    }
    String load = Double.isNaN(s.smoothedLoad()) ? "no load figures"
        : String.format(Locale.ROOT, "load %.2f/cpu smoothed, target %d", s.smoothedLoad(),
            policy.target(s.smoothedLoad()));
    if (p == null || p.weight() == 0) {
      return "back in service, starting at the floor; " + load;
    }
    return (s.recovered() != null ? "slow start; " : "") + load;
  }
}
