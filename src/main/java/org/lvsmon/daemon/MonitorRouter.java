package org.lvsmon.daemon;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.lvsmon.monitor.BuiltinMonitors;
import org.lvsmon.monitor.CheckResult;
import org.lvsmon.monitor.Monitor;
import org.lvsmon.monitor.MonitorNotStartedException;
import org.lvsmon.monitor.MonitorRequest;
import org.lvsmon.monitor.MonitorRun;
import org.lvsmon.monitor.RunningMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each monitor where it belongs: when the path mon.cf resolved to is one of lvsmon's own scripts
 * (ARCHITECTURE.md, "Names"), its code runs in-process; any other program is forked. The decision is
 * made once per path. Thread-safe.
 */
final class MonitorRouter implements Monitor {
  private static final Logger log = LoggerFactory.getLogger(MonitorRouter.class);

  private final BuiltinMonitors builtins;
  private final Monitor external;
  private final Map<Path, Optional<Monitor>> byPath = new ConcurrentHashMap<>();

  MonitorRouter(BuiltinMonitors builtins, Monitor external) {
    this.builtins = builtins;
    this.external = external;
  }

  @Override
  public CheckResult run(MonitorRequest request) throws InterruptedException, MonitorNotStartedException {
    return route(request.program()).run(request);
  }

  /** Built-in monitors run on one of {@code workers}; external programs need none. */
  @Override
  public MonitorRun start(MonitorRequest request, ExecutorService workers) {
    return route(request.program()).start(request, workers);
  }

  Monitor route(Path program) {
    return byPath.computeIfAbsent(program, p -> {
      Optional<Monitor> m = builtins.monitorFor(p);
      m.ifPresent(x -> log.info("[monitor] {} is lvsmon's built-in {}: running it in-process", p,
          BuiltinMonitors.builtinName(p).orElse("?")));
      return m;
    }).orElse(external);
  }

  @Override
  public List<RunningMonitor> running() {
    return external.running();
  }
}
