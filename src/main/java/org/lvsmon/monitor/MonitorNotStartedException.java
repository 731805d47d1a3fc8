package org.lvsmon.monitor;

import org.lvsmon.config.ServiceRef;

/**
 * A monitor could not be started at all (program missing or not executable, fork failed). mon
 * logs such a run and processes no result: the service's status does not change.
 */
public class MonitorNotStartedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient ServiceRef service;

  public MonitorNotStartedException(ServiceRef service, String message, Throwable cause) {
    super(message, cause);
    this.service = service;
  }

  public ServiceRef service() {
    return service;
  }
}
