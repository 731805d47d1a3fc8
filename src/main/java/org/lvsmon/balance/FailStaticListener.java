package org.lvsmon.balance;

import org.lvsmon.config.ServiceRef;

/**
 * Told when a {@code balance} service's weights start being held by fail-static (most real servers
 * failed at once, which looks like broken health checks) and when they follow the results again, so
 * the daemon can alert. Called on the ipvs thread, once per transition; it must not block.
 */
public interface FailStaticListener {
  /**
   * {@code service}'s weights of {@code virtualService} (as {@code tcp 10.0.0.1:22}) are held;
   * {@code message} says how many servers fail and what to check.
   */
  void entered(ServiceRef service, String virtualService, String message);

  /** {@code service}'s weights follow its results again; {@code message} says so in words. */
  void left(ServiceRef service, String virtualService, String message);
}
