package org.lvsmon.control;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import org.lvsmon.config.ServiceRef;

/**
 * What clients have disabled: hosts (in every group they belong to), whole watches, and single
 * services. Immutable.
 */
public record DisabledState(Set<String> hosts, Set<String> watches, Set<ServiceRef> services) {
  public static final DisabledState NONE = new DisabledState(Set.of(), Set.of(), Set.of());

  public DisabledState {
    hosts = Collections.unmodifiableSet(new LinkedHashSet<>(hosts));
    watches = Collections.unmodifiableSet(new LinkedHashSet<>(watches));
    services = Collections.unmodifiableSet(new LinkedHashSet<>(services));
  }
}
