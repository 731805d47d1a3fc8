package org.lvsmon.control;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.lvsmon.config.MonConfig;
import org.lvsmon.config.ServiceRef;
import org.lvsmon.service.OpStatus;
import org.lvsmon.service.ServiceEvent.TestAlert;

/**
 * The daemon as the client protocol sees it: what {@code list} and {@code get} read, and one method
 * per state-changing command. {@link ProtocolHandler} turns the answers into mon's replies; the
 * daemon implements this over the state its engine thread owns. Unless a method says otherwise,
 * {@code user} is the logged-in user or null, and a method that answers false or an "unknown" result
 * has changed nothing.
 */
public interface MonServer {

  // ---- reads ----

  /** The config in force (replaced by {@code reset}): watches, hostgroups, views and aliases. */
  MonConfig config();

  /** Every service of {@link #config()} in config order, with state and scheduler data of one moment. */
  List<ServiceStatus> services();

  /** The hosts, watches and services clients have disabled. */
  DisabledState disabled();

  /** The alert history, oldest first, at most {@code maxkeep} lines, unescaped. */
  List<String> alertHistory();

  /** The failure history ({@code G S <epoch> <summary>}), oldest first, unescaped. */
  List<String> failureHistory();

  /**
   * Every line of the downtime log file, comments included, without line terminators; empty when
   * {@code dtlogging} is off.
   *
   * @throws IOException when the file cannot be read
   */
  Optional<List<String>> downtimeLog() throws IOException;

  /** When the scheduler was stopped ({@code stop}, {@code reset stopped}, {@code -S}); empty while it runs. */
  Optional<Instant> stoppedSince();

  /** The daemon's process id, as {@code list pids} and {@code reset} show it. */
  long pid();

  /** The host name {@code reset} shows after the pid. */
  String hostname();

  /** The authorization table in force ({@link AuthConfig#DENY_ALL} when auth.cf could not be read). */
  AuthConfig auth();

  /** How many lines the alert and failure histories keep ({@code maxkeep}). */
  int maxKeep();

  /**
   * The value of {@code var} of a service as mon's {@code get} prints it before escaping: "" for a
   * variable that is unset or unknown; empty when the service does not exist.
   */
  Optional<String> get(ServiceRef ref, String var);

  /**
   * Every real server of every {@code balance} virtual service, in config order (virtual services in
   * the order their {@code balance} lines appear, real servers in the watch's host order); empty when
   * nothing drives weights.
   */
  default List<IpvsView> ipvs() {
    return List.of();
  }

  /** The hosts an operator drained, with their reasons ("" for none), in the order they were drained. */
  default java.util.Map<String, String> drained() {
    return java.util.Map.of();
  }

  /** The mails the built-in mail.alert has not delivered yet, oldest first; empty without one. */
  default List<QueuedMail> outbox() {
    return List.of();
  }

  // ---- commands ----

  /**
   * Disables or enables a whole watch (alerts only; monitors keep running) and rewrites {@code
   * statedir/disabled}; false if there is no such watch.
   */
  boolean setWatchDisabled(String group, boolean disabled);

  /**
   * Disables or enables one service and rewrites {@code statedir/disabled}; disabling also runs the
   * disablealert step for {@code user}. False if there is no such service.
   */
  boolean setServiceDisabled(ServiceRef ref, boolean disabled, String user);

  /**
   * Disables each host in every group it belongs to (and the watch of a group whose only member it
   * is), then rewrites {@code statedir/disabled}. Returns the hosts that exist in no group, in order;
   * if any, nothing is disabled.
   */
  List<String> disableHosts(List<String> hosts);

  /** Enables each host (and the watch of a group whose only member it is); unknown hosts are ignored. */
  void enableHosts(List<String> hosts);

  /**
   * Acknowledges the failure of a service with {@code comment} (already unquoted and unescaped),
   * recording {@code "<user>: <comment>"} and running the ackalerts.
   */
  AckResult ack(ServiceRef ref, String user, String comment);

  /** Makes the service's monitor due now; false if there is no such service. */
  boolean testMonitor(ServiceRef ref);

  /**
   * Calls one period's alerts of {@code kind} with test output and {@code retval} (passed as given,
   * null when the request has none), outside every rule; {@code period} is the period's label or its
   * exact spec text ("" when the request has none).
   */
  TestAlertResult testAlert(TestAlert.Kind kind, ServiceRef ref, String retval, String period);

  /** Parses the config file again without using it; returns its errors, one line each, none if valid. */
  List<String> testConfig();

  /** Stops ({@code true}) or restarts the scheduler; while stopped no monitor runs and alerts are dropped. */
  void setStopped(boolean stopped);

  /**
   * mon's {@code reset}: re-reads the config and rebuilds every service's state, keeping disabled
   * hosts and watches (and everything with {@code keepstate}). {@code stopped} stops the scheduler
   * first, even when the reset then fails. False if the config has errors; the running config and
   * state then stay.
   */
  boolean reset(boolean stopped, boolean keepstate);

  /** Reads auth.cf again; a file that cannot be used is reported in the log and the old table stays. */
  void reloadAuth();

  /** Writes the named kinds of state to {@code statedir}; a failed write is logged, never thrown. */
  void saveState(Set<StateKind> kinds);

  /** Reads the named kinds of state from {@code statedir}; a missing or bad file is logged, never thrown. */
  void loadState(Set<StateKind> kinds);

  /**
   * Sets variable {@code var} of a service to {@code value} (already unquoted and unescaped), as
   * mon's {@code set}; the daemon decides which variables it accepts.
   */
  SetResult set(ServiceRef ref, String var, String value);

  /** Sets the service's status (its previous one becomes the last status); false if there is no such service. */
  boolean setOpStatus(ServiceRef ref, OpStatus status);

  /** Sets how many lines the histories keep ({@code maxkeep}); at least 0. */
  void setMaxKeep(int maxKeep);

  /**
   * mon's {@code clear timers}: restarts the service's monitor interval, trap timers, consecutive
   * failure count and the alertevery/alertafter clocks of its periods; false if there is no such service.
   */
  boolean clearTimers(ServiceRef ref);

  /**
   * lvsmon's {@code drain}: sets {@code host}'s weight to 0 in every {@code balance} virtual service
   * it is a real server of and keeps it there, whatever its health, until {@link #undrain}; {@code
   * reason} (may be "") is shown by {@code list ipvs}. Returns false, changing nothing, when the host
   * is a real server of no {@code balance} service.
   */
  default boolean drain(String host, String reason, String user) {
    return false;
  }

  /** Gives a drained host back to the weight controller (slow start from the floor); false if it was not drained. */
  default boolean undrain(String host, String user) {
    return false;
  }

  /**
   * Shuts the daemon down as {@code term} does. Called by the connection layer once the reply to
   * {@code term} has been written ({@link Reply.After#TERMINATE}); the handler never calls it.
   */
  void terminate();

  /** The kinds of state {@code savestate} and {@code loadstate} name. */
  enum StateKind {
    /** {@code statedir/disabled}: disabled hosts, watches and services. */
    DISABLED,
    /** {@code statedir/opstatus}: every service's state and period counters. */
    OPSTATUS
  }

  /** How an {@code ack} ended. */
  enum AckResult {
    ACKNOWLEDGED,
    UNKNOWN_GROUP,
    UNKNOWN_SERVICE,
    /** The service is OK or untested: there is nothing to acknowledge. */
    NOT_FAILING
  }

  /** How a {@code test alert|upalert|...} ended. */
  enum TestAlertResult {
    CALLED,
    UNKNOWN_SERVICE,
    UNKNOWN_PERIOD
  }

  /** How a {@code set G S VAR VALUE} ended. */
  enum SetResult {
    SET,
    UNKNOWN_SERVICE,
    /** The daemon does not let clients change this variable (mon would store anything). */
    NOT_SETTABLE
  }
}
