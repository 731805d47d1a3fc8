package org.lvsmon.config;

import java.util.List;

/**
 * A {@code hostgroup}: its hosts in config order. {@code implicit} is true for the singleton group mon
 * creates for a {@code watch} that has no hostgroup of its name.
 */
public record HostGroup(String name, List<String> hosts, boolean implicit, int line) {
  public HostGroup {
    hosts = List.copyOf(hosts);
  }
}
