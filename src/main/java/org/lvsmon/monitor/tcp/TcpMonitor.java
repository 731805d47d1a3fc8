package org.lvsmon.monitor.tcp;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.lvsmon.monitor.CheckResult;
import org.lvsmon.monitor.MonReport;
import org.lvsmon.monitor.Monitor;
import org.lvsmon.monitor.MonitorRequest;
import org.lvsmon.monitor.MonitorUsageException;
import org.lvsmon.monitor.ParallelProbes;
import org.lvsmon.monitor.ProbeContext;

/**
 * lvsmon's {@code tcp.monitor}: the same flags, output and exit value as mon's Perl script (see
 * {@link TcpOptions}), with the hosts checked in parallel instead of one after another, and the
 * name lookup inside the per-host deadline. A connection is opened and closed at once; nothing is
 * sent. Thread-safe; it runs its probes on the given pool.
 */
public final class TcpMonitor implements Monitor {
  /** The script name, which usage errors start with. */
  public static final String NAME = "tcp.monitor";

  private final ParallelProbes probes;
  private final Clock clock;

  public TcpMonitor(ParallelProbes probes, Clock clock) {
    this.probes = probes;
    this.clock = clock;
  }

  @Override
  public CheckResult run(MonitorRequest request) throws InterruptedException {
    return check(request.arguments(), request.timeout());
  }

  /**
   * Runs the check on mon-style arguments (options, then hosts). {@code cap}, when not null, bounds
   * the whole run (lvsmon's {@code monitor_timeout}); hosts not done by then count as timed out.
   */
  public CheckResult check(List<String> arguments, Duration cap) throws InterruptedException {
    Instant started = clock.instant();
    TcpOptions options;
    try {
      options = TcpOptions.parse(arguments);
    } catch (MonitorUsageException e) {
      return CheckResult.of(MonitorUsageException.EXIT_VALUE, NAME + ": " + e.getMessage() + "\n", started, clock.instant());
    }
    List<String> hosts = options.hosts();
    List<String> failures = probes.run(hosts, options.timeout(), new ConnectProbe(options.port()), cap);
    MonReport report = new MonReport();
    for (int i = 0; i < hosts.size(); i++) {
      if (failures.get(i) != null) {
        report.fail(hosts.get(i), hosts.get(i) + " " + failures.get(i));
      }
    }
    return CheckResult.of(report.exitValue(), report.output(), started, clock.instant());
  }

  /** Connects to one host; the result is null on success, else the detail after the host name. */
  private static final class ConnectProbe implements ParallelProbes.Probe<String> {
    private final int port;

    ConnectProbe(int port) {
      this.port = port;
    }

    @Override
    public String check(String host, ProbeContext ctx) {
      ctx.phase("resolve");
      Optional<Inet4Address> address = InetAton.resolve(host);
      if (ctx.expired()) {
        return "timeout";
      }
      if (address.isEmpty()) {
        return "could not inet_aton";
      }
      ctx.phase("connect");
      try (Socket s = new Socket()) {
        ctx.closeOnExpiry(s);
        s.connect(new InetSocketAddress(address.get(), port), ctx.remainingMillis());
        return null;
      } catch (SocketTimeoutException e) {
        return "timeout";
      } catch (IOException e) {
        return ctx.expired() ? "timeout" : "could not connect: " + errnoText(e);
      }
    }

    @Override
    public String unfinished(String host, ProbeContext ctx, Throwable crash) {
      return crash == null || crash instanceof InterruptedException ? "timeout" : "could not connect: " + crash;
    }
  }

  /** The C library's text for the error, which is what the JDK puts in a socket exception's message. */
  static String errnoText(IOException e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
