package org.lvsmon.monitor;

import java.util.List;

/**
 * Runs one check of one service, the way mon runs a monitor: external scripts ({@code
 * monitor.exec}) and lvsmon's in-process built-ins implement it. Implementations are thread-safe;
 * several services run at once, but the caller never runs the same service twice concurrently.
 */
public interface Monitor {

  /**
   * Runs the check and blocks until it is over, returning its result; a monitor that could not be
   * started at all throws {@link MonitorNotStartedException}, after which mon processes no result.
   * Interrupting the calling thread stops the check (an external one has its process group
   * terminated) and throws {@link InterruptedException}.
   */
  CheckResult run(MonitorRequest request) throws InterruptedException, MonitorNotStartedException;

  /** The checks running now that have an operating-system process, for {@code list pids}. */
  default List<RunningMonitor> running() {
    return List.of();
  }
}
