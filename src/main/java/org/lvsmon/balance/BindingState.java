package org.lvsmon.balance;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.lvsmon.ipvs.RealServer;
import org.lvsmon.monitor.CheckResult;

/** What the ipvs thread knows of one {@code balance} service between results. Touched on that thread only. */
final class BindingState {
  final BalancePlan.Binding binding;
  final WeightController controller;
  /** {@code [group/service] balance TCP 10.0.0.1:22}, the start of every log line about it. */
  final String label;
  /** The controller's standing per host; null before the first result. */
  Map<String, WeightController.Server> servers;
  /** The last result applied, and its failing hosts; null and empty before the first. */
  CheckResult last;
  Set<String> failing = Set.of();
  /** Why each host has its weight now, in words. */
  final Map<String, String> reasons = new HashMap<>();
  /** Whether the last result left the weights held by fail-static. */
  boolean failStatic;
  /** The kernel's real servers at the last read, with lvsmon's writes since; null before any read. */
  Map<InetSocketAddress, RealServer> kernel;
  /** Why the kernel figures are older than the view asked for; null when they are fresh. */
  String kernelNote;
  boolean warnedPersistent;
  /** Weights saved in the state journal by the last run, by real server ({@code address:port}); emptied at the first read. */
  final Map<String, Integer> saved = new HashMap<>();

  /** The last error logged, so that a kernel that keeps refusing is logged once. */
  String lastError;

  BindingState(BalancePlan.Binding binding) {
    this.binding = binding;
    this.controller = new WeightController(binding.spec().policy());
    this.label = "[" + binding.service().group() + "/" + binding.service().service() + "] balance "
        + binding.spec().service();
  }

  /** The controller's last decision for {@code host}: its weight, or -1 before the first result. */
  int desired(String host) {
    WeightController.Server s = servers == null ? null : servers.get(host);
    return s == null ? -1 : s.weight();
  }
}
