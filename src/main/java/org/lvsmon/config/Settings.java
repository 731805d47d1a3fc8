package org.lvsmon.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The settings lvsmon runs with: config globals, overridden by mon's command-line options, over the
 * defaults, with relative paths resolved as mon resolves them (directories against {@code basedir},
 * auth files against {@code cfbasedir}, log files against {@code logdir}). Defaults follow mon's,
 * except where README.md lists a deliberate difference: lvsmon's own directories come first on the
 * search paths and in state, log and pid locations, and the control and trap ports bind to loopback.
 */
public record Settings(
    Path basedir,
    Path cfbasedir,
    List<Path> mondirs,
    List<Path> alertdirs,
    Path statedir,
    Path logdir,
    Path authfile,
    List<String> authtypes,
    Path userfile,
    String pamservice,
    String serverbind,
    int serverport,
    String trapbind,
    int trapport,
    List<String> clientallow,
    Path pidfile,
    int maxprocs,
    int histlength,
    Path historicfile,
    Duration historictime,
    Duration randstart,
    Duration cltimeout,
    Path monerrfile,
    boolean dtlogging,
    Path dtlogfile,
    int depRecurLimit,
    String syslogFacility,
    boolean startupalertsOnReset,
    String monremote,
    TimePeriod excludePeriod) {

  public static final int DEFAULT_PORT = 2583;
  public static final String DEFAULT_BIND = "127.0.0.1";

  /**
   * Resolves the settings of {@code config} under {@code options}. {@code builtinDirs} are lvsmon's
   * own monitor and alert directories (put first on the default search paths); {@code isDirectory}
   * answers for the existence checks mon makes when picking defaults.
   */
  public static Settings resolve(
      MonConfig config, RunOptions options, BuiltinDirs builtinDirs, Predicate<Path> isDirectory) {
    Globals g = config.globals();
    Path basedir = Path.of(first(options.basedir(), g.basedir(), "/usr/lib/mon").replaceFirst("(.)/$", "$1"));
    Path cfbasedir = Path.of(first(g.cfbasedir(), options.cfbasedir(), "/etc/lvsmon"));
    Path statedir = under(basedir, first(options.statedir(), g.statedir(),
        firstDir(isDirectory, "state.d", "/var/lib/lvsmon", "/var/state/mon", "/var/lib/mon")));
    Path logdir = under(basedir, first(options.logdir(), g.logdir(),
        firstDir(isDirectory, "log.d", "/var/log/lvsmon", "/var/log/mon")));
    List<String> authtypes = g.authtype() != null ? g.authtype() : List.of("getpwnam");
    String pid = options.pidfile() != null ? options.pidfile()
        : g.pidfile() != null ? g.pidfile()
        : firstDir(isDirectory, "/etc", "/run/lvsmon", "/run") + "/lvsmon.pid";
    return new Settings(
        basedir,
        cfbasedir,
        searchPath(basedir, options.mondir() != null ? List.of(options.mondir().split(":")) : g.mondir(),
            builtinDirs.monitors(), "/usr/local/lib/mon/mon.d", "mon.d", "/usr/lib/mon/mon.d", "/usr/lib/mon/mon-local.d"),
        searchPath(basedir, options.alertdir() != null ? List.of(options.alertdir().split(":")) : g.alertdir(),
            builtinDirs.alerts(), "/usr/local/lib/mon/alert.d", "alert.d", "/usr/lib/mon/alert.d"),
        statedir,
        logdir,
        under(cfbasedir, first(options.authfile(), g.authfile(), "auth.cf")),
        authtypes,
        under(cfbasedir, first(g.userfile(), null, "monusers.cf")),
        first(g.pamservice(), null, "passwd"),
        first(g.serverbind(), null, DEFAULT_BIND),
        firstInt(options.serverport(), g.serverport(), DEFAULT_PORT),
        first(g.trapbind(), null, DEFAULT_BIND),
        firstInt(options.trapport(), g.trapport(), DEFAULT_PORT),
        g.clientallow() != null ? g.clientallow() : List.of("\\d+\\.\\d+\\.\\d+\\.\\d+"),
        pid.isEmpty() ? null : Path.of(pid),
        firstInt(options.maxprocs(), g.maxprocs(), 0),
        firstInt(options.maxkeep(), g.histlength(), 100),
        g.historicfile() == null || g.historicfile().isEmpty() ? null : under(logdir, g.historicfile()),
        g.historictime() != null ? g.historictime() : Duration.ZERO,
        options.randstart() != null ? options.randstart() : g.randstart() != null ? g.randstart() : Duration.ZERO,
        g.cltimeout() != null ? g.cltimeout() : Duration.ofSeconds(30),
        Path.of(first(g.monerrfile(), null, "/dev/null")),
        Boolean.TRUE.equals(g.dtlogging()),
        under(logdir, first(g.dtlogfile(), null, "downtime.log")),
        firstInt(null, g.depRecurLimit(), 10),
        first(g.syslogFacility(), null, "daemon"),
        Boolean.TRUE.equals(g.startupalertsOnReset()),
        g.monremote(),
        g.excludePeriod());
  }

  /** lvsmon's own monitor and alert directories; null entries are left out. */
  public record BuiltinDirs(Path monitors, Path alerts) {
    public static final BuiltinDirs NONE = new BuiltinDirs(null, null);
  }

  private static String first(String a, String b, String fallback) {
    return a != null ? a : b != null ? b : fallback;
  }

  private static int firstInt(Integer a, Integer b, int fallback) {
    return a != null ? a : b != null ? b : fallback;
  }

  private static String firstDir(Predicate<Path> isDirectory, String fallback, String... candidates) {
    for (String c : candidates) {
      if (isDirectory.test(Path.of(c))) {
        return c;
      }
    }
    return fallback;
  }

  private static Path under(Path base, String p) {
    Path path = Path.of(p);
    return path.isAbsolute() ? path : base.resolve(path);
  }

  private static List<Path> searchPath(Path basedir, List<String> configured, Path builtin, String... monDefaults) {
    List<Path> dirs = new ArrayList<>();
    if (configured != null) {
      for (String d : configured) {
        if (!d.isBlank()) {
          dirs.add(under(basedir, d.strip().replaceFirst("(.)/+$", "$1")));
        }
      }
      return List.copyOf(dirs);
    }
    if (builtin != null) {
      dirs.add(builtin);
    }
    for (String d : monDefaults) {
      dirs.add(under(basedir, d));
    }
    return List.copyOf(dirs.stream().distinct().toList());
  }
}
