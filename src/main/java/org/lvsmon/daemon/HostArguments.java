package org.lvsmon.daemon;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.lvsmon.config.Service;

/**
 * The hosts a monitor is given, as mon computes them: the group's hosts in config order, minus
 * disabled hosts, minus {@code exclude_hosts}, minus hosts named in the summaries of failing parents
 * for {@code dep_behavior hm} / {@code hostdepend} (mon drops a host whose name appears anywhere in
 * such a summary). Pure.
 */
final class HostArguments {
  private HostArguments() {}

  static List<String> of(Service service, List<String> groupHosts, Set<String> disabledHosts, List<String> failingParentSummaries) {
    List<String> hosts = new ArrayList<>();
    for (String h : groupHosts) {
      if (disabledHosts.contains(h) || service.excludeHosts().contains(h)) {
        continue;
      }
      if (failingParentSummaries.stream().anyMatch(s -> s.contains(h))) {
        continue;
      }
      hosts.add(h);
    }
    return hosts;
  }

  /** The group's enabled hosts, for an alert's {@code -h}: disabled hosts only are left out. */
  static List<String> enabled(List<String> groupHosts, Set<String> disabledHosts) {
    return groupHosts.stream().filter(h -> !disabledHosts.contains(h)).toList();
  }
}
