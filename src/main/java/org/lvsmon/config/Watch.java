package org.lvsmon.config;

import java.util.List;
import java.util.Optional;

/** A {@code watch} block: the hostgroup it watches (same name) and its services in config order. */
public record Watch(String group, List<Service> services, int line) {
  public Watch {
    services = List.copyOf(services);
  }

  public Optional<Service> service(String name) {
    return services.stream().filter(s -> s.name().equals(name)).findFirst();
  }
}
