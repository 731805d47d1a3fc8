package org.lvsmon.daemon;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.lvsmon.balance.BalanceRunner;
import org.lvsmon.config.ConfigException;
import org.lvsmon.config.MonConfig;
import org.lvsmon.config.Service;
import org.lvsmon.config.ServiceRef;
import org.lvsmon.config.Settings;
import org.lvsmon.control.AuthConfig;
import org.lvsmon.control.DisabledState;
import org.lvsmon.control.IpvsView;
import org.lvsmon.control.MonServer;
import org.lvsmon.control.ServiceStatus;
import org.lvsmon.service.OpStatus;
import org.lvsmon.service.ServiceEvent.TestAlert;
import org.lvsmon.service.ServiceState;
import org.lvsmon.state.MonStateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon as the control port sees it. Every read takes its snapshot on the engine thread (a copy
 * of references, microseconds) and leaves the formatting to the caller's thread; every command runs
 * on the engine thread. File I/O (state files, auth.cf, the downtime log) happens on the caller's
 * thread, never on the engine's. A request waits at most {@link #ENGINE_WAIT} for the engine.
 * Thread-safe.
 */
final class DaemonServer implements MonServer {
  private static final Logger log = LoggerFactory.getLogger(DaemonServer.class);
  static final Duration ENGINE_WAIT = Duration.ofSeconds(10);

  private final Engine engine;
  private final EngineThread loop;
  private final History history;
  private final Settings settings;
  private final Daemon.ConfigLoader loader;
  private final BalanceRunner balance;
  private final Runnable onTerminate;
  private volatile Runnable stateChanged = () -> { };
  private volatile java.util.function.Supplier<List<org.lvsmon.control.QueuedMail>> outbox = List::of;
  private final String hostname;
  private volatile AuthConfig auth;

  DaemonServer(Engine engine, EngineThread loop, History history, Settings settings, Daemon.ConfigLoader loader,
      BalanceRunner balance, Runnable onTerminate) {
    this.engine = engine;
    this.loop = loop;
    this.history = history;
    this.settings = settings;
    this.loader = loader;
    this.balance = balance;
    this.onTerminate = onTerminate;
    this.hostname = localHostname();
    this.auth = readAuth(AuthConfig.DENY_ALL);
  }

  /** Where {@code list outbox} reads the mail still queued. */
  void outbox(java.util.function.Supplier<List<org.lvsmon.control.QueuedMail>> queued) {
    this.outbox = queued;
  }

  @Override
  public List<org.lvsmon.control.QueuedMail> outbox() {
    return outbox.get();
  }

  /** Told after every command that changed state an operator would not want to lose (the journal saves then). */
  void onStateChanged(Runnable hook) {
    this.stateChanged = hook;
  }

  private <T> T onEngine(java.util.function.Supplier<T> task) {
    return loop.get(task, ENGINE_WAIT);
  }

  private void run(Runnable task) {
    loop.get(() -> {
      task.run();
      return null;
    }, ENGINE_WAIT);
  }

  // ---- reads ----

  @Override
  public MonConfig config() {
    return onEngine(engine::config);
  }

  @Override
  public List<ServiceStatus> services() {
    return onEngine(engine::statuses);
  }

  @Override
  public DisabledState disabled() {
    return onEngine(engine::disabled);
  }

  @Override
  public List<String> alertHistory() {
    return onEngine(history::alerts);
  }

  @Override
  public List<String> failureHistory() {
    return onEngine(history::failures);
  }

  @Override
  public Optional<List<String>> downtimeLog() throws IOException {
    if (!settings.dtlogging() || settings.dtlogfile() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllLines(settings.dtlogfile(), StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.of(List.of());
    } catch (java.nio.charset.CharacterCodingException e) {
      return Optional.of(List.of(new String(Files.readAllBytes(settings.dtlogfile()), StandardCharsets.ISO_8859_1)
          .split("\n")));
    }
  }

  @Override
  public Optional<Instant> stoppedSince() {
    return onEngine(engine::stoppedSince);
  }

  @Override
  public long pid() {
    return ProcessHandle.current().pid();
  }

  @Override
  public String hostname() {
    return hostname;
  }

  @Override
  public AuthConfig auth() {
    return auth;
  }

  @Override
  public int maxKeep() {
    return onEngine(history::capacity);
  }

  @Override
  public Optional<String> get(ServiceRef ref, String var) {
    return onEngine(() -> engine.statuses().stream()
        .filter(s -> s.service().ref().equals(ref))
        .findFirst()
        .map(s -> variable(s, var)));
  }

  /** What mon's {@code get} shows for the variables lvsmon keeps; "" for any other name, as mon's undef. */
  static String variable(ServiceStatus s, String var) {
    Service svc = s.service();
    ServiceState st = s.state();
    Function<Instant, String> epoch = t -> t == null ? "" : Long.toString(t.getEpochSecond());
    return switch (var) {
      case "interval" -> svc.interval() == null ? "" : Long.toString(svc.interval().toSeconds());
      case "failure_interval" -> svc.failureInterval() == null ? "" : Long.toString(svc.failureInterval().toSeconds());
      case "monitor" -> svc.monitor() == null ? "" : svc.monitor().text();
      case "description" -> svc.description();
      case "depend" -> svc.depend() == null ? "" : svc.depend().expression();
      case "_op_status", "opstatus" -> Integer.toString(st.opStatus().code());
      case "_last_op_status" -> Integer.toString(st.lastOpStatus().code());
      case "_last_summary" -> st.lastSummary() == null ? "" : st.lastSummary();
      case "_last_detail" -> st.lastDetail() == null ? "" : st.lastDetail();
      case "_last_output" -> st.lastOutput() == null ? "" : st.lastOutput();
      case "_failure_output" -> st.failureOutput() == null ? "" : st.failureOutput();
      case "_failure_count" -> Integer.toString(st.failureCount());
      case "_alert_count" -> Integer.toString(st.alertCount());
      case "_consec_failures" -> Integer.toString(st.consecutiveFailures());
      case "_last_success" -> epoch.apply(st.lastSuccess());
      case "_last_failure" -> epoch.apply(st.lastFailure());
      case "_first_failure" -> epoch.apply(st.firstFailure());
      case "_last_check" -> epoch.apply(st.lastCheck());
      case "_last_trap" -> epoch.apply(st.lastTrap());
      case "_ack" -> epoch.apply(st.ack());
      case "_ack_comment" -> st.ackComment();
      case "_exitval" -> st.exitValue() == null ? "" : st.exitValue().toString();
      case "_timer" -> Long.toString(s.timerSeconds());
      default -> "";
    };
  }

  @Override
  public List<IpvsView> ipvs() {
    return balance == null ? List.of() : balance.view();
  }

  @Override
  public Map<String, String> drained() {
    return balance == null ? Map.of() : balance.drained();
  }

  // ---- commands ----

  @Override
  public boolean setWatchDisabled(String group, boolean disabled) {
    boolean ok = onEngine(() -> engine.setWatchDisabled(group, disabled));
    if (ok) {
      writeDisabled();
      stateChanged.run();
    }
    return ok;
  }

  @Override
  public boolean setServiceDisabled(ServiceRef ref, boolean disabled, String user) {
    boolean ok = onEngine(() -> engine.setServiceDisabled(ref, disabled, user));
    if (ok) {
      writeDisabled();
      stateChanged.run();
    }
    return ok;
  }

  @Override
  public List<String> disableHosts(List<String> hosts) {
    List<String> unknown = onEngine(() -> engine.disableHosts(hosts));
    if (unknown.isEmpty()) {
      writeDisabled();
      stateChanged.run();
    }
    return unknown;
  }

  @Override
  public void enableHosts(List<String> hosts) {
    run(() -> engine.enableHosts(hosts));
    writeDisabled();
    stateChanged.run();
  }

  @Override
  public AckResult ack(ServiceRef ref, String user, String comment) {
    AckResult r = onEngine(() -> engine.ack(ref, user, comment));
    stateChanged.run();
    return r;
  }

  @Override
  public boolean testMonitor(ServiceRef ref) {
    return onEngine(() -> engine.testMonitor(ref));
  }

  @Override
  public TestAlertResult testAlert(TestAlert.Kind kind, ServiceRef ref, String retval, String period) {
    return onEngine(() -> engine.testAlert(kind, ref, retval, period));
  }

  @Override
  public List<String> testConfig() {
    try {
      loader.load();
      return List.of();
    } catch (ConfigException e) {
      return e.problems().stream().map(Object::toString).toList();
    }
  }

  @Override
  public void setStopped(boolean stopped) {
    run(() -> engine.setStopped(stopped));
  }

  @Override
  public boolean reset(boolean stopped, boolean keepstate) {
    if (stopped) {
      setStopped(true);
    }
    MonConfig next;
    try {
      next = loader.load();
    } catch (ConfigException e) {
      log.error("[control] reset refused, the config has errors; the running config stays");
      e.problems().forEach(p -> log.error("[control] {}", p));
      return false;
    }
    if (keepstate) {
      saveState(Set.of(StateKind.DISABLED, StateKind.OPSTATUS));
    }
    run(() -> {
      Map<ServiceRef, ServiceState> keep = keepstate ? engine.states() : Map.of();
      Set<ServiceRef> keepServices = keepstate ? engine.disabled().services() : Set.of();
      engine.reset(next, keep, keepServices);
    });
    if (!keepstate) {
      writeDisabled(); // disabled services are gone, as in mon
    }
    return true;
  }

  @Override
  public void reloadAuth() {
    auth = readAuth(auth);
  }

  private AuthConfig readAuth(AuthConfig previous) {
    try {
      AuthConfig next = AuthConfig.read(settings.authfile());
      next.warnings().forEach(w -> log.warn("[control] {}", w));
      log.info("[control] authorization from {}", settings.authfile());
      return next;
    } catch (IOException e) {
      log.error("[control] cannot read {}: {}; {}", settings.authfile(),
          e instanceof NoSuchFileException ? "no such file" : e.getMessage(),
          previous == AuthConfig.DENY_ALL ? "every command that needs authorization is refused"
              : "the authorization read before stays");
    } catch (ConfigException e) {
      e.problems().forEach(p -> log.error("[control] {}", p));
      log.error("[control] {} has errors; {}", settings.authfile(), previous == AuthConfig.DENY_ALL
          ? "every command that needs authorization is refused" : "the authorization read before stays");
    }
    return previous;
  }

  @Override
  public void saveState(Set<StateKind> kinds) {
    if (kinds.contains(StateKind.DISABLED)) {
      writeDisabled();
    }
    if (kinds.contains(StateKind.OPSTATUS)) {
      record Snapshot(MonConfig config, Map<ServiceRef, ServiceState> states, Map<ServiceRef, String> traps) {}
      Snapshot s = onEngine(() -> {
        Map<ServiceRef, String> traps = new LinkedHashMap<>();
        engine.statuses().forEach(st -> traps.put(st.service().ref(), st.lastTrapHost()));
        return new Snapshot(engine.config(), engine.states(), traps);
      });
      try {
        MonStateFiles.writeOpstatus(settings.statedir(), s.config(), s.states(), s.traps()::get);
      } catch (IOException e) {
        log.error("[state] could not write the opstatus state file in {}: {}", settings.statedir(), e.toString());
      }
    }
  }

  private void writeDisabled() {
    DisabledState d = onEngine(engine::disabled);
    try {
      MonStateFiles.writeDisabled(settings.statedir(), d);
    } catch (IOException e) {
      log.error("[state] could not write the disabled state file in {}: {}", settings.statedir(), e.toString());
    }
  }

  @Override
  public void loadState(Set<StateKind> kinds) {
    if (kinds.contains(StateKind.DISABLED)) {
      try {
        DisabledState d = MonStateFiles.readDisabled(settings.statedir());
        run(() -> engine.restoreDisabled(d));
        log.info("[state] state 'disabled' loaded");
      } catch (IOException e) {
        log.error("[state] could not read the disabled state file in {}: {}", settings.statedir(), e.toString());
      }
    }
    if (kinds.contains(StateKind.OPSTATUS)) {
      record Snapshot(MonConfig config, Map<ServiceRef, ServiceState> states) {}
      Snapshot s = onEngine(() -> new Snapshot(engine.config(), engine.states()));
      try {
        Map<ServiceRef, ServiceState> loaded = MonStateFiles.readOpstatus(settings.statedir(), s.config(), s.states());
        run(() -> engine.loadStates(loaded));
        log.info("[state] state 'opstatus' loaded ({} services)", loaded.size());
      } catch (IOException e) {
        log.error("[state] could not read the opstatus state file in {}: {}", settings.statedir(), e.toString());
      }
    }
  }

  @Override
  public SetResult set(ServiceRef ref, String var, String value) {
    boolean exists = onEngine(() -> engine.config().service(ref).isPresent());
    return exists ? SetResult.NOT_SETTABLE : SetResult.UNKNOWN_SERVICE;
  }

  @Override
  public boolean setOpStatus(ServiceRef ref, OpStatus status) {
    return onEngine(() -> engine.setOpStatus(ref, status));
  }

  @Override
  public void setMaxKeep(int maxKeep) {
    run(() -> history.capacity(maxKeep));
  }

  @Override
  public boolean clearTimers(ServiceRef ref) {
    return onEngine(() -> engine.clearTimers(ref));
  }

  @Override
  public boolean drain(String host, String reason, String user) {
    if (balance == null) {
      return false;
    }
    boolean ok = balance.drain(host, reason);
    if (ok) {
      log.info("[control] {} drained by {}{}", host, user == null ? "(no login)" : user,
          reason.isEmpty() ? "" : ": " + reason);
      stateChanged.run();
    }
    return ok;
  }

  @Override
  public boolean undrain(String host, String user) {
    boolean ok = balance != null && balance.undrain(host);
    if (ok) {
      log.info("[control] {} undrained by {}", host, user == null ? "(no login)" : user);
      stateChanged.run();
    }
    return ok;
  }

  @Override
  public void terminate() {
    log.info("[control] term: shutting down");
    Thread t = new Thread(onTerminate, "lvsmon-term");
    t.setDaemon(false);
    t.start();
  }

  static String localHostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
