package org.lvsmon.daemon;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.regex.Pattern;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.lvsmon.alert.exec.ExecAlert;
import org.lvsmon.balance.BalancePlan;
import org.lvsmon.balance.BalanceRunner;
import org.lvsmon.config.ConfigException;
import org.lvsmon.config.MonConfig;
import org.lvsmon.config.Settings;
import org.lvsmon.control.Authenticator;
import org.lvsmon.control.Authenticators;
import org.lvsmon.control.Trap;
import org.lvsmon.control.TrapListener;
import org.lvsmon.ipvs.Endpoints;
import org.lvsmon.control.ControlServer;
import org.lvsmon.control.MonServer;
import org.lvsmon.control.ProtocolHandler;
import org.lvsmon.ipvs.IpvsControl;
import org.lvsmon.ipvs.netlink.NetlinkIpvs;
import org.lvsmon.monitor.BuiltinMonitors;
import org.lvsmon.monitor.Monitor;
import org.lvsmon.monitor.exec.ChildLauncher;
import org.lvsmon.monitor.exec.ExecMonitor;
import org.lvsmon.monitor.exec.MonDirs;
import org.lvsmon.monitor.ssh.SshDefaults;
import org.lvsmon.schedule.QuartzTimers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of {@code lvsmon run}: builds every part from the config and settings, starts
 * the engine, writes the pid file, and on {@link #close()} stops scheduling, stops running monitors
 * within a grace period and removes the pid file.
 */
public final class Daemon implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Daemon.class);
  private static final Duration MONITOR_GRACE = Duration.ofSeconds(5);

  private final Settings settings;
  private final EngineThread loop;
  private final ExecutorService monitors;
  private final ScheduledExecutorService monitorTimer;
  private final QuartzTimers timers;
  private final QuartzTimers trapTimers;
  private final ExecAlert alerts;
  private final BuiltinMonitors builtins;
  private final Engine engine;
  private final CountDownLatch closed = new CountDownLatch(1);
  private boolean wrotePidfile;

  private final History history;
  private final Clock clock;
  private Authenticator authenticator = Authenticator.REFUSE_ALL;
  private ExecutorService requests;
  private ControlServer control;
  private TrapListener traps;
  private final DaemonServer server;
  private final ChildLauncher launcher;
  private final BalanceRunner balance;
  private final AlertRouter alertRouter;

  /** Reads the config file again, for the control port's {@code reset} and {@code test config}. */
  @FunctionalInterface
  public interface ConfigLoader {
    MonConfig load() throws ConfigException;
  }

  /**
   * How the daemon starts, beyond its config.
   *
   * @param stopped mon's {@code -S}: the scheduler starts stopped
   * @param reload reads the config again ({@code reset}, {@code test config})
   * @param loadstate mon's {@code -l}: {@code disabled}, {@code opstatus} or {@code all} state files
   *     are read from statedir at start; null for none
   * @param listen whether to open the control port ({@code serverbind}:{@code serverport})
   */
  public record Startup(boolean stopped, ConfigLoader reload, String loadstate, boolean listen) {
    /** A start without saved state or control port whose {@code reset} re-uses {@code config}. */
    public static Startup of(MonConfig config, boolean stopped) {
      return new Startup(stopped, () -> config, null, false);
    }
  }

  private Daemon(MonConfig config, Settings settings, Clock clock, BalancePlan plan, IpvsControl ipvs,
      IpvsControl.Opener opener, Startup startup) {
    this.settings = settings;
    this.clock = clock;
    this.loop = new EngineThread("lvsmon-engine");
    AtomicInteger n = new AtomicInteger();
    this.monitors = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "lvsmon-monitor-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.monitorTimer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "lvsmon-monitor-timer");
      t.setDaemon(true);
      return t;
    });
    this.launcher = ChildLauncher.create();
    MonDirs dirs = MonDirs.of(settings);
    this.alerts = new ExecAlert(launcher, settings.alertdirs(), dirs, ExecAlert.Limits.DEFAULTS);
    ProgramPaths programs = new ProgramPaths(config, settings);
    this.history = new History(settings.histlength(), settings.historicfile(), settings.dtlogfile());
    this.alertRouter = new AlertRouter(alerts, settings.alertdirs(), ipvs, opener);
    IntentRunner intents = new IntentRunner(alertRouter, programs, history, settings.dtlogging());
    Engine[] holder = new Engine[1];
    this.timers = new QuartzTimers("lvsmon", 2, clock, ref -> loop.execute(() -> holder[0].due(ref)));
    ExecMonitor external = new ExecMonitor(launcher, dirs, ExecMonitor.Limits.DEFAULTS, clock, monitorTimer);
    this.builtins = new BuiltinMonitors(clock, SshDefaults.fromSystem());
    Monitor monitor = new MonitorRouter(builtins, external);
    this.engine = new Engine(config, settings, clock, new Random(), monitor, intents, timers, loop, monitors, programs);
    holder[0] = engine;
    this.trapTimers = new QuartzTimers("lvsmon-trap", 1, clock, ref -> loop.execute(() -> engine.trapDue(ref)));
    engine.trapTimers(trapTimers);
    if (plan.bindings().isEmpty()) {
      this.balance = null;
    } else {
      this.balance = new BalanceRunner(ipvs, plan, clock);
      engine.onResult(balance::result);
      log.info("[daemon] {} balance services drive IPVS weights through {}", plan.bindings().size(), ipvs.name());
    }
    this.server = new DaemonServer(engine, loop, history, settings, startup.reload(), balance, this::close);
  }

  /** Builds and starts a daemon without {@code balance} services. {@code stopped} is mon's {@code -S}. */
  public static Daemon start(MonConfig config, Settings settings, boolean stopped, Clock clock)
      throws InterruptedException {
    return start(config, settings, clock, new BalancePlan(List.of(), List.of()), null, NetlinkIpvs::open,
        Startup.of(config, stopped));
  }

  /**
   * Builds and starts a daemon whose {@code plan}'s services drive weights through {@code ipvs}
   * (which may be null when the plan is empty; the caller closes it after the daemon). The built-in
   * lvs.alert uses {@code ipvs} too, or, when it is null, what {@code opener} opens on its first call.
   */
  public static Daemon start(MonConfig config, Settings settings, boolean stopped, Clock clock, BalancePlan plan,
      IpvsControl ipvs, IpvsControl.Opener opener) throws InterruptedException {
    return start(config, settings, clock, plan, ipvs, opener, Startup.of(config, stopped));
  }

  /** Builds and starts a daemon as {@code startup} says; otherwise as the method above. */
  public static Daemon start(MonConfig config, Settings settings, Clock clock, BalancePlan plan,
      IpvsControl ipvs, IpvsControl.Opener opener, Startup startup) throws InterruptedException {
    Daemon d = new Daemon(config, settings, clock, plan, ipvs, opener, startup);
    if (startup.listen()) { // as mon, take the ports before anything runs: a port in use stops the start
      try {
        d.listen();
      } catch (IOException e) {
        d.close();
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
    d.loop.call(() -> d.engine.start(startup.stopped()));
    if (startup.loadstate() != null) {
      d.server.loadState(switch (startup.loadstate()) {
        case "opstatus" -> Set.of(MonServer.StateKind.OPSTATUS);
        case "all" -> Set.of(MonServer.StateKind.DISABLED, MonServer.StateKind.OPSTATUS);
        default -> Set.of(MonServer.StateKind.DISABLED);
      });
    }
    d.writePidfile();
    return d;
  }

  private void listen() throws IOException {
    try {
      authenticator = Authenticators.of(settings.authtypes(), settings.userfile());
    } catch (IllegalArgumentException e) {
      log.error("[control] authtype: {}; every login is refused", e.getMessage());
    }
    requests = requestThreads();
    ProtocolHandler handler = new ProtocolHandler(server, authenticator, clock);
    List<Pattern> allow = settings.clientallow().stream().map(Pattern::compile).toList();
    InetSocketAddress bind = new InetSocketAddress(settings.serverbind(), settings.serverport());
    control = ControlServer.start(bind, ControlServer.Limits.DEFAULTS.withIdleTimeout(settings.cltimeout()), allow,
        handler, requests, server::terminate);
    InetSocketAddress trapBind = new InetSocketAddress(settings.trapbind(), settings.trapport());
    traps = TrapListener.start(trapBind, server::auth, this::trap, clock);
  }

  /** The control port's request threads as the daemon runs them: two daemon threads, lvsmon-request-N. */
  static ExecutorService requestThreads() {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "lvsmon-request-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** A trap that passed auth.cf: the engine takes it as mon's {@code handle_trap} does. */
  private void trap(Trap trap, java.net.InetAddress from) {
    String host = Endpoints.format(from);
    loop.execute(() -> engine.trap(trap.group(), trap.service(), trap.exitValue(), trap.summary(), trap.detail(), host));
  }

  /** The daemon as the client protocol sees it. */
  public MonServer server() {
    return server;
  }

  private void writePidfile() {
    Path pid = settings.pidfile();
    if (pid == null) {
      return;
    }
    try {
      Files.writeString(pid, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
      wrotePidfile = true;
    } catch (IOException e) {
      // mon carries on without a pid file too
      log.warn("[daemon] cannot write pid file {}: {}", pid, e.toString());
    }
  }

  /** Blocks until {@link #close()} has run. */
  public void awaitClose() throws InterruptedException {
    closed.await();
  }

  private static boolean ended(CompletableFuture<Void> ending, long deadline) throws InterruptedException {
    try {
      ending.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return true;
    } catch (ExecutionException | TimeoutException e) {
      return ending.isDone();
    }
  }

  @Override
  public void close() {
    if (closed.getCount() == 0) {
      return;
    }
    log.info("[daemon] shutting down");
    if (traps != null) {
      traps.close();
    }
    if (control != null) {
      control.close();
      requests.shutdownNow();
    }
    timers.close();
    trapTimers.close();
    try {
      List<CompletableFuture<Void>> ending = new ArrayList<>();
      loop.call(() -> ending.add(engine.stopMonitors()));
      monitors.shutdown();
      long deadline = System.nanoTime() + MONITOR_GRACE.toNanos();
      if (!monitors.awaitTermination(MONITOR_GRACE.toNanos(), TimeUnit.NANOSECONDS) || !ended(ending.get(0), deadline)) {
        log.warn("[daemon] monitors still running after {}; leaving them", MONITOR_GRACE);
      }
      monitorTimer.shutdownNow();
      alerts.shutdown(MONITOR_GRACE);
      alertRouter.close();
      if (balance != null) {
        balance.close(); // the kernel keeps the weights as they are
      }
      launcher.close();
      builtins.close();
      loop.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (wrotePidfile) {
        try {
          Files.deleteIfExists(settings.pidfile());
        } catch (IOException e) {
          log.warn("[daemon] cannot remove pid file {}: {}", settings.pidfile(), e.toString());
        }
      }
      closed.countDown();
    }
  }
}
