package org.lvsmon.monitor.tcp;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.lvsmon.monitor.MonitorArgs;
import org.lvsmon.monitor.MonitorUsageException;

/**
 * The arguments of {@code tcp.monitor}, as mon's Perl script takes them: {@code -p PORT} (default
 * 23), {@code -t TIMEOUT} in seconds (default 10), then the hosts. As in the script, {@code -p 0}
 * and {@code -t 0} mean the defaults. lvsmon also takes a fraction of a second ({@code -t 2.5}; the
 * script truncates to whole seconds, and {@code -t 0.5} there means no timeout at all) and rejects
 * what the script would misread: a port that is not a number 1-65535, a negative or non-numeric
 * timeout, an unknown option.
 */
public record TcpOptions(int port, Duration timeout, List<String> hosts) {
  public static final int DEFAULT_PORT = 23;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** The usage text; also the standalone command's help. */
  public static final String USAGE = "tcp.monitor [-p PORT] [-t SECONDS] HOST...\n"
      + "  -p PORT     TCP port to connect to (default 23; 0 means the default, as in mon)\n"
      + "  -t SECONDS  per-host deadline for name lookup and connect, fractions allowed (default 10)\n"
      + "Output (mon protocol): nothing and exit 0 when every host accepts a connection; otherwise the\n"
      + "failing hosts sorted on one line, an empty line, then per failing host, in argument order,\n"
      + "'HOST could not connect: <error>', 'HOST timeout' or 'HOST could not inet_aton'; exit 1.\n"
      + "A usage error prints 'tcp.monitor: <message>' and exits 2. Hosts are checked in parallel.";

  public TcpOptions {
    hosts = List.copyOf(hosts);
  }

  /** Parses the arguments mon passes: options, then hosts. */
  public static TcpOptions parse(List<String> args) throws MonitorUsageException {
    MonitorArgs a = MonitorArgs.parse(args, Set.of("-p", "-t"), Set.of());
    int port = DEFAULT_PORT;
    String p = a.value("-p").orElse("");
    if (!p.isEmpty() && !p.equals("0")) {
      port = MonitorArgs.parsePort("-p", p);
    }
    Duration timeout = DEFAULT_TIMEOUT;
    String t = a.value("-t").orElse("");
    if (!t.isEmpty() && !t.equals("0")) {
      timeout = MonitorArgs.parseSeconds("-t", t);
    }
    return new TcpOptions(port, timeout, a.operands());
  }
}
