package org.lvsmon.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.lvsmon.monitor.CheckResult;
import org.lvsmon.monitor.ParallelProbes;
import org.lvsmon.monitor.ssh.SshDefaults;
import org.lvsmon.monitor.ssh.SshLoadMonitor;
import org.lvsmon.monitor.ssh.SshLoadOptions;
import org.lvsmon.monitor.ssh.SshMonitor;
import org.lvsmon.monitor.ssh.SshOptions;
import org.lvsmon.monitor.tcp.TcpMonitor;
import org.lvsmon.monitor.tcp.TcpOptions;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code lvsmon monitor tcp|ssh|ssh-load ARGS HOSTS...}: runs one of lvsmon's built-in monitors once, as
 * mon would run its script, printing the mon-protocol output on stdout and exiting with the
 * monitor's exit value (0 all up, 1 some failed, 2 usage error). The scripts in {@code monitors/}
 * exec these. The arguments are the monitor's own, parsed by the same code the daemon runs in
 * process, so they are passed through untouched (picocli only looks for {@code --help}).
 */
@Command(
    name = "monitor",
    description = "Run a built-in monitor once (mon protocol): tcp, ssh, ssh-load.",
    subcommands = {MonitorCommand.Tcp.class, MonitorCommand.Ssh.class, MonitorCommand.SshLoad.class})
final class MonitorCommand extends CommandGroup {
  @Command(name = "tcp", usageHelpWidth = 120, description = {"mon's tcp.monitor: TCP connect to each host, in parallel.", "",
      TcpOptions.USAGE})
  static final class Tcp implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--help", usageHelp = true, description = "show this help")
    boolean help;

    @Unmatched List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
      try (Quiet q = quiet(); ParallelProbes probes = new ParallelProbes("tcp", ParallelProbes.DEFAULT_THREADS)) {
        return print(spec, new TcpMonitor(probes, Clock.systemUTC()).check(args, null));
      }
    }
  }

  @Command(name = "ssh", usageHelpWidth = 120, description = {"ssh.monitor: SSH banner (and with --auth a key login) on each host, in parallel.", "",
      SshOptions.USAGE})
  static final class Ssh implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--help", usageHelp = true, description = "show this help")
    boolean help;

    @Unmatched List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
      try (Quiet q = quiet(); ParallelProbes probes = new ParallelProbes("ssh", ParallelProbes.DEFAULT_THREADS)) {
        return print(spec, new SshMonitor(probes, SshDefaults.fromSystem(), Clock.systemUTC()).check(args, null));
      }
    }
  }

  @Command(name = "ssh-load", usageHelpWidth = 120, description = {"ssh-load.monitor: each host's load over an SSH"
      + " session (opened and closed by this one run; the daemon keeps them).", "", SshLoadOptions.USAGE})
  static final class SshLoad implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--help", usageHelp = true, description = "show this help")
    boolean help;

    @Unmatched List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
      try (Quiet q = quiet(); ParallelProbes probes = new ParallelProbes("ssh-load", ParallelProbes.DEFAULT_THREADS);
          SshLoadMonitor monitor = new SshLoadMonitor(probes, SshDefaults.fromSystem(), Clock.systemUTC())) {
        return print(spec, monitor.check(args, null));
      }
    }
  }

  /**
   * Silences logging: mon merges a monitor's stderr into its output, whose first line is the
   * summary, so a log line there would be taken for the failing hosts. What matters is in the output.
   */
  private static Quiet quiet() {
    ch.qos.logback.classic.Logger root =
        (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.classic.Level before = root.getLevel();
    root.setLevel(ch.qos.logback.classic.Level.OFF);
    return () -> root.setLevel(before); // the run is over (matters when called in-process, as tests do)
  }

  /** Restores logging. */
  private interface Quiet extends AutoCloseable {
    @Override
    void close();
  }

  private static int print(CommandSpec spec, CheckResult result) {
    PrintWriter out = spec.commandLine().getOut();
    out.print(result.output());
    out.flush();
    return result.exitValue();
  }
}
