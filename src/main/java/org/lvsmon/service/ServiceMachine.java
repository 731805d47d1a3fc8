package org.lvsmon.service;

import static java.time.temporal.ChronoUnit.SECONDS;

import java.time.Instant;
import java.util.Objects;
import org.lvsmon.config.Service;
import org.lvsmon.service.ServiceEvent.Ack;
import org.lvsmon.service.ServiceEvent.DisableAlert;
import org.lvsmon.service.ServiceEvent.MonitorResult;
import org.lvsmon.service.ServiceEvent.Startup;
import org.lvsmon.service.ServiceEvent.TestAlert;
import org.lvsmon.service.ServiceEvent.TrapDurationExpired;
import org.lvsmon.service.ServiceEvent.TrapResult;
import org.lvsmon.service.ServiceEvent.TrapTimeout;

/**
 * mon's per-service alert logic as a pure function: state × event × time → new state and intents.
 * It reads no clock, does no I/O and keeps nothing between calls; it is thread-safe. Time is cut to
 * whole seconds first, because mon compares epoch integers and sequences must match.
 */
public final class ServiceMachine {

  /**
   * Applies one event to one service.
   *
   * @param service the service's configuration
   * @param state its state before the event
   * @param now when the event is processed (mon's {@code time})
   * @param context what the daemon knows that the machine may not compute
   */
  public Transition apply(Service service, ServiceState state, ServiceEvent event, Instant now,
      ServiceContext context) {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(context, "context");
    String intended = event instanceof TrapResult trap ? trap.intended() : null;
    EventProcessor p = new EventProcessor(service, state, now.truncatedTo(SECONDS), context, intended);
    if (event instanceof MonitorResult result) {
      p.monitorResult(result.result());
    } else if (event instanceof TrapResult trap) {
      p.trap(trap);
    } else if (event instanceof TrapTimeout) {
      p.trapTimeout();
    } else if (event instanceof TrapDurationExpired) {
      p.trapDurationExpired();
    } else if (event instanceof Startup) {
      p.startup();
    } else if (event instanceof Ack ack) {
      p.ack(ack);
    } else if (event instanceof DisableAlert disable) {
      p.disable(disable);
    } else if (event instanceof TestAlert test) {
      p.test(test);
    } else if (event instanceof ServiceEvent.FailStatic f) {
      p.failStatic(f);
    }
    return p.transition();
  }
}
