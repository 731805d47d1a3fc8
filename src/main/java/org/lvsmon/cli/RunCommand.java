package org.lvsmon.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.lvsmon.alert.mail.MailSettings;
import org.lvsmon.balance.BalancePlan;
import org.lvsmon.config.ConfigException;
import org.lvsmon.config.ConfigProblem;
import org.lvsmon.config.EnvironmentCheck;
import org.lvsmon.config.MonConfig;
import org.lvsmon.config.RunOptions;
import org.lvsmon.config.Settings;
import org.lvsmon.config.TimeValue;
import org.lvsmon.daemon.Daemon;
import org.lvsmon.ipvs.IpvsControl;
import org.lvsmon.ipvs.IpvsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lvsmon run}: the daemon. It accepts mon's own command-line options with mon's meanings and
 * precedence (they override the config's globals, except {@code -B}), so a unit that starts {@code
 * /usr/sbin/mon ARGS} can start {@code lvsmon run ARGS}. Like mon's Getopt, an option with an optional
 * value ({@code -l}, {@code -M}) takes the next word as its value unless it is an option.
 */
@Command(
    name = "run",
    description = "Run the monitor daemon in the foreground; takes mon's options.",
    sortOptions = false)
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = {"-c", "--configfile", "-configfile"}, paramLabel = "FILE",
      description = "config file (default: CFBASEDIR/mon.cf)")
  Path configFile;

  @Option(names = {"-B", "--cfbasedir", "-cfbasedir"}, paramLabel = "DIR",
      description = "directory of mon.cf and auth.cf (default /etc/lvsmon; a cfbasedir global wins)")
  String cfbasedir;

  @Option(names = {"-b", "--basedir", "-basedir"}, paramLabel = "DIR", description = "base for relative directories")
  String basedir;

  @Option(names = {"-a", "--alertdir", "-alertdir"}, paramLabel = "DIRS", description = "alert search path")
  String alertdir;

  @Option(names = {"-s", "--scriptdir", "-scriptdir"}, paramLabel = "DIRS", description = "monitor search path")
  String mondir;

  @Option(names = {"-A", "--authfile", "-authfile"}, paramLabel = "FILE", description = "auth.cf")
  String authfile;

  @Option(names = {"-D", "--statedir", "-statedir"}, paramLabel = "DIR", description = "state directory")
  String statedir;

  @Option(names = {"-L", "--logdir", "-logdir"}, paramLabel = "DIR", description = "log directory")
  String logdir;

  @Option(names = {"-P", "--pidfile", "-pidfile"}, paramLabel = "FILE", description = "pid file (empty: none)")
  String pidfile;

  @Option(names = {"-k", "--maxkeep", "-maxkeep"}, paramLabel = "N", description = "alert/failure history length")
  Integer maxkeep;

  @Option(names = {"-m", "--maxprocs", "-maxprocs"}, paramLabel = "N", description = "most monitors running at once")
  Integer maxprocs;

  @Option(names = {"-p", "--port", "-port"}, paramLabel = "PORT", description = "client port (default 2583)")
  Integer port;

  @Option(names = {"-t", "--trapport", "-trapport"}, paramLabel = "PORT", description = "trap port (default 2583)")
  Integer trapport;

  @Option(names = {"-r", "--randstart", "-randstart"}, paramLabel = "TIME", description = "spread first runs over 0..TIME")
  String randstart;

  @Option(names = {"-i", "--sleep", "-sleep"}, paramLabel = "SECS",
      description = "accepted for compatibility: mon's main-loop pause; lvsmon has no polling loop")
  Integer sleep;

  @Option(names = {"-l", "--loadstate", "-loadstate"}, arity = "0..1", fallbackValue = "disabled", paramLabel = "TYPE",
      description = "load saved state at start: disabled (default), opstatus or all")
  String loadstate;

  @Option(names = {"-M", "--m4", "-m4"}, arity = "0..1", fallbackValue = "m4", paramLabel = "M4",
      description = "read the config through m4 (optionally naming the program)")
  String m4;

  @Option(names = {"-O", "--syslogfacility", "-syslogfacility"}, paramLabel = "FACILITY", description = "syslog facility")
  String syslogFacility;

  @Option(names = {"-S", "--stopped", "-stopped"}, description = "start with the scheduler stopped")
  boolean stopped;

  @Option(names = {"-f", "--fork", "-fork"},
      description = "accepted for compatibility: a JVM cannot fork; run under systemd (Type=simple) instead")
  boolean fork;

  @Option(names = {"-d", "--debug", "-debug"}, description = "more logging; repeat for more")
  boolean[] debug = new boolean[0];

  @Option(names = {"-h", "--help", "-help"}, usageHelp = true, description = "show this help")
  boolean help;

  @Option(names = {"-v", "--version", "-version"}, versionHelp = true, description = "print the version")
  boolean version;

  /**
   * SIGHUP ({@code systemctl reload}) reloads the config (the JVM's default for SIGHUP would be to
   * exit, turning a reload into a stop). The reload runs on a thread of its own, never in the signal
   * handler.
   */
  @SuppressWarnings("restriction")
  private static void reloadOnHangup(java.util.concurrent.atomic.AtomicReference<Daemon> running, PrintWriter err) {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("HUP"), sig -> {
        Daemon daemon = running.get();
        if (daemon == null) {
          org.slf4j.LoggerFactory.getLogger(RunCommand.class).warn("[daemon] SIGHUP while starting: nothing to reload yet");
          return;
        }
        Thread t = new Thread(daemon::reload, "lvsmon-reload");
        t.setDaemon(true);
        t.start();
      });
    } catch (IllegalArgumentException e) {
      err.println("lvsmon run: cannot handle SIGHUP here (" + e.getMessage() + "); SIGHUP will stop lvsmon");
    }
  }

  @Option(names = "--ipvs", defaultValue = "auto", paramLabel = "BACKEND",
      description = "how balance services set weights: auto (netlink), netlink, ipvsadm (the program, forked per"
          + " call), or memory (a dry run against an empty table in memory); lvsmon's own option")
  String ipvsBackend;

  @Option(names = "--forget",
      description = "do not restore statedir/lvsmon-state.json (what was disabled, acknowledged or drained, and"
          + " every service's state) and do not keep it: mon's behaviour; lvsmon's own option")
  boolean forget;

  @Option(names = "--mail-settings", paramLabel = "FILE",
      description = "the built-in mail.alert's SMTP settings (default: mon.cf's mailsettings, else"
          + " /etc/lvsmon/mail.conf; missing: localhost:25, no auth); lvsmon's own option")
  Path mailSettings;

  @Option(names = "--ipvs-table", paramLabel = "FILE",
      description = "with --ipvs memory or --dry-run: the table in memory starts as FILE says, in `ipvsadm -Sn`"
          + " format (e.g. saved on the director), instead of empty or the kernel's; lvsmon's own option")
  Path ipvsTable;

  @Option(names = "--dry-run",
      description = "shadow mode, beside a live mon: monitors run, alerts are decided, but IPVS is read from the"
          + " kernel and never written (a table in memory takes the writes), mail is written to DIR/mail instead of"
          + " sent, other alert programs are recorded in DIR/alerts.log instead of run; state, logs and pid file go"
          + " to DIR and the ports default to 2584 (mon has 2583); prints which monitor and alert names are"
          + " built-ins and which scripts; lvsmon's own option")
  boolean dryRun;

  @Option(names = "--dry-run-dir", paramLabel = "DIR",
      description = "--dry-run's directory (default /var/lib/lvsmon/dry-run when /var/lib/lvsmon exists, else"
          + " ./lvsmon-dry-run)")
  Path dryRunDir;

  /** The dry run's ports, beside mon's 2583. */
  static final int DRY_RUN_PORT = 2584;

  @Option(names = "--check", description = "validate the config and the machine, then exit (lvsmon's own option)")
  boolean validateOnly;

  @Parameters(hidden = true, description = "ignored, as mon ignores them")
  List<String> extra = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    if (!extra.isEmpty()) {
      err.println("lvsmon run: ignoring extra arguments " + extra + ", as mon does");
    }
    if (fork) {
      err.println("lvsmon run: -f (fork into the background) is accepted but ignored: a JVM cannot fork;"
          + " lvsmon stays in the foreground (use systemd Type=simple)");
    }
    if (loadstate != null && !List.of("disabled", "opstatus", "all").contains(loadstate)) {
      err.println("lvsmon run: -l " + loadstate + ": unknown state type (expected disabled, opstatus or all)");
      return 2;
    }
    Duration rand = null;
    if (randstart != null) {
      rand = TimeValue.parse(randstart).orElse(null);
      if (rand == null) {
        err.println("lvsmon run: -r " + randstart + ": bad randstart value (expected a time such as 30s)");
        return 2;
      }
    }
    IpvsBackend backend;
    try {
      backend = IpvsBackend.valueOf(ipvsBackend.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      err.println("lvsmon run: --ipvs " + ipvsBackend + ": expected auto, netlink, ipvsadm or memory");
      return 2;
    }
    if (basedir != null && !Files.isDirectory(Path.of(basedir))) {
      err.println("lvsmon run: basedir " + basedir + " does not exist");
      return 1;
    }
    Path dry = null;
    if (dryRun) {
      dry = dryRunDir != null ? dryRunDir
          : Files.isDirectory(Path.of("/var/lib/lvsmon")) ? Path.of("/var/lib/lvsmon/dry-run") : Path.of("lvsmon-dry-run");
      try {
        Files.createDirectories(dry.resolve("state"));
        Files.createDirectories(dry.resolve("log"));
      } catch (java.io.IOException e) {
        err.println("lvsmon run: --dry-run: cannot create " + dry + ": " + e);
        return 1;
      }
    }
    RunOptions options = dry == null
        ? new RunOptions(alertdir, basedir, cfbasedir, authfile, logdir, statedir, mondir, pidfile, maxkeep, maxprocs,
            port, trapport, rand)
        : new RunOptions(alertdir, basedir, cfbasedir, authfile,
            logdir != null ? logdir : dry.resolve("log").toString(),
            statedir != null ? statedir : dry.resolve("state").toString(), mondir,
            pidfile != null ? pidfile : dry.resolve("lvsmon.pid").toString(), maxkeep, maxprocs,
            port != null ? port : DRY_RUN_PORT, trapport != null ? trapport : DRY_RUN_PORT, rand);
    Path file = configFile != null ? configFile : Path.of(cfbasedir != null ? cfbasedir : "/etc/lvsmon", "mon.cf");
    MonConfig config;
    try {
      config = Commands.parse(file, m4);
    } catch (ConfigException e) {
      e.problems().forEach(err::println);
      err.flush();
      return 1;
    }
    config.problems().forEach(err::println);
    Settings settings = Settings.resolve(config, options, Installation.builtinDirs(), Files::isDirectory);
    List<ConfigProblem> environment = EnvironmentCheck.check(config, settings);
    environment.forEach(err::println);
    out.println(CheckConfigCommand.summary(config, environment));
    out.flush();
    err.flush();
    if (validateOnly) {
      return 0;
    }
    BalancePlan plan = BalancePlan.of(config);
    IpvsControl ipvs = null;
    if (ipvsTable != null) {
      if (dry == null && backend != IpvsBackend.MEMORY) {
        err.println("lvsmon run: --ipvs-table seeds the table in memory: it needs --ipvs memory or --dry-run");
        return 2;
      }
      try {
        ipvs = seededFrom(ipvsTable);
      } catch (java.io.IOException | IllegalArgumentException | IpvsException e) {
        err.println("lvsmon run: --ipvs-table " + ipvsTable + ": " + e.getMessage());
        err.flush();
        return 1;
      }
    }
    if (dry != null) {
      List<String> report = NameReport.lines(config, settings);
      out.println("lvsmon run --dry-run: state, logs, mail and alert calls go to " + dry.toAbsolutePath()
          + "; the control port is " + settings.serverbind() + ":" + settings.serverport());
      report.forEach(l -> out.println("  " + l));
      out.flush();
      try {
        Files.write(dry.resolve("report.txt"), report);
      } catch (java.io.IOException e) {
        err.println("lvsmon run: --dry-run: cannot write " + dry.resolve("report.txt") + ": " + e);
      }
      try {
        java.util.List<String> notes = new ArrayList<>();
        IpvsControl seeded = ipvs != null ? ipvs : org.lvsmon.ipvs.memory.MemoryIpvs.seeded(backend.readTable(notes));
        notes.forEach(n -> err.println("lvsmon run: --dry-run: " + n));
        out.println("  IPVS: " + seeded.services().size() + " virtual services read from "
            + (ipvsTable != null ? ipvsTable : "the kernel") + " into memory; the kernel is never written");
        ipvs = seeded;
      } catch (IpvsException e) {
        if (!plan.bindings().isEmpty()) {
          err.println("lvsmon run: --dry-run: " + plan.bindings().size() + " balance services need the kernel's IPVS"
              + " table to start from: " + e.getMessage());
          err.flush();
          return 1;
        }
        err.println("lvsmon run: --dry-run: the kernel's IPVS table cannot be read (" + e.getMessage() + "); an empty"
            + " table in memory stands in");
        ipvs = new org.lvsmon.ipvs.memory.MemoryIpvs();
      }
      out.flush();
      err.flush();
    } else if (ipvs == null && !plan.bindings().isEmpty()) {
      try {
        ipvs = backend.open();
      } catch (IpvsException e) {
        err.println("lvsmon run: " + plan.bindings().size() + " balance services need the kernel's IPVS table: "
            + e.getMessage());
        err.flush();
        return 1;
      }
    }
    try {
      Daemon.Startup startup = new Daemon.Startup(stopped, () -> Commands.parse(file, m4), loadstate, true, !forget,
          MailSettings.choose(mailSettings, config, settings.cfbasedir()), dry);
      IpvsControl fixed = ipvs;
      IpvsControl.Opener opener = dry == null && ipvsTable == null ? backend::open : () -> fixed;
      return runDaemon(config, settings, plan, ipvs, opener, startup, err);
    } finally {
      if (ipvs != null) {
        ipvs.close();
      }
    }
  }

  /** A table in memory holding what an {@code ipvsadm -Sn} file says. */
  private static IpvsControl seededFrom(Path file) throws java.io.IOException, IpvsException {
    java.util.List<org.lvsmon.ipvs.IpvsTable.Entry> entries = new ArrayList<>();
    org.lvsmon.ipvs.ipvsadm.IpvsadmText.save(Files.readString(file))
        .forEach((v, reals) -> entries.add(new org.lvsmon.ipvs.IpvsTable.Entry(v, reals)));
    return org.lvsmon.ipvs.memory.MemoryIpvs.seeded(new org.lvsmon.ipvs.IpvsTable(file.toString(), entries,
        java.util.List.of()));
  }

  private int runDaemon(MonConfig config, Settings settings, BalancePlan plan, IpvsControl ipvs,
      IpvsControl.Opener opener, Daemon.Startup startup, PrintWriter err) {
    // installed first: a SIGHUP while starting must not stop the JVM (its default for SIGHUP)
    java.util.concurrent.atomic.AtomicReference<Daemon> running = new java.util.concurrent.atomic.AtomicReference<>();
    reloadOnHangup(running, err);
    Daemon daemon;
    try {
      daemon = Daemon.start(config, settings, Clock.systemDefaultZone(), plan, ipvs, opener, startup);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } catch (RuntimeException e) {
      err.println("lvsmon run: cannot start: " + e.getMessage());
      err.flush();
      return 1;
    }
    // SIGTERM and SIGINT run the shutdown hooks: stop scheduling, stop monitors, remove the pid file
    Thread hook = new Thread(daemon::close, "lvsmon-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    running.set(daemon);
    try {
      daemon.awaitClose();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      daemon.close();
    }
    return 0;
  }
}
