package org.lvsmon.service;

import java.time.Instant;

/**
 * What one alert period of a service remembers between events, named after mon's per-period
 * fields. Times are whole seconds; {@link Instant#EPOCH} is mon's 0 ("never" / "not started").
 *
 * @param lastAlert when this period last sent a counted alert ({@code _last_alert}); zeroed by a
 *     success unless {@code alertevery ... strict}, and by every upalert
 * @param alertsSent counted alerts since the outage began ({@code _alert_sent}); startup and ack
 *     alerts count too, a sent upalert resets it
 * @param firstFailTime start of the current {@code alertafter} time window ({@code _1stfailtime})
 * @param failCount failures counted in the {@code alertafter N T} window ({@code _failcount}); not
 *     reset by a success, but a new window restarts it at 1
 * @param noCompUpalertsSent upalerts sent under {@code no_comp_alerts} since this period's last
 *     down alert ({@code _no_comp_alerts_upalert_sent})
 */
public record PeriodState(
    Instant lastAlert, int alertsSent, Instant firstFailTime, int failCount, int noCompUpalertsSent) {

  /** A period that has never alerted. */
  public static final PeriodState INITIAL = new PeriodState(Instant.EPOCH, 0, Instant.EPOCH, 0, 0);
}
