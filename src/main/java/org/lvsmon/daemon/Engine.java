package org.lvsmon.daemon;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.random.RandomGenerator;
import org.lvsmon.config.DepBehavior;
import org.lvsmon.config.MonConfig;
import org.lvsmon.config.Period;
import org.lvsmon.config.Service;
import org.lvsmon.config.ServiceRef;
import org.lvsmon.config.Settings;
import org.lvsmon.control.DisabledState;
import org.lvsmon.control.MonServer;
import org.lvsmon.control.ServiceStatus;
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
import org.lvsmon.service.ServiceEvent.TestAlert;
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

  private MonConfig config;
  private final Settings settings;
  private final Clock clock;
  private final ZoneId zone;
  private final RandomGenerator random;
  private final Monitor monitor;
  private final IntentRunner intents;
  private final Timers timers;
  private Timers trapTimers = new Timers() {
    @Override
    public void fireAt(ServiceRef service, Instant when) {}

    @Override
    public void cancel(ServiceRef service) {}
  };
  private final Executor loop;
  private final ExecutorService monitors;
  private ProgramPaths programs;
  private final ServiceMachine machine = new ServiceMachine();
  private final Map<ServiceRef, ServiceRuntime> runtimes = new LinkedHashMap<>();
  private final Set<String> disabledHosts = new LinkedHashSet<>();
  private final Set<String> disabledWatches = new LinkedHashSet<>();
  private final Set<ServiceRef> disabledServices = new LinkedHashSet<>();
  private DependencyEvaluator dependencies;
  private Instant started;
  private boolean stopped;
  private Instant stoppedSince;
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
    this.dependencies = dependencies(config);
  }

  private DependencyEvaluator dependencies(MonConfig c) {
    return DependencyEvaluator.of(c, ref -> {
      ServiceRuntime rt = runtimes.get(ref);
      return rt == null ? null : rt.state.opStatus();
    });
  }

  /** The timers of {@code traptimeout} and {@code trapduration}, keyed by service. Call before {@link #start}. */
  void trapTimers(Timers t) {
    this.trapTimers = t;
  }

  /** Arms every service's first run and sends the startup alerts. Call on the engine thread. */
  void start(boolean startStopped) {
    started = clock.instant();
    stopped = startStopped;
    stoppedSince = stopped ? started : null;
    buildRuntimes(started, Map.of());
    intents.startDowntimeLog(started);
    for (ServiceRuntime rt : runtimes.values()) {
      apply(rt, new ServiceEvent.Startup(), started);
    }
    if (!stopped) {
      runtimes.values().forEach(this::arm);
    }
    runtimes.values().forEach(this::armTraps);
    log.info("[engine] started: {} services in {} watches{}", runtimes.size(), config.watches().size(),
        stopped ? ", scheduler stopped (-S)" : "");
  }

  /** One runtime per service of {@code config}, in config order; a service in {@code keep} keeps that state. */
  private void buildRuntimes(Instant now, Map<ServiceRef, ServiceState> keep) {
    runtimes.clear();
    for (Service s : config.services().toList()) {
      ServiceTimer timer = ServiceTimer.atStart(now, s.interval() == null ? Duration.ZERO : s.interval(), randstart());
      ServiceState state = keep.get(s.ref());
      ServiceRuntime rt = new ServiceRuntime(s, state != null ? state : ServiceState.initial(s), timer);
      rt.trapTimeoutDue = s.trapTimeout() == null || s.trapTimeout().isZero() ? null : now.plus(s.trapTimeout());
      runtimes.put(s.ref(), rt);
    }
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
  private Runnable beforeAlerts = () -> { };

  /** Run on the engine thread after a transition that calls alerts is stored, before its intents run. */
  void beforeAlerts(Runnable hook) {
    this.beforeAlerts = hook;
  }

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
    if (t.intents().stream().anyMatch(i -> i instanceof org.lvsmon.service.Intent.CallAlert)) {
      beforeAlerts.run();
    }
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

  // ---- what the control port reads and changes; every method runs on the engine thread ----

  MonConfig config() {
    return config;
  }

  /** Every service in config order as the client protocol shows it, at this moment. */
  List<ServiceStatus> statuses() {
    Instant now = clock.instant();
    List<ServiceStatus> all = new ArrayList<>(runtimes.size());
    for (ServiceRuntime rt : runtimes.values()) {
      long timer = rt.service.interval() == null ? 0 : rt.timer.secondsUntilDue(now);
      all.add(new ServiceStatus(rt.service, rt.state, timer, rt.running(), rt.running() ? rt.run.pid() : 0,
          rt.lastTrapHost));
    }
    return all;
  }

  DisabledState disabled() {
    return new DisabledState(disabledHosts, disabledWatches, disabledServices);
  }

  Optional<Instant> stoppedSince() {
    return Optional.ofNullable(stoppedSince);
  }

  /** Disables or enables a whole watch; false if there is none of that name. */
  boolean setWatchDisabled(String group, boolean disable) {
    if (config.watch(group).isEmpty()) {
      return false;
    }
    if (disable ? disabledWatches.add(group) : disabledWatches.remove(group)) {
      log.info("[{}] watch {}", group, disable ? "disabled" : "enabled");
    }
    return true;
  }

  /** Disables (then runs the disablealert step for {@code user}) or enables a service; false if unknown. */
  boolean setServiceDisabled(ServiceRef ref, boolean disable, String user) {
    ServiceRuntime rt = runtimes.get(ref);
    if (rt == null) {
      return false;
    }
    if (disable) {
      disabledServices.add(ref);
      log.info("[{}] service disabled{}", rt.label(), user == null ? "" : " by " + user);
      apply(rt, new ServiceEvent.DisableAlert(user), clock.instant());
    } else if (disabledServices.remove(ref)) {
      log.info("[{}] service enabled{}", rt.label(), user == null ? "" : " by " + user);
    }
    return true;
  }

  /**
   * mon's {@code disable host}: every host must be in some group, else nothing changes and the unknown
   * ones are returned. A group whose only member is a disabled host has its watch disabled too.
   */
  List<String> disableHosts(List<String> hosts) {
    List<String> unknown = hosts.stream().filter(h -> config.hostgroups().values().stream()
        .noneMatch(g -> g.hosts().contains(h))).toList();
    if (!unknown.isEmpty()) {
      return unknown;
    }
    for (String h : hosts) {
      disabledHosts.add(h);
      singletonGroups(h).forEach(disabledWatches::add);
      log.info("[control] host {} disabled", h);
    }
    return List.of();
  }

  void enableHosts(List<String> hosts) {
    for (String h : hosts) {
      if (disabledHosts.remove(h)) {
        log.info("[control] host {} enabled", h);
      }
      singletonGroups(h).forEach(disabledWatches::remove);
    }
  }

  private List<String> singletonGroups(String host) {
    return config.hostgroups().values().stream()
        .filter(g -> g.hosts().size() == 1 && g.hosts().get(0).equals(host))
        .map(g -> g.name()).toList();
  }

  MonServer.AckResult ack(ServiceRef ref, String user, String comment) {
    if (config.watch(ref.group()).isEmpty()) {
      return MonServer.AckResult.UNKNOWN_GROUP;
    }
    ServiceRuntime rt = runtimes.get(ref);
    if (rt == null) {
      return MonServer.AckResult.UNKNOWN_SERVICE;
    }
    if (!rt.state.acceptsAck()) {
      return MonServer.AckResult.NOT_FAILING;
    }
    log.info("[{}] failure acknowledged by {}: {}", rt.label(), user == null ? "(no login)" : user, comment);
    apply(rt, new ServiceEvent.Ack(user, comment), clock.instant());
    return MonServer.AckResult.ACKNOWLEDGED;
  }

  /** {@code test monitor}: the monitor is due now (a running one is left to finish first). */
  boolean testMonitor(ServiceRef ref) {
    ServiceRuntime rt = runtimes.get(ref);
    if (rt == null) {
      return false;
    }
    Instant now = clock.instant();
    rt.timer = rt.timer.dueNow(now);
    if (!rt.running() && rt.service.interval() != null && !stopped) {
      timers.fireAt(ref, now);
    }
    return true;
  }

  MonServer.TestAlertResult testAlert(TestAlert.Kind kind, ServiceRef ref, String retval, String period) {
    ServiceRuntime rt = runtimes.get(ref);
    if (rt == null) {
      return MonServer.TestAlertResult.UNKNOWN_SERVICE;
    }
    Optional<Period> p = rt.service.periods().stream()
        .filter(x -> x.key().equals(period) || (x.when() != null && x.when().spec().equals(period)))
        .findFirst();
    if (p.isEmpty()) {
      return MonServer.TestAlertResult.UNKNOWN_PERIOD;
    }
    apply(rt, new TestAlert(kind, retval, p.get().key()), clock.instant());
    return MonServer.TestAlertResult.CALLED;
  }

  /**
   * A {@code balance} service's fail-static guard started or stopped holding the weights of {@code
   * virtualService}: its fail-static alerts are called (see {@link
   * org.lvsmon.service.FailStaticAlerts}). Unknown services (removed by a reload) are ignored.
   */
  void failStatic(ServiceRef ref, boolean holding, String virtualService, String message) {
    ServiceRuntime rt = runtimes.get(ref);
    if (rt == null) {
      return;
    }
    String output = (holding ? "FAIL-STATIC: weights of " + virtualService + " held" : "fail-static over: weights of "
        + virtualService + " follow the results again") + "\n" + message + "\n";
    apply(rt, new ServiceEvent.FailStatic(holding, output), clock.instant());
  }

  /** Stops the scheduler (no monitor starts; running ones finish) or starts it again. */
  void setStopped(boolean stop) {
    if (stop == stopped) {
      return;
    }
    stopped = stop;
    stoppedSince = stop ? clock.instant() : null;
    log.info("[engine] scheduler {}", stop ? "stopped" : "started");
    if (!stop) {
      runtimes.values().forEach(this::arm);
    }
  }

  boolean setOpStatus(ServiceRef ref, OpStatus status) {
    ServiceRuntime rt = runtimes.get(ref);
    if (rt == null) {
      return false;
    }
    rt.state = rt.state.withOpStatus(status);
    log.info("[{}] opstatus set to {} by a client", rt.label(), status);
    return true;
  }

  /** mon's {@code clear timers}: a fresh interval, no consecutive failures, period clocks restarted. */
  boolean clearTimers(ServiceRef ref) {
    ServiceRuntime rt = runtimes.get(ref);
    if (rt == null) {
      return false;
    }
    Instant now = clock.instant();
    rt.state = rt.state.withTimersCleared(rt.service);
    if (rt.trapTimeoutDue != null) {
      rt.trapTimeoutDue = now.plus(rt.service.trapTimeout());
    }
    if (rt.trapDurationDue != null) {
      rt.trapDurationDue = now.plus(rt.service.trapDuration());
    }
    armTraps(rt);
    if (rt.service.interval() != null) {
      rt.timer = ServiceTimer.atStart(now, rt.state.effectiveInterval(rt.service), null);
      if (!stopped) {
        arm(rt);
      }
    }
    return true;
  }

  /**
   * mon's {@code reset}: running monitors are stopped, {@code next} replaces the config, every service
   * starts over (untested, first run one interval from now) unless {@code keep} holds its state, and
   * disabled hosts and watches stay; disabled services stay only in {@code keepServices}. Startup
   * alerts run only with {@code startupalerts_on_reset}.
   */
  void reset(MonConfig next, Map<ServiceRef, ServiceState> keep, Set<ServiceRef> keepServices) {
    for (ServiceRuntime rt : runtimes.values()) {
      if (rt.running()) {
        rt.run.stop();
      }
      timers.cancel(rt.service.ref());
      trapTimers.cancel(rt.service.ref());
    }
    runningMonitors = 0;
    config = next;
    programs = new ProgramPaths(next, settings);
    intents.programs(programs);
    dependencies = dependencies(next);
    Instant now = clock.instant();
    Map<ServiceRef, ServiceState> kept = new LinkedHashMap<>();
    keep.forEach((ref, st) -> next.service(ref).ifPresent(s -> kept.put(ref, st)));
    buildRuntimes(now, kept);
    disabledServices.clear();
    keepServices.stream().filter(runtimes::containsKey).forEach(disabledServices::add);
    disabledWatches.removeIf(g -> next.watch(g).isEmpty());
    intents.startDowntimeLog(now);
    if (settings.startupalertsOnReset()) {
      for (ServiceRuntime rt : runtimes.values()) {
        apply(rt, new ServiceEvent.Startup(), now);
      }
    }
    if (!stopped) {
      runtimes.values().forEach(this::arm);
    }
    runtimes.values().forEach(this::armTraps);
    log.info("[engine] reset: {} services in {} watches", runtimes.size(), next.watches().size());
  }

  /** Replaces the state of existing services ({@code loadstate opstatus}); unknown ones are ignored. */
  void loadStates(Map<ServiceRef, ServiceState> states) {
    states.forEach((ref, st) -> {
      ServiceRuntime rt = runtimes.get(ref);
      if (rt != null) {
        rt.state = st;
      }
    });
  }

  /** Every service's state, in config order. */
  Map<ServiceRef, ServiceState> states() {
    Map<ServiceRef, ServiceState> all = new LinkedHashMap<>();
    runtimes.forEach((ref, rt) -> all.put(ref, rt.state));
    return all;
  }

  /** Replaces what clients have disabled ({@code loadstate disabled}, a start with {@code -l}). */
  void restoreDisabled(DisabledState d) {
    for (String h : d.hosts()) {
      if (config.hostgroups().values().stream().anyMatch(g -> g.hosts().contains(h))) {
        disabledHosts.add(h);
      }
    }
    for (String w : d.watches()) {
      if (config.watch(w).isPresent()) {
        disabledWatches.add(w);
      } else {
        log.error("[state] undefined watch {} in the saved disabled state", w);
      }
    }
    for (ServiceRef ref : d.services()) {
      if (runtimes.containsKey(ref)) {
        disabledServices.add(ref);
      } else {
        log.error("[state] undefined group or service {} {} in the saved disabled state", ref.group(), ref.service());
      }
    }
  }

  // ---- traps ----

  /**
   * A trap passed auth.cf: as mon's {@code handle_trap}, one for an unknown watch goes to {@code
   * default} (and to {@code default/default} for an unknown service there), with the intended
   * {@code group:service} remembered; it resets the trap timeout, starts {@code trapduration} and is
   * processed like a monitor result. Returns the service that took it, or null (logged) if none did.
   */
  ServiceRef trap(String group, String service, int exitValue, String summary, String detail, String fromHost) {
    String g = group;
    String s = service;
    String intended = null;
    if (config.watch(g).isEmpty() && config.watch("default").isPresent()) {
      intended = group + ":" + service;
      g = "default";
    }
    if (g.equals("default") && !runtimes.containsKey(new ServiceRef(g, s))
        && runtimes.containsKey(new ServiceRef("default", "default"))) {
      s = "default";
    }
    ServiceRuntime rt = runtimes.get(new ServiceRef(g, s));
    if (rt == null) {
      log.error("[traps] trap from {} for undefined {} {}/{}", fromHost,
          config.watch(g).isEmpty() ? "group" : "service", g, s);
      return null;
    }
    Instant now = clock.instant();
    log.info("[{}] trap from {}: sta={} {}", rt.label(), fromHost, exitValue, summary == null ? "" : summary);
    if (rt.trapTimeoutDue != null) {
      rt.trapTimeoutDue = now.plus(rt.service.trapTimeout());
    }
    if (rt.service.trapDuration() != null && !rt.service.trapDuration().isZero()) {
      rt.trapDurationDue = now.plus(rt.service.trapDuration());
    }
    rt.lastTrapHost = fromHost;
    apply(rt, ServiceEvent.TrapResult.of(exitValue, summary, detail, intended), now);
    armTraps(rt);
    return rt.service.ref();
  }

  /** A trap timer fired: a trap timeout (a failure, flag -O) and/or the end of a trapduration. */
  void trapDue(ServiceRef ref) {
    ServiceRuntime rt = runtimes.get(ref);
    if (rt == null) {
      return;
    }
    Instant now = clock.instant();
    if (rt.trapDurationDue != null && !now.isBefore(rt.trapDurationDue)) {
      rt.trapDurationDue = null;
      apply(rt, new ServiceEvent.TrapDurationExpired(), now);
    }
    if (rt.trapTimeoutDue != null && !now.isBefore(rt.trapTimeoutDue)) {
      rt.trapTimeoutDue = now.plus(rt.service.trapTimeout());
      if (!stopped && now.getEpochSecond() - rt.state.lastTrap().getEpochSecond() > rt.service.trapTimeout().toSeconds()) {
        log.warn("[{}] no trap for {}: trap timeout", rt.label(), rt.service.trapTimeout());
        apply(rt, new ServiceEvent.TrapTimeout(), now);
      }
    }
    armTraps(rt);
  }

  private void armTraps(ServiceRuntime rt) {
    Instant next = rt.trapTimeoutDue;
    if (rt.trapDurationDue != null && (next == null || rt.trapDurationDue.isBefore(next))) {
      next = rt.trapDurationDue;
    }
    if (next == null) {
      trapTimers.cancel(rt.service.ref());
    } else {
      trapTimers.fireAt(rt.service.ref(), next);
    }
  }

  /**
   * A reload (SIGHUP): {@code next} replaces the config; a service whose config did not change (same
   * fingerprint) keeps its runtime as it is: state, timer and a run in progress; a changed or new one
   * starts over as at start; a removed one has its monitor stopped and its timers cancelled. What
   * clients disabled stays where it still names something. Returns a one-line summary.
   */
  String reload(MonConfig next) {
    org.lvsmon.config.ConfigJson json = new org.lvsmon.config.ConfigJson();
    Map<ServiceRef, ServiceRuntime> old = new LinkedHashMap<>(runtimes);
    config = next;
    programs = new ProgramPaths(next, settings);
    intents.programs(programs);
    dependencies = dependencies(next);
    runtimes.clear();
    Instant now = clock.instant();
    int kept = 0;
    int changed = 0;
    int added = 0;
    for (Service s : next.services().toList()) {
      ServiceRuntime o = old.remove(s.ref());
      if (o != null && json.fingerprint(o.service).equals(json.fingerprint(s))) {
        ServiceRuntime rt = new ServiceRuntime(s, o.state, o.timer); // the new config's line numbers
        rt.run = o.run;
        rt.runStarted = o.runStarted;
        rt.lastTrapHost = o.lastTrapHost;
        rt.trapTimeoutDue = o.trapTimeoutDue;
        rt.trapDurationDue = o.trapDurationDue;
        runtimes.put(s.ref(), rt);
        kept++;
        continue;
      }
      if (o != null) {
        forget(o);
        changed++;
      } else {
        added++;
      }
      ServiceTimer timer = ServiceTimer.atStart(now, s.interval() == null ? Duration.ZERO : s.interval(), randstart());
      ServiceRuntime rt = new ServiceRuntime(s, ServiceState.initial(s), timer);
      rt.trapTimeoutDue = s.trapTimeout() == null || s.trapTimeout().isZero() ? null : now.plus(s.trapTimeout());
      runtimes.put(s.ref(), rt);
      if (!stopped) {
        arm(rt);
      }
      armTraps(rt);
    }
    old.values().forEach(this::forget);
    runningMonitors = (int) runtimes.values().stream().filter(ServiceRuntime::running).count();
    disabledServices.removeIf(r -> !runtimes.containsKey(r));
    disabledWatches.removeIf(g -> next.watch(g).isEmpty());
    String summary = kept + " services unchanged, " + changed + " changed, " + added + " added, " + old.size()
        + " removed";
    log.info("[engine] reloaded: {}", summary);
    return summary;
  }

  /** A service leaves the engine: its monitor is stopped (process group terminated), its timers cancelled. */
  private void forget(ServiceRuntime rt) {
    if (rt.running()) {
      log.info("[{}] stopping its monitor: the service changed or was removed", rt.label());
      rt.run.stop();
    }
    timers.cancel(rt.service.ref());
    trapTimers.cancel(rt.service.ref());
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
