package org.lvsmon.control;

import java.util.Objects;
import org.lvsmon.config.Service;
import org.lvsmon.service.ServiceState;

/**
 * One service as the client protocol shows it: its config, its mon state and what the scheduler
 * knows about it at the moment the snapshot was taken. Immutable.
 *
 * @param service the service's config (the one in force, which {@code set} may have changed)
 * @param state the service's mon state
 * @param timerSeconds seconds until the monitor is next due, never negative (mon's {@code _timer};
 *     0 for a trap-only service, as mon shows it)
 * @param monitorRunning whether a monitor run is in progress
 * @param monitorPid the process id of the running monitor; 0 when none runs or the monitor runs
 *     in-process
 * @param lastTrapHost the address the last trap came from; "" if none
 */
public record ServiceStatus(
    Service service,
    ServiceState state,
    long timerSeconds,
    boolean monitorRunning,
    long monitorPid,
    String lastTrapHost) {
  public ServiceStatus {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(state, "state");
    lastTrapHost = lastTrapHost == null ? "" : lastTrapHost;
  }

  public String group() {
    return service.group();
  }

  public String name() {
    return service.name();
  }
}
