package org.lvsmon.daemon.bench;

import java.time.Instant;
import org.lvsmon.config.ServiceRef;
import org.lvsmon.schedule.Timers;

/** {@link Timers} that note every arm in a {@link FireLog} before arming the real ones. Thread-safe if the delegate is. */
public record CountingTimers(Timers delegate, FireLog log) implements Timers {
  @Override
  public void fireAt(ServiceRef service, Instant when) {
    log.armed(service, when);
    delegate.fireAt(service, when);
  }

  @Override
  public void cancel(ServiceRef service) {
    delegate.cancel(service);
  }
}
