package org.lvsmon.alert;

/**
 * Carries out one {@link AlertCall}: an external alert program now, built-in mail and LVS alerts
 * later. Implementations are thread-safe and must not wait for the alert to finish (mon forks an
 * alert and forgets it); several alerts of one event may run at once.
 */
public interface AlertAction {

  /**
   * Starts the alert and returns whether it was started; mon counts an alert as sent only then
   * (the program was found and forked). A failure to start is logged here, not thrown.
   */
  boolean send(AlertCall call);
}
