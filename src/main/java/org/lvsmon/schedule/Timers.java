package org.lvsmon.schedule;

import java.time.Instant;
import org.lvsmon.config.ServiceRef;

/** Per-service one-shot wake-ups: Quartz in the daemon, a recording fake in tests. Thread-safe. */
public interface Timers {
  /** (Re)arms the service's wake-up for {@code when}, replacing an earlier one. */
  void fireAt(ServiceRef service, Instant when);

  /** Removes the service's wake-up, if any. */
  void cancel(ServiceRef service);
}
