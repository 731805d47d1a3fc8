package org.lvsmon.daemon;

import java.time.Instant;
import org.lvsmon.config.Service;
import org.lvsmon.monitor.MonitorRun;
import org.lvsmon.schedule.ServiceTimer;
import org.lvsmon.service.ServiceState;

/** One service's live state in the engine: config, mon state, timer and the run in progress. Engine-thread confined. */
final class ServiceRuntime {
  final Service service;
  ServiceState state;
  ServiceTimer timer;
  /** The monitor run in progress, or null. */
  MonitorRun run;
  Instant runStarted;
  /** Logged once per service, so a missing monitor does not flood the log every interval. */
  boolean reportedMissingMonitor;
  /** The address the last trap for this service came from; "" if none. */
  String lastTrapHost = "";
  /** When {@code traptimeout} runs out unless a trap comes first; null without one. */
  Instant trapTimeoutDue;
  /** When {@code trapduration} forces the status back to OK; null when not running. */
  Instant trapDurationDue;

  ServiceRuntime(Service service, ServiceState state, ServiceTimer timer) {
    this.service = service;
    this.state = state;
    this.timer = timer;
  }

  boolean running() {
    return run != null;
  }

  String label() {
    return service.group() + "/" + service.name();
  }
}
