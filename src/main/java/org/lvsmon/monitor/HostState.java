package org.lvsmon.monitor;

/** How a load monitor found one host. */
public enum HostState {
  /** Sampled in time: the load figures are fresh. */
  UP,
  /**
   * Reachable (sshd sends its banner) but its load sample missed the deadline: a busy node, slow
   * rather than dead. No load figures.
   */
  OVERLOADED,
  /** Unreachable, refusing, hung, or refusing the login: no load figures. */
  DOWN
}
