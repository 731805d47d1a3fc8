package org.lvsmon.monitor;

import java.util.List;
import java.util.concurrent.ExecutorService;

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

  /**
   * Starts the check and returns at once. By default {@link #run} runs on one of {@code workers}, and
   * stopping the run interrupts it; a monitor that needs no thread of its own (an external program,
   * watched by the child reactor) overrides this and leaves {@code workers} alone.
   */
  default MonitorRun start(MonitorRequest request, ExecutorService workers) {
    return new PooledRun(this, request, workers);
  }

  /** The checks running now that have an operating-system process, for {@code list pids}. */
  default List<RunningMonitor> running() {
    return List.of();
  }
}
