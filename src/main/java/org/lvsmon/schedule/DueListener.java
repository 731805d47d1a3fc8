package org.lvsmon.schedule;

import org.lvsmon.config.ServiceRef;

/** Told when a service's timer fires; must return quickly (hand long work to another thread). */
@FunctionalInterface
public interface DueListener {
  void due(ServiceRef service);
}
