package org.lvsmon.daemon.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.lvsmon.config.ServiceRef;
import org.lvsmon.schedule.Timers;

/**
 * {@link Timers} that note every arm in a {@link FireLog} before arming the real ones. With {@code
 * late}, the real timer is armed for the instant rounded up to the millisecond plus 2 ms: Quartz keys
 * triggers by the millisecond and fires a trigger that is 2 ms or less away at once, so this is the
 * earliest it can be armed for without ever firing before the instant. Thread-safe if the delegate is.
 */
public record CountingTimers(Timers delegate, FireLog log, boolean late) implements Timers {
  @Override
  public void fireAt(ServiceRef service, Instant when) {
    log.armed(service, when);
    delegate.fireAt(service, late ? when.plusNanos(999_999).truncatedTo(ChronoUnit.MILLIS).plusMillis(2) : when);
  }

  @Override
  public void cancel(ServiceRef service) {
    delegate.cancel(service);
  }
}
