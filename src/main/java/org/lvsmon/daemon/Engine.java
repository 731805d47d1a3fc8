package org.lvsmon.daemon;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.random.RandomGenerator;
import org.lvsmon.config.DepBehavior;
import org.lvsmon.config.MonConfig;
import org.lvsmon.config.Service;
import org.lvsmon.config.ServiceRef;
import org.lvsmon.config.Settings;
import org.lvsmon.monitor.CheckResult;
import org.lvsmon.monitor.Monitor;
import org.lvsmon.monitor.MonitorNotStartedException;
import org.lvsmon.monitor.MonitorRequest;
import org.lvsmon.monitor.MonitorRun;
import org.lvsmon.monitor.MonitorTimeout;
import org.lvsmon.schedule.ServiceTimer;
import org.lvsmon.schedule.Timers;
import org.lvsmon.service.DependencyEvaluator;
import org.lvsmon.service.MonitorEnvironment;
import org.lvsmon.service.OpStatus;
import org.lvsmon.service.ServiceContext;
import org.lvsmon.service.ServiceEvent;
import org.lvsmon.service.ServiceMachine;
import org.lvsmon.service.ServiceState;
import org.lvsmon.service.Transition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mon's main loop as events: a service's timer fires, its monitor starts, the result goes through
 * the state machine and the intents are carried out. Every method that touches state runs on the
 * single engine thread ({@code loop}); an external monitor is started there and its result is posted
 * back from the child reactor, a built-in one runs on {@code monitors} and posts its result back, so
 * no state is shared between threads and nothing needs a lock.
 */
final class Engine {
  private static final Logger log = LoggerFactory.getLogger(Engine.class);
  /** How soon a due service that may not run yet is looked at again: mon's one-second loop. */
  private static final Duration RETRY = Duration.ofSeconds(1);

  private final MonConfig config;
  private final Settings settings;
  private final Clock clock;
  private final ZoneId zone;
  private final RandomGenerator random;
  private final Monitor monitor;
  private final IntentRunner intents;
  private final Timers timers;
  private final Executor loop;
  private final ExecutorService monitors;
  private final ProgramPaths programs;
  private final ServiceMachine machine = new ServiceMachine();
  private final Map<ServiceRef, ServiceRuntime> runtimes = new LinkedHashMap<>();
  private final Set<String> disabledHosts = new HashSet<>();
  private final Set<String> disabledWatches = new HashSet<>();
  private final Set<ServiceRef> disabledServices = new HashSet<>();
  private final DependencyEvaluator dependencies;
  private Instant started;
  private boolean stopped;
  private int runningMonitors;

  Engine(MonConfig config, Settings settings, Clock clock, RandomGenerator random, Monitor monitor,
      IntentRunner intents, Timers timers, Executor loop, ExecutorService monitors, ProgramPaths programs) {
    this.config = config;
    this.settings = settings;
    this.clock = clock;
    this.zone = clock.getZone();
    this.random = random;
    this.monitor = monitor;
    this.intents = intents;
    this.timers = timers;
    this.loop = loop;
    this.monitors = monitors;
    this.programs = programs;
    this.dependencies = DependencyEvaluator.of(config, ref -> {
      ServiceRuntime rt = runtimes.get(ref);
      return rt == null ? null : rt.state.opStatus();
    });
  }

  /** Arms every service's first run and sends the startup alerts. Call on the engine thread. */
  void start(boolean startStopped) {
    started = clock.instant();
    stopped = startStopped;
    for (Service s : config.services().toList()) {
      ServiceTimer timer = ServiceTimer.atStart(started, s.interval() == null ? Duration.ZERO : s.interval(), randstart());
      runtimes.put(s.ref(), new ServiceRuntime(s, ServiceState.initial(s), timer));
    }
    intents.startDowntimeLog(started);
    for (ServiceRuntime rt : runtimes.values()) {
      apply(rt, new ServiceEvent.Startup(), started);
    }
    if (!stopped) {
      runtimes.values().forEach(this::arm);
    }
    log.info("[engine] started: {} services in {} watches{}", runtimes.size(), config.watches().size(),
        stopped ? ", scheduler stopped (-S)" : "");
  }

  private Duration randstart() {
    long max = settings.randstart().toSeconds();
    return max > 0 ? Duration.ofSeconds(random.nextLong(max)) : null;
  }

  private void arm(ServiceRuntime rt) {
    if (rt.service.interval() != null && !rt.running()) {
      timers.fireAt(rt.service.ref(), rt.timer.due());
    }
  }

  private void retry(ServiceRuntime rt, Instant now) {
    timers.fireAt(rt.service.ref(), now.plus(RETRY));
  }

  /** The service's timer fired. Call on the engine thread. */
  void due(ServiceRef ref) {
    ServiceRuntime rt = runtimes.get(ref);
    Instant now = clock.instant();
    if (rt == null || stopped || rt.running() || rt.service.interval() == null) {
      return; // a finishing run re-arms it; a stopped scheduler re-arms everything on start
    }
    if (!rt.timer.isDue(now)) {
      arm(rt);
    } else if (settings.maxprocs() > 0 && runningMonitors >= settings.maxprocs()) {
      log.info("[{}] throttled at {} processes (maxprocs)", rt.label(), runningMonitors);
      retry(rt, now);
    } else if (excluded(rt.service, now)) {
      log.debug("[{}] not running: exclude_period", rt.label());
      retry(rt, now);
    } else if (!monitorDependencyHolds(rt)) {
      log.debug("[{}] not running: dependency {} is not met", rt.label(), rt.service.depend());
      retry(rt, now);
    } else {
      startMonitor(rt, now);
    }
  }

  private boolean excluded(Service s, Instant now) {
    var local = now.atZone(zone);
    return (settings.excludePeriod() != null && settings.excludePeriod().includes(local))
        || (s.excludePeriod() != null && s.excludePeriod().includes(local));
  }

  /** {@code dep_behavior m} and {@code monitordepend}: the monitor only runs while the dependency holds. */
  private boolean monitorDependencyHolds(ServiceRuntime rt) {
    Service s = rt.service;
    if (!((s.depBehavior() == DepBehavior.MONITOR && s.depend() != null) || s.monitorDepend() != null)) {
      return true;
    }
    Boolean ok = dependencies.check(s, DepBehavior.MONITOR);
    if (ok != null) {
      rt.state = rt.state.withDependStatus(ok);
    }
    return Boolean.TRUE.equals(ok);
  }

  private void startMonitor(ServiceRuntime rt, Instant now) {
    Service s = rt.service;
    Path program = programs.monitor(s.monitor() == null ? null : s.monitor().command().name());
    Duration interval = rt.state.effectiveInterval(s);
    if (program == null) {
      if (!rt.reportedMissingMonitor) {
        log.error("[{}] no monitor found while trying to run [{}] (searched {})", rt.label(),
            s.monitor() == null ? "" : s.monitor().command().name(), settings.mondirs());
        rt.reportedMissingMonitor = true;
      }
      rt.timer = ServiceTimer.atStart(now, interval, null);
      arm(rt);
      return;
    }
    List<String> hosts = HostArguments.of(s, config.hosts(s.group()), disabledHosts, failingParentSummaries(s));
    if (hosts.isEmpty() && s.monitor().appendHosts() && !s.allowEmptyGroup()) {
      log.error("[{}] monitor not called because of no host arguments", rt.label());
      rt.timer = rt.timer.runFinished(now, interval, 0);
      arm(rt);
      return;
    }
    MonitorRequest request = new MonitorRequest(s.ref(), program, s.monitor(), hosts,
        MonitorEnvironment.of(s, rt.state), s.extensions().get(MonitorTimeout.KEY).orElse(null));
    rt.timer = rt.timer.runStarted(now, interval);
    rt.runStarted = now;
    runningMonitors++;
    QueuedRun run = new QueuedRun();
    rt.run = run;
    run.result().whenComplete((result, failure) -> loop.execute(() -> ended(request.service(), run, result, failure)));
    loop.execute(() -> launch(run, request));
  }

  /** Starts a queued run unless it was stopped meanwhile. Call on the engine thread. */
  private void launch(QueuedRun run, MonitorRequest request) {
    if (!run.stopped()) {
      run.startedAs(monitor.start(request, monitors));
    }
  }

  /** A run started by {@link #startMonitor} completed; stale completions are ignored. Call on the engine thread. */
  private void ended(ServiceRef ref, MonitorRun run, CheckResult result, Throwable failure) {
    ServiceRuntime rt = runtimes.get(ref);
    if (rt == null || rt.run != run) {
      return;
    }
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause == null) {
      finished(ref, result);
    } else if (cause instanceof MonitorNotStartedException) {
      // mon's forked child fails to exec and exits 1 with nothing on stdout: a failure, no summary
      log.error("[{}] monitor could not be started: {}", rt.label(), cause.getMessage());
      Instant now = clock.instant();
      finished(ref, CheckResult.of(1, "", now, now));
    } else if (cause instanceof CancellationException) {
      finished(ref, null);
    } else {
      log.error("[{}] monitor run failed", rt.label(), cause);
      finished(ref, null);
    }
  }

  /** Told every monitor result after the service's state has taken it in; must return quickly. */
  @FunctionalInterface
  interface ResultListener {
    void result(ServiceRef service, CheckResult result, Instant now);
  }

  private ResultListener resultListener = (s, r, now) -> { };

  /** Who hears the results (the weight controller). Call before {@link #start}. */
  void onResult(ResultListener listener) {
    this.resultListener = listener;
  }

  /** A monitor run ended; {@code result} is null when it produced none. Call on the engine thread. */
  void finished(ServiceRef ref, CheckResult result) {
    ServiceRuntime rt = runtimes.get(ref);
    if (rt == null || !rt.running()) {
      return;
    }
    runningMonitors--;
    rt.run = null;
    Instant now = clock.instant();
    if (result != null) {
      apply(rt, new ServiceEvent.MonitorResult(result), now);
      resultListener.result(ref, result, now);
    }
    Duration interval = rt.state.effectiveInterval(rt.service);
    rt.timer = rt.timer.runFinished(now, interval, ServiceTimer.skew(rt.service.randskew(), random));
    if (!stopped) {
      arm(rt);
    }
  }

  private void apply(ServiceRuntime rt, ServiceEvent event, Instant now) {
    Transition t = machine.apply(rt.service, rt.state, event, now, context(rt));
    rt.state = t.next();
    if (intents.run(rt, t.intents())) {
      rt.timer = rt.timer.intervalChanged();
    }
  }

  private ServiceContext context(ServiceRuntime rt) {
    Service s = rt.service;
    Boolean dependency = null;
    if ((s.depend() != null && s.depBehavior() == DepBehavior.ALERT) || s.alertDepend() != null) {
      dependency = dependencies.check(s, DepBehavior.ALERT);
    }
    return new ServiceContext(stopped, disabledWatches.contains(s.group()), disabledServices.contains(s.ref()),
        dependency, HostArguments.enabled(config.hosts(s.group()), disabledHosts), zone,
        name -> programs.alert(name) != null, started);
  }

  /** Summaries of failing parents, for {@code dep_behavior hm} and {@code hostdepend}. */
  private List<String> failingParentSummaries(Service s) {
    List<String> summaries = new ArrayList<>();
    var dep = s.hostDepend() != null ? s.hostDepend() : s.depBehavior() == DepBehavior.HOST_MONITOR ? s.depend() : null;
    if (dep == null) {
      return summaries;
    }
    for (ServiceRef parent : dep.terms()) {
      ServiceRuntime p = runtimes.get(parent);
      if (p != null && p.state.opStatus() == OpStatus.FAIL && p.state.lastSummary() != null) {
        summaries.add(p.state.lastSummary());
      }
    }
    return summaries;
  }

  /**
   * Stops every running monitor (an external one has its process group terminated) without waiting;
   * the returned future completes once all of them have ended. Call on the engine thread.
   */
  CompletableFuture<Void> stopMonitors() {
    List<CompletableFuture<CheckResult>> ending = new ArrayList<>();
    for (ServiceRuntime rt : runtimes.values()) {
      if (rt.running()) {
        rt.run.stop();
        ending.add(rt.run.result().toCompletableFuture());
      }
    }
    return CompletableFuture.allOf(ending.stream()
        .map(f -> f.handle((r, e) -> null))
        .toArray(CompletableFuture[]::new));
  }

  Map<ServiceRef, ServiceRuntime> runtimes() {
    return runtimes;
  }
}
