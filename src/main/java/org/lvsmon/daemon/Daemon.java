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
import org.lvsmon.alert.AlertAction;
import org.lvsmon.alert.exec.ExecAlert;
import java.util.Properties;
import org.lvsmon.alert.mail.MailAlert;
import org.lvsmon.alert.mail.MailDelivery;
import org.lvsmon.alert.mail.MailDirectory;
import org.lvsmon.alert.mail.MailRelay;
import org.lvsmon.alert.mail.MailSender;
import org.lvsmon.alert.mail.MailSettings;
import org.lvsmon.alert.mail.Outbox;
import org.lvsmon.balance.BalancePlan;
import org.lvsmon.balance.BalanceRunner;
import org.lvsmon.balance.FailStaticListener;
import org.lvsmon.config.ConfigException;
import org.lvsmon.config.MonConfig;
import org.lvsmon.config.ServiceRef;
import org.lvsmon.config.Settings;
import org.lvsmon.control.Authenticator;
import org.lvsmon.control.Authenticators;
import org.lvsmon.control.Trap;
import org.lvsmon.control.TrapListener;
import org.lvsmon.ipvs.Endpoints;
import org.lvsmon.control.ControlServer;
import org.lvsmon.control.MonServer;
import org.lvsmon.control.ProtocolHandler;
import org.lvsmon.control.QueuedMail;
import org.lvsmon.ipvs.IpvsControl;
import org.lvsmon.ipvs.netlink.NetlinkIpvs;
import org.lvsmon.monitor.BuiltinMonitors;
import org.lvsmon.monitor.Monitor;
import org.lvsmon.monitor.exec.ChildLauncher;
import org.lvsmon.monitor.exec.ExecMonitor;
import org.lvsmon.monitor.exec.MonDirs;
import org.lvsmon.monitor.ssh.SshDefaults;
import org.lvsmon.schedule.QuartzTimers;
import org.lvsmon.service.FailStaticAlerts;
import org.lvsmon.state.StateJournal;
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
  private final MailDelivery mailDelivery;
  private final MailQueue outbox;

  /** The built-in mail.alert's outbox and the thread that empties it. */
  private record MailQueue(Outbox outbox, MailDelivery delivery) {
    List<QueuedMail> list() {
      try {
        return outbox.pending().stream().map(e -> new QueuedMail(e.id(), e.created(), e.attempts(), e.nextAttempt(),
            outbox.overdue(e), e.message().to(), e.message().subject(), e.lastError())).toList();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
  private final Clock clock;
  private Authenticator authenticator = Authenticator.REFUSE_ALL;
  private ExecutorService requests;
  private ControlServer control;
  private TrapListener traps;
  private static final Duration JOURNAL_PERIOD = Duration.ofSeconds(2);
  private StateJournal journal;
  private ScheduledExecutorService saver;
  private Numbered lastSaved;
  private long journalSequence; // engine thread only
  private boolean journalFailing;
  private final DaemonServer server;
  private final ChildLauncher launcher;
  private final BalanceRunner balance;
  private BalancePlan plan; // replaced by a reload
  private final ConfigLoader reloader;
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
   * @param journal whether to restore {@code statedir/lvsmon-state.json} at start and keep it up to
   *     date (off: mon's behaviour, which forgets everything on a restart but what {@code -l} loads)
   * @param mailSettings the built-in mail.alert's settings file (missing: localhost:25, no auth)
   */
  /**
   * How to start. {@code dryRun}, when not null, is {@code lvsmon run --dry-run}'s directory:
   * alert programs are recorded in {@code DIR/alerts.log} instead of run, and mail is written to
   * {@code DIR/mail/} instead of sent (the caller gives the daemon an IPVS table in memory).
   */
  public record Startup(boolean stopped, ConfigLoader reload, String loadstate, boolean listen, boolean journal,
      Path mailSettings, Path dryRun) {
    public Startup(boolean stopped, ConfigLoader reload, String loadstate, boolean listen, boolean journal,
        Path mailSettings) {
      this(stopped, reload, loadstate, listen, journal, mailSettings, null);
    }

    /**
     * A start without saved state, journal or control port whose {@code reset} re-uses {@code config},
     * with mail settings from the default file.
     */
    public static Startup of(MonConfig config, boolean stopped) {
      return new Startup(stopped, () -> config, null, false, false, MailSettings.DEFAULT_PATH);
    }
  }

  private Daemon(MonConfig config, Settings settings, Clock clock, BalancePlan plan, IpvsControl ipvs,
      IpvsControl.Opener opener, Startup startup) {
    this.settings = settings;
    this.clock = clock;
    this.plan = plan;
    this.reloader = startup.reload();
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
    AlertAction programsRun = startup.dryRun() == null ? alerts
        : new DryRunAlerts(startup.dryRun().resolve("alerts.log"), settings.alertdirs(), clock);
    this.alertRouter = new AlertRouter(programsRun, settings.alertdirs(), ipvs, opener);
    this.outbox = startMail(settings, clock, alertRouter, startup.mailSettings(),
        startup.dryRun() == null ? null : startup.dryRun().resolve("mail"));
    this.mailDelivery = outbox == null ? null : outbox.delivery();
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
      for (BalancePlan.Binding b : plan.bindings()) {
        boolean guarded = !Double.isNaN(b.spec().policy().failStatic());
        if (guarded && config.service(b.service()).map(s -> !FailStaticAlerts.any(s)).orElse(false)) {
          log.warn("[{}/{}] fail-static is only logged: no period has a failstaticalert or a mail.alert alert line",
              b.service().group(), b.service().service());
        }
      }
      balance.onFailStatic(new FailStaticListener() {
        @Override
        public void entered(ServiceRef service, String virtualService, String message) {
          loop.execute(() -> engine.failStatic(service, true, virtualService, message));
        }

        @Override
        public void left(ServiceRef service, String virtualService, String message) {
          loop.execute(() -> engine.failStatic(service, false, virtualService, message));
        }
      });
      log.info("[daemon] {} balance services drive IPVS weights through {}", plan.bindings().size(), ipvs.name());
    }
    this.server = new DaemonServer(engine, loop, history, settings, startup.reload(), balance, this::close);
    if (outbox != null) {
      server.outbox(outbox::list);
    }
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
    d.writePidfile(); // mon writes it as its loop starts; the differential tests count time from it
    if (startup.journal()) {
      d.restoreJournal();
    }
    if (startup.loadstate() != null) {
      d.server.loadState(switch (startup.loadstate()) {
        case "opstatus" -> Set.of(MonServer.StateKind.OPSTATUS);
        case "all" -> Set.of(MonServer.StateKind.DISABLED, MonServer.StateKind.OPSTATUS);
        default -> Set.of(MonServer.StateKind.DISABLED);
      });
    }
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

  private void restoreJournal() throws InterruptedException {
    journal = new StateJournal(settings.statedir());
    journal.read().ifPresent(saved -> {
      loop.get(() -> {
        engine.loadStates(saved.services());
        engine.restoreDisabled(saved.disabled());
        return null;
      }, DaemonServer.ENGINE_WAIT);
      if (balance != null) {
        balance.restoreDrains(saved.drains());
        balance.restoreWeights(saved.weights());
      }
      log.info("[state] restored {} services' state, {} disabled hosts, {} watches, {} services and {} drains"
          + " saved at {}", saved.services().size(), saved.disabled().hosts().size(),
          saved.disabled().watches().size(), saved.disabled().services().size(), saved.drains().size(), saved.saved());
    });
    saver = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "lvsmon-state");
      t.setDaemon(true);
      return t;
    });
    engine.beforeAlerts(this::saveJournalBeforeAlerts);
    server.onStateChanged(() -> {
      try {
        saver.execute(this::saveJournal);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // shutting down: close() writes the journal one last time
      }
    });
    saver.scheduleWithFixedDelay(this::saveJournal, JOURNAL_PERIOD.toMillis(), JOURNAL_PERIOD.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Writes the journal from the saver thread: a snapshot taken on the engine thread, then the file. */
  private void saveJournal() {
    try {
      writeJournal(loop.get(this::journalSnapshot, DaemonServer.ENGINE_WAIT));
    } catch (RuntimeException e) {
      journalFailed(e);
    }
  }

  /**
   * On the engine thread, before a transition's alerts run: the state that decided them is on disk
   * first, so a crash right after cannot make the restarted daemon alert again for the same change.
   */
  private void saveJournalBeforeAlerts() {
    if (journal != null) {
      writeJournal(journalSnapshot());
    }
  }

  /** Engine thread only: the journal's content now, numbered so an older one is never written over a newer. */
  private Numbered journalSnapshot() {
    return new Numbered(++journalSequence, new StateJournal.Snapshot(clock.instant(), engine.states(),
        engine.disabled(), balance == null ? java.util.Map.of() : balance.drained(),
        balance == null ? List.of() : balance.weights()));
  }

  private record Numbered(long sequence, StateJournal.Snapshot snapshot) {}

  /** Writes {@code next} when it is newer than, and differs from, the last one written; never throws. */
  private synchronized void writeJournal(Numbered next) {
    StateJournal.Snapshot now = next.snapshot();
    if (lastSaved != null && (next.sequence() <= lastSaved.sequence()
        || (lastSaved.snapshot().services().equals(now.services()) && lastSaved.snapshot().disabled().equals(now.disabled())
            && lastSaved.snapshot().drains().equals(now.drains())))) {
      return;
    }
    try {
      journal.write(now);
      if (journalFailing) {
        log.info("[state] {} is written again", journal.file());
        journalFailing = false;
      }
      lastSaved = next;
    } catch (IOException | RuntimeException e) {
      journalFailed(e);
    }
  }

  private synchronized void journalFailed(Exception e) {
    if (!journalFailing) {
      log.error("[state] cannot write {}: {}; monitoring continues, but a restart now would lose what changed",
          journal.file(), e.toString());
      journalFailing = true;
    }
  }

  /**
   * The built-in mail.alert: its outbox in {@code statedir/outbox}, a delivery thread, settings from
   * {@code settingsFile}. Null (mail.alert then runs as a forked script, sending directly) when the
   * settings file is bad; that is logged.
   */
  private static MailQueue startMail(Settings settings, Clock clock, AlertRouter router, Path settingsFile,
      Path dryRunMail) {
    MailSettings mail;
    try {
      mail = MailSettings.load(settingsFile);
    } catch (MailSettings.SettingsException e) {
      log.error("[mail] {}; mail.alert runs as a script, sending directly without an outbox", e.getMessage());
      return null;
    }
    String host = DaemonServer.localHostname();
    String from = System.getProperty("user.name") + "@" + host;
    Outbox outbox = new Outbox(Outbox.directoryIn(settings.statedir()), host, clock, mail.ageLimit());
    java.util.function.Supplier<MailRelay> relays = dryRunMail == null
        ? () -> new MailSender(mail, from, new Properties()) : () -> new MailDirectory(dryRunMail, mail, from);
    MailDelivery delivery = new MailDelivery(outbox, relays.get(), clock, mail.storm());
    delivery.start();
    router.mail(new MailAlert(outbox, relays, delivery::wake, clock.getZone(), clock));
    log.info("[mail] mail.alert queues in {} and {}", Outbox.directoryIn(settings.statedir()),
        dryRunMail == null ? "sends through " + mail.relay() : "writes each mail into " + dryRunMail + " (dry run)");
    return new MailQueue(outbox, delivery);
  }

  /**
   * SIGHUP: reads the config again and, when it is valid, applies it as {@link Engine#reload} says.
   * A bad config changes nothing (each problem is logged with its file and line), nor does one with
   * {@code balance} lines when the daemon started without any (IPVS was never opened: that takes a
   * restart). Changed {@code balance} lines are applied as {@link BalanceRunner#replan} says.
   * Returns whether it reloaded.
   */
  public synchronized boolean reload() {
    MonConfig next;
    try {
      next = reloader.load();
    } catch (ConfigException e) {
      e.problems().forEach(p -> log.error("[daemon] reload: {}", p));
      log.error("[daemon] reload refused: the config has {} error(s); the running config stays", e.problems().size());
      return false;
    }
    BalancePlan nextPlan = BalancePlan.of(next);
    if (!nextPlan.problems().isEmpty()) {
      nextPlan.problems().forEach(p -> log.error("[daemon] reload: {}", p));
      log.error("[daemon] reload refused: the balance lines have {} error(s); the running config stays",
          nextPlan.problems().size());
      return false;
    }
    if (balance == null && !nextPlan.bindings().isEmpty()) {
      log.error("[daemon] reload refused: the new config has balance lines and lvsmon started without any, so it has"
          + " not opened IPVS; restart lvsmon to drive weights (the running config stays)");
      return false;
    }
    String summary = loop.get(() -> engine.reload(next), DaemonServer.ENGINE_WAIT);
    log.info("[daemon] reloaded {}: {}", next.file(), summary);
    java.util.Set<String> hosts = new java.util.HashSet<>();
    next.services().forEach(s -> hosts.addAll(next.hosts(s.group())));
    int closed = builtins.retainHosts(hosts);
    if (closed > 0) {
      log.info("[daemon] closed {} SSH session(s) of hosts no longer in the config", closed);
    }
    if (balance != null) {
      try {
        log.info("[daemon] reloaded the balance lines: {}", balance.replan(nextPlan));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IllegalStateException e) {
        log.error("[daemon] {}", e.getMessage());
      }
    }
    plan = nextPlan;
    if (saver != null) {
      saver.execute(this::saveJournal);
    }
    return true;
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
      if (saver != null) {
        saver.shutdown();
        saver.awaitTermination(5, TimeUnit.SECONDS);
        saveJournal(); // the last word: what the monitors that just ended changed
      }
      alerts.shutdown(MONITOR_GRACE);
      alertRouter.close();
      if (mailDelivery != null) {
        mailDelivery.close(); // what is still queued stays in the outbox for the next start
      }
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
