package org.lvsmon.demo;

import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * What happens to the simulated nodes, and when: steps at times from the demo's start, each with
 * the line the demo prints as it happens. Only the nodes are scripted; lvsmon sees each change
 * through its monitors as it would on a real cluster. Immutable.
 *
 * @param nodes the nodes' loads at the start, node1 first
 * @param steps the steps, in time order
 */
public record Script(List<Start> nodes, List<Step> steps) {
  /** A node at the start: its CPUs and its 1-minute load. */
  public record Start(int cpus, double load) {}

  /** Something done to the nodes. */
  @FunctionalInterface
  interface Action {
    void run(DemoCluster cluster) throws IOException;
  }

  /** At {@code at} from the start, {@code action}; {@code narrative} says what happens, in words. */
  public record Step(Duration at, String narrative, Action action) {}

  public Script {
    nodes = List.copyOf(nodes);
    steps = steps.stream().sorted(Comparator.comparing(Step::at)).toList();
  }

  /** The four nodes every script here starts with: lightly loaded, node4 twice the size. */
  static final List<Start> FOUR_NODES =
      List.of(new Start(4, 0.6), new Start(4, 0.9), new Start(4, 0.5), new Start(8, 1.6));

  /**
   * The demo's story over {@code length} (its times are fractions of it): node3's load climbs,
   * node2's sshd stops and comes back, node3's load falls again.
   */
  public static Script standard(Duration length) {
    return new Script(FOUR_NODES, List.of(
        loadTo(part(length, 1, 6), "node3", 7.0, part(length, 1, 6),
            "node3: a user starts a parallel build; its load climbs to 7 on 4 CPUs"),
        stop(part(length, 1, 3), "node2"),
        start(part(length, 7, 12), "node2"),
        loadTo(part(length, 3, 4), "node3", 0.8, part(length, 1, 8), "node3: the build is done; its load falls")));
  }

  private static Duration part(Duration length, int numerator, int denominator) {
    return length.multipliedBy(numerator).dividedBy(denominator);
  }

  /** At {@code at}, {@code node}'s 1-minute load starts moving in a straight line to {@code load}, over {@code over}. */
  static Step loadTo(Duration at, String node, double load, Duration over, String narrative) {
    return new Step(at, narrative, c -> node(c, node).load().rampTo(load, over));
  }

  /** At {@code at}, {@code node}'s sshd stops: its sessions are cut and connections refused. */
  static Step stop(Duration at, String node) {
    return new Step(at, node + "'s sshd stops now (the node hangs): its sessions are cut, new connections refused",
        c -> node(c, node).stop());
  }

  /** At {@code at}, {@code node}'s sshd starts again, with the same address, port and host key. */
  static Step start(Duration at, String node) {
    return new Step(at, node + " is back: its sshd answers again", c -> node(c, node).restart());
  }

  private static DemoNode node(DemoCluster c, String name) {
    return c.node(name).orElseThrow(() -> new IllegalArgumentException("no node " + name + " in the demo"));
  }
}
