package org.lvsmon.control;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.lvsmon.config.HostGroup;
import org.lvsmon.config.MonConfig;
import org.lvsmon.config.Period;
import org.lvsmon.config.Service;
import org.lvsmon.config.ServiceRef;
import org.lvsmon.service.OpStatus;
import org.lvsmon.service.ServiceEvent.TestAlert;
import org.lvsmon.service.ServiceState;

/**
 * A {@link MonServer} over plain fields: it answers reads from what the test put in, applies the
 * commands to that state the simple way (enough for the replies to follow), and records every
 * command as one readable line in {@link #calls}.
 */
final class RecordingMonServer implements MonServer {
  static final long PID = 10752;

  final MonConfig config;
  final Map<ServiceRef, ServiceStatus> statuses = new LinkedHashMap<>();
  final Set<String> disabledHosts = new LinkedHashSet<>();
  final Set<String> disabledWatches = new LinkedHashSet<>();
  final Set<ServiceRef> disabledServices = new LinkedHashSet<>();
  final List<String> alertHistory = new ArrayList<>();
  final List<String> failureHistory = new ArrayList<>();
  final Map<ServiceRef, Map<String, String>> vars = new LinkedHashMap<>();
  final List<String> calls = new ArrayList<>();
  /** What {@link #ipvs()} answers; {@link #drain} accepts the hosts of these rows. */
  final List<IpvsView> ipvs = new ArrayList<>();
  final Map<String, String> drained = new LinkedHashMap<>();
  Optional<List<String>> downtimeLog = Optional.empty();
  boolean downtimeLogUnreadable;
  Instant stoppedSince;
  Instant stopTime = Fixture.NOW;
  AuthConfig auth;
  int maxKeep = 50;
  List<String> configErrors = List.of();
  RuntimeException failure;
  List<QueuedMail> outbox = List.of();

  @Override
  public List<QueuedMail> outbox() {
    return outbox;
  }

  RecordingMonServer(MonConfig config, AuthConfig auth) {
    this.config = config;
    this.auth = auth;
    config.services().forEach(s -> statuses.put(s.ref(), new ServiceStatus(s, ServiceState.initial(s), 2, false, 0, "")));
  }

  /** The lab config with everything allowed to everyone. */
  static RecordingMonServer lab() {
    return new RecordingMonServer(Fixture.MON_CONFIG, Fixture.allowAll());
  }

  void state(ServiceRef ref, ServiceState state) {
    ServiceStatus s = statuses.get(ref);
    statuses.put(ref, new ServiceStatus(s.service(), state, s.timerSeconds(), s.monitorRunning(), s.monitorPid(),
        s.lastTrapHost()));
  }

  void runtime(ServiceRef ref, long timer, boolean running, long pid) {
    ServiceStatus s = statuses.get(ref);
    statuses.put(ref, new ServiceStatus(s.service(), s.state(), timer, running, pid, s.lastTrapHost()));
  }

  private void check() {
    if (failure != null) {
      throw failure;
    }
  }

  // ---- reads ----

  @Override
  public MonConfig config() {
    return config;
  }

  @Override
  public List<ServiceStatus> services() {
    check();
    return List.copyOf(statuses.values());
  }

  @Override
  public DisabledState disabled() {
    return new DisabledState(disabledHosts, disabledWatches, disabledServices);
  }

  @Override
  public List<String> alertHistory() {
    return List.copyOf(alertHistory);
  }

  @Override
  public List<String> failureHistory() {
    return List.copyOf(failureHistory);
  }

  @Override
  public Optional<List<String>> downtimeLog() throws IOException {
    if (downtimeLogUnreadable) {
      throw new IOException("dtlog: permission denied");
    }
    return downtimeLog;
  }

  @Override
  public Optional<Instant> stoppedSince() {
    return Optional.ofNullable(stoppedSince);
  }

  @Override
  public long pid() {
    return PID;
  }

  @Override
  public String hostname() {
    return "vm";
  }

  @Override
  public AuthConfig auth() {
    return auth;
  }

  @Override
  public int maxKeep() {
    return maxKeep;
  }

  @Override
  public Optional<String> get(ServiceRef ref, String var) {
    ServiceStatus s = statuses.get(ref);
    if (s == null) {
      return Optional.empty();
    }
    String set = vars.getOrDefault(ref, Map.of()).get(var);
    if (set != null) {
      return Optional.of(set);
    }
    return Optional.of(switch (var) {
      case "description" -> s.service().description();
      case "monitor" -> s.service().monitor().text();
      default -> "";
    });
  }

  @Override
  public List<IpvsView> ipvs() {
    check();
    return List.copyOf(ipvs);
  }

  @Override
  public Map<String, String> drained() {
    return new LinkedHashMap<>(drained);
  }

  // ---- commands ----

  @Override
  public boolean drain(String host, String reason, String user) {
    calls.add("drain " + host + " by " + user + ": " + reason);
    if (ipvs.stream().noneMatch(v -> v.host().equals(host))) {
      return false;
    }
    drained.put(host, reason);
    return true;
  }

  @Override
  public boolean undrain(String host, String user) {
    calls.add("undrain " + host + " by " + user);
    return drained.remove(host) != null;
  }

  @Override
  public boolean setWatchDisabled(String group, boolean disabled) {
    calls.add((disabled ? "disable" : "enable") + " watch " + group);
    if (config.watch(group).isEmpty()) {
      return false;
    }
    if (disabled) {
      disabledWatches.add(group);
    } else {
      disabledWatches.remove(group);
    }
    return true;
  }

  @Override
  public boolean setServiceDisabled(ServiceRef ref, boolean disabled, String user) {
    calls.add((disabled ? "disable" : "enable") + " service " + ref + " by " + user);
    if (!statuses.containsKey(ref)) {
      return false;
    }
    if (disabled) {
      disabledServices.add(ref);
    } else {
      disabledServices.remove(ref);
    }
    return true;
  }

  @Override
  public List<String> disableHosts(List<String> hosts) {
    calls.add("disable hosts " + hosts);
    Set<String> known = config.hostgroups().values().stream().flatMap(g -> g.hosts().stream())
        .collect(Collectors.toSet());
    List<String> unknown = hosts.stream().filter(h -> !known.contains(h)).toList();
    if (unknown.isEmpty()) {
      disabledHosts.addAll(hosts);
      for (HostGroup g : config.hostgroups().values()) {
        if (g.hosts().size() == 1 && hosts.contains(g.hosts().get(0)) && config.watch(g.name()).isPresent()) {
          disabledWatches.add(g.name());
        }
      }
    }
    return unknown;
  }

  @Override
  public void enableHosts(List<String> hosts) {
    calls.add("enable hosts " + hosts);
    hosts.forEach(disabledHosts::remove);
  }

  @Override
  public AckResult ack(ServiceRef ref, String user, String comment) {
    calls.add("ack " + ref + " by " + user + ": " + comment);
    if (config.watch(ref.group()).isEmpty()) {
      return AckResult.UNKNOWN_GROUP;
    }
    ServiceStatus s = statuses.get(ref);
    if (s == null) {
      return AckResult.UNKNOWN_SERVICE;
    }
    return s.state().acceptsAck() ? AckResult.ACKNOWLEDGED : AckResult.NOT_FAILING;
  }

  @Override
  public boolean testMonitor(ServiceRef ref) {
    calls.add("test monitor " + ref);
    return statuses.containsKey(ref);
  }

  @Override
  public TestAlertResult testAlert(TestAlert.Kind kind, ServiceRef ref, String retval, String period) {
    calls.add("test " + kind + " " + ref + " retval=" + retval + " period=" + period);
    ServiceStatus s = statuses.get(ref);
    if (s == null) {
      return TestAlertResult.UNKNOWN_SERVICE;
    }
    return s.service().periods().stream().map(Period::key).anyMatch(period::equals)
        ? TestAlertResult.CALLED
        : TestAlertResult.UNKNOWN_PERIOD;
  }

  @Override
  public List<String> testConfig() {
    calls.add("test config");
    return configErrors;
  }

  @Override
  public void setStopped(boolean stopped) {
    calls.add(stopped ? "stop" : "start");
    stoppedSince = stopped ? stopTime : null;
  }

  @Override
  public boolean reset(boolean stopped, boolean keepstate) {
    calls.add("reset stopped=" + stopped + " keepstate=" + keepstate);
    if (stopped) {
      stoppedSince = stopTime;
    }
    return configErrors.isEmpty();
  }

  @Override
  public void reloadAuth() {
    calls.add("reload auth");
  }

  @Override
  public void saveState(Set<StateKind> kinds) {
    calls.add("savestate " + kinds);
  }

  @Override
  public void loadState(Set<StateKind> kinds) {
    calls.add("loadstate " + kinds);
  }

  @Override
  public SetResult set(ServiceRef ref, String var, String value) {
    calls.add("set " + ref + " " + var + "=" + value);
    if (!statuses.containsKey(ref)) {
      return SetResult.UNKNOWN_SERVICE;
    }
    if (var.startsWith("_")) {
      return SetResult.NOT_SETTABLE;
    }
    vars.computeIfAbsent(ref, k -> new LinkedHashMap<>()).put(var, value);
    return SetResult.SET;
  }

  @Override
  public boolean setOpStatus(ServiceRef ref, OpStatus status) {
    calls.add("set " + ref + " opstatus=" + status);
    ServiceStatus s = statuses.get(ref);
    if (s == null) {
      return false;
    }
    ServiceState st = s.state();
    state(ref, new ServiceState(status, st.opStatus(), st.exitValue(), st.consecutiveFailures(), st.failureCount(),
        st.alertCount(), st.firstFailure(), st.lastFailure(), st.lastSuccess(), st.lastCheck(), st.monitorDuration(),
        st.lastSummary(), st.lastDetail(), st.lastOutput(), st.failureOutput(), st.ack(), st.ackComment(),
        st.lastTrap(), st.dependStatus(), st.onFailureInterval(), st.periods()));
    return true;
  }

  @Override
  public void setMaxKeep(int n) {
    calls.add("set maxkeep " + n);
    maxKeep = n;
  }

  @Override
  public boolean clearTimers(ServiceRef ref) {
    calls.add("clear timers " + ref);
    return statuses.containsKey(ref);
  }

  @Override
  public void terminate() {
    calls.add("terminate");
  }

  /** The service's config, for tests that build states. */
  Service service(ServiceRef ref) {
    return statuses.get(ref).service();
  }
}
