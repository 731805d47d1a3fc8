package org.lvsmon.monitor.ssh;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.lvsmon.monitor.CheckResult;
import org.lvsmon.monitor.MonReport;
import org.lvsmon.monitor.Monitor;
import org.lvsmon.monitor.MonitorRequest;
import org.lvsmon.monitor.MonitorUsageException;
import org.lvsmon.monitor.ParallelProbes;

/**
 * lvsmon's {@code ssh.monitor}: is sshd really answering on each host? Per host, in parallel: TCP
 * connect, then the {@code SSH-2.0-} banner within its own deadline (a hung sshd accepts TCP but
 * sends nothing, which a plain TCP check reports as up), and with {@code --auth} a public-key login
 * with strict host key checking and {@code true}. Output and exit value follow the mon protocol like
 * {@code tcp.monitor}'s; each failing host's detail line names what failed ({@link SshStatus}). The
 * files (known_hosts, keys) are read again on every run. Flags: {@link SshOptions#USAGE}.
 * Thread-safe; it runs its probes on the given pool.
 */
public final class SshMonitor implements Monitor {
  /** The script name, which usage errors start with. */
  public static final String NAME = "ssh.monitor";

  private final ParallelProbes probes;
  private final SshDefaults defaults;
  private final Clock clock;

  public SshMonitor(ParallelProbes probes, SshDefaults defaults, Clock clock) {
    this.probes = probes;
    this.defaults = defaults;
    this.clock = clock;
  }

  @Override
  public CheckResult run(MonitorRequest request) throws InterruptedException {
    return check(request.arguments(), request.timeout());
  }

  /**
   * Runs the check on mon-style arguments (options, then hosts). {@code cap}, when not null, bounds
   * the whole run (lvsmon's {@code monitor_timeout}).
   */
  public CheckResult check(List<String> arguments, Duration cap) throws InterruptedException {
    Instant started = clock.instant();
    SshOptions options;
    SshLogin login = null;
    try {
      options = SshOptions.parse(arguments, defaults);
      if (options.login() != null && !options.hosts().isEmpty()) {
        if (options.login().identities().isEmpty()) {
          throw new MonitorUsageException("no identity file: none of " + defaults.identities() + " exists; give -i FILE");
        }
        login = SshLogin.load(options.login());
      }
    } catch (MonitorUsageException e) {
      return CheckResult.of(MonitorUsageException.EXIT_VALUE, NAME + ": " + e.getMessage() + "\n", started, clock.instant());
    }
    List<String> hosts = options.hosts();
    List<SshOutcome> outcomes = probes.run(hosts, options.perHostLimit(), new SshProbe(options, login), cap);
    MonReport report = new MonReport();
    for (int i = 0; i < hosts.size(); i++) {
      if (!outcomes.get(i).ok()) {
        report.fail(hosts.get(i), outcomes.get(i).line(hosts.get(i)));
      }
    }
    return CheckResult.of(report.exitValue(), report.output(), started, clock.instant());
  }
}
