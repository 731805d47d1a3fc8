package org.lvsmon.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lvsmon.monitor.HostMetrics;
import org.lvsmon.monitor.HostState;

class WeightControllerTest {
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  private static final List<String> HOSTS = List.of("n1", "n2", "n3", "n4");
  private final BalancePolicy policy = BalancePolicy.DEFAULTS;
  private final WeightController c = new WeightController(policy);

  private static HostMetrics up(double loadPerCpu, Instant at) {
    return HostMetrics.up(loadPerCpu * 8, 0, 0, 8, at, Duration.ofMillis(2));
  }

  /** Feeds {@code steps} results 5 s apart with the given per-CPU loads; returns the last update. */
  private WeightController.Update run(Map<String, WeightController.Server> state, Map<String, Double> loads,
      Set<String> failing, Set<String> drained, int steps, Instant[] clock) {
    WeightController.Update u = null;
    for (int i = 0; i < steps; i++) {
      clock[0] = clock[0].plusSeconds(5);
      Map<String, HostMetrics> m = new HashMap<>();
      for (String h : HOSTS) {
        if (!failing.contains(h)) {
          m.put(h, up(loads.getOrDefault(h, 0.0), clock[0]));
        }
      }
      u = c.update(HOSTS, state, failing, m, drained, clock[0]);
      state.clear();
      state.putAll(u.servers());
    }
    return u;
  }

  private static Map<String, Integer> weights(Map<String, WeightController.Server> state) {
    Map<String, Integer> w = new HashMap<>();
    state.forEach((h, s) -> w.put(h, s.weight()));
    return w;
  }

  @Test
  void target_isAbsolute_linearFromCeilingAtIdleToFloorAtFullLoad() {
    assertThat(policy.target(0)).isEqualTo(100);
    assertThat(policy.target(1.0)).isEqualTo(51); // 1 + 99 * 0.5, rounded
    assertThat(policy.target(2.0)).isEqualTo(1);
    assertThat(policy.target(50)).isEqualTo(1);
    assertThat(policy.target(-3)).isEqualTo(100);
  }

  @Test
  void constantLoad_convergesToTheTarget_thenNeverChanges() {
    Map<String, WeightController.Server> state = new HashMap<>();
    Instant[] clock = {T0};
    Map<String, Double> loads = Map.of("n1", 0.0, "n2", 0.5, "n3", 1.0, "n4", 3.0);
    run(state, loads, Set.of(), Set.of(), 60, clock);
    Map<String, Integer> settled = weights(state);

    WeightController.Update later = run(state, loads, Set.of(), Set.of(), 100, clock);

    assertThat(later.changes()).isEmpty();
    assertThat(weights(state)).isEqualTo(settled);
    assertThat(state.get("n1").weight()).isEqualTo(100);
    assertThat(state.get("n4").weight()).isEqualTo(1);
    assertThat(Math.abs(state.get("n2").weight() - policy.target(0.5))).isLessThanOrEqualTo(policy.deadband());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 1234, 99999})
  void anyInputSequence_keepsHealthyWeightsInsideFloorAndCeiling_andOnlyFailingOrDrainedAtZero(long seed) {
    Random r = new Random(seed);
    Map<String, WeightController.Server> state = new HashMap<>();
    Instant now = T0;
    for (int step = 0; step < 2000; step++) {
      now = now.plusMillis(100 + r.nextInt(20_000));
      Set<String> failing = new HashSet<>();
      Set<String> drained = new HashSet<>();
      Map<String, HostMetrics> m = new HashMap<>();
      for (String h : HOSTS) {
        int kind = r.nextInt(10);
        if (kind == 0) {
          failing.add(h);
        } else if (kind == 1) {
          m.put(h, HostMetrics.notUp(HostState.DOWN, now, "down"));
        } else if (kind == 2) {
          m.put(h, HostMetrics.notUp(HostState.OVERLOADED, now, "slow"));
        } else if (kind == 3) {
          drained.add(h);
        } else if (kind != 4) {
          m.put(h, up(r.nextDouble() * 5, now));
        } // kind 4: no figures at all
      }
      WeightController.Update u = c.update(HOSTS, state, failing, m, drained, now);
      state = new HashMap<>(u.servers());
      if (u.failStatic() != null) {
        continue;
      }
      for (String h : HOSTS) {
        int w = state.get(h).weight();
        boolean out = failing.contains(h) || drained.contains(h) || (m.get(h) != null && m.get(h).state() == HostState.DOWN);
        if (out) {
          assertThat(w).as("step %d %s", step, h).isZero();
        } else {
          assertThat(w).as("step %d %s", step, h).isBetween(policy.floor(), policy.ceiling());
        }
      }
    }
  }

  @Test
  void failingServer_goesToZeroAtOnce_andComesBackFromTheFloor_rampingWithSlowStart() {
    Map<String, WeightController.Server> state = new HashMap<>();
    Instant[] clock = {T0};
    run(state, Map.of(), Set.of(), Set.of(), 40, clock);
    assertThat(state.get("n2").weight()).isEqualTo(100);

    WeightController.Update down = run(state, Map.of(), Set.of("n2"), Set.of(), 1, clock);
    assertThat(state.get("n2").weight()).isZero();
    assertThat(down.changes()).extracting(WeightController.Change::reason).containsExactly("failing");

    run(state, Map.of(), Set.of(), Set.of(), 1, clock);
    assertThat(state.get("n2").weight()).isEqualTo(policy.floor());
    int previous = policy.floor();
    for (int i = 1; i <= 12; i++) { // 60 s of slow start at 5 s per result
      run(state, Map.of(), Set.of(), Set.of(), 1, clock);
      int w = state.get("n2").weight();
      double ramp = policy.floor() + (policy.ceiling() - policy.floor()) * (5.0 * i / 60);
      assertThat(w).as("after %d s", 5 * i).isLessThanOrEqualTo((int) Math.ceil(ramp)).isGreaterThanOrEqualTo(previous);
      previous = w;
    }
    run(state, Map.of(), Set.of(), Set.of(), 4, clock);
    assertThat(state.get("n2").weight()).isEqualTo(100);
  }

  @Test
  void overloadedServer_slowButAlive_getsTheFloor_neverZero() {
    Map<String, WeightController.Server> state = new HashMap<>();
    Instant now = T0;
    for (int i = 0; i < 30; i++) {
      now = now.plusSeconds(5);
      Map<String, HostMetrics> m = new HashMap<>();
      for (String h : HOSTS) {
        m.put(h, h.equals("n3") ? HostMetrics.notUp(HostState.OVERLOADED, now, "slow") : up(0, now));
      }
      state = new HashMap<>(c.update(HOSTS, state, Set.of(), m, Set.of(), now).servers());
    }
    assertThat(state.get("n3").weight()).isEqualTo(policy.floor());
    assertThat(state.get("n1").weight()).isEqualTo(100);
  }

  @Test
  void everyServerFailingAtOnce_keepsTheLastWeights_andSaysSoLoudly() {
    Map<String, WeightController.Server> state = new HashMap<>();
    Instant[] clock = {T0};
    run(state, Map.of(), Set.of(), Set.of(), 40, clock);
    Map<String, WeightController.Server> before = new HashMap<>(state);

    WeightController.Update u = run(state, Map.of(), Set.copyOf(HOSTS), Set.of(), 1, clock);

    assertThat(u.failStatic()).startsWith("4 of 4 real servers fail at once; keeping the last weights");
    assertThat(u.changes()).isEmpty();
    assertThat(state).isEqualTo(before);
  }

  @Test
  void failStaticOff_emptiesThePool() {
    WeightController off = new WeightController(new BalancePolicy(1, 100, 2.0, Duration.ZERO, 0, 100, Duration.ZERO,
        Double.NaN));
    Map<String, WeightController.Server> state = new HashMap<>();
    for (String h : HOSTS) {
      state.put(h, new WeightController.Server(50, 0.5, false, null, T0));
    }

    WeightController.Update u = off.update(HOSTS, state, Set.copyOf(HOSTS), Map.of(), Set.of(), T0.plusSeconds(5));

    assertThat(u.failStatic()).isNull();
    assertThat(u.servers().values()).allMatch(s -> s.weight() == 0);
  }

  @Test
  void drainedServer_staysAtZero_whateverItsHealth() {
    Map<String, WeightController.Server> state = new HashMap<>();
    Instant[] clock = {T0};
    WeightController.Update u = run(state, Map.of(), Set.of(), Set.of("n4"), 20, clock);
    assertThat(state.get("n4").weight()).isZero();
    assertThat(u.changes()).isEmpty();
  }

  @Test
  void smallLoadWobbles_insideTheDeadband_changeNothing() {
    Map<String, WeightController.Server> state = new HashMap<>();
    Instant[] clock = {T0};
    run(state, Map.of("n1", 1.0), Set.of(), Set.of(), 60, clock);
    int w = state.get("n1").weight();

    WeightController.Update u = run(state, Map.of("n1", 1.01), Set.of(), Set.of(), 20, clock);

    assertThat(state.get("n1").weight()).isEqualTo(w);
    assertThat(u.changes()).isEmpty();
  }

  @Test
  void drainedServers_doNotCountForFailStatic_soRebootingThemIsNoFleetFailure() {
    WeightController half = new WeightController(new BalancePolicy(1, 100, 2.0, Duration.ZERO, 0, 100, Duration.ZERO,
        0.5));
    Map<String, WeightController.Server> state = new HashMap<>();
    for (String h : HOSTS) {
      state.put(h, new WeightController.Server(50, 0.5, false, null, T0));
    }

    WeightController.Update u = half.update(HOSTS, state, Set.of("n1", "n2"), Map.of(), Set.of("n1", "n2"),
        T0.plusSeconds(5));

    assertThat(u.failStatic()).isNull();
    assertThat(u.servers().get("n1").weight()).isZero();
  }

  @Test
  void failStaticHold_keepsADrainedServerAtZero_andSaysWhyForEveryServer() {
    Map<String, WeightController.Server> state = new HashMap<>();
    for (String h : HOSTS) {
      state.put(h, new WeightController.Server(50, 0.5, false, null, T0));
    }

    WeightController.Update u = c.update(HOSTS, state, Set.of("n2", "n3", "n4"), Map.of(), Set.of("n1"),
        T0.plusSeconds(5));

    assertThat(u.failStatic()).startsWith("3 of 3 real servers fail at once");
    assertThat(u.servers().get("n1").weight()).isZero();
    assertThat(u.servers().get("n2").weight()).isEqualTo(50);
    assertThat(u.reasons()).containsEntry("n1", "drained").containsEntry("n2", "fail-static: weight kept");
  }

  @Test
  void reasons_sayWhyEveryServerHasItsWeight_changedOrNot() {
    Map<String, WeightController.Server> state = new HashMap<>();
    Instant[] clock = {T0};
    run(state, Map.of("n1", 1.0), Set.of(), Set.of(), 60, clock);

    WeightController.Update u = run(state, Map.of("n1", 1.0), Set.of("n2"), Set.of("n3"), 1, clock);

    assertThat(u.changes()).extracting(WeightController.Change::host).containsExactlyInAnyOrder("n2", "n3");
    assertThat(u.reasons()).containsEntry("n1", "load 1.00/cpu smoothed, target 51").containsEntry("n2", "failing")
        .containsEntry("n3", "drained").containsEntry("n4", "load 0.00/cpu smoothed, target 100");
  }
}
