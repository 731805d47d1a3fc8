package org.lvsmon.monitor.ssh;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.lvsmon.monitor.MonitorArgs;
import org.lvsmon.monitor.MonitorUsageException;

/**
 * The arguments of lvsmon's {@code ssh-load.monitor} (see {@link #USAGE}). {@code threshold} is the
 * 1-minute load per CPU above which a host fails, or NaN for none; {@code streamCommand} and {@code
 * execCommand}: exactly one is set, the long-lived command (default) or the command run once per
 * sample ({@code --exec}).
 */
public record SshLoadOptions(int port, Duration connectTimeout, Duration bannerTimeout, Duration sshTimeout,
    Duration sampleTimeout, double threshold, String streamCommand, String execCommand, Duration maxBackoff,
    SshAuth login, List<String> hosts) {
  public static final Duration DEFAULT_SAMPLE_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(60);
  /** The command {@code --exec} runs when given as {@code --exec default}: builtins only, one line. */
  public static final String DEFAULT_EXEC_COMMAND =
      "read -r l </proc/loadavg && read -r c </sys/devices/system/cpu/online && echo \"$l $c\"";

  public static final String USAGE = "ssh-load.monitor [-p PORT] [-t S] [-b S] [-T S] [-e S] [-L LOAD] [-c COMMAND | --exec COMMAND]\n"
      + "            [--max-backoff S] [-u USER] [-i IDENTITY]... [-k KNOWN_HOSTS] [--host-key-alias ALIAS] HOST...\n"
      + "  Samples each host's load over one persistent SSH session per host (kept between runs when\n"
      + "  the daemon runs it in-process; a standalone run opens and closes them).\n"
      + "  -p PORT     SSH port (default 22)\n"
      + "  -t S        deadline for name lookup and TCP connect (default 5; fractions allowed)\n"
      + "  -b S        deadline for the SSH-2.0 banner once connected (default 5)\n"
      + "  -T S        deadline for key exchange, login and starting the command (default 10)\n"
      + "  -e S        deadline for one load sample on an open session (default 2). A host that misses\n"
      + "              it gets a fresh banner probe (-t, -b): banner in time = 'overloaded' (slow, not\n"
      + "              dead; it fails only with -L), no banner = down, and its session is closed\n"
      + "  -L LOAD     fail hosts whose 1-minute load per CPU is above LOAD (default: only unreachable\n"
      + "              hosts fail)\n"
      + "  -c COMMAND  the long-lived remote command; it reads a number per line on stdin and answers each\n"
      + "              with 'lvsmon-load N L1 L5 L15 [R/T PID] CPUS' (CPUS a count or a list like 0-7).\n"
      + "              The default uses shell builtins only and exits when its stdin or stdout closes\n"
      + "  --exec COMMAND  instead, run COMMAND once per sample on the session; its first line is\n"
      + "              'L1 L5 L15 [R/T PID] CPUS'. Each sample forks the user's shell on the node;\n"
      + "              '--exec default' reads /proc/loadavg and the online CPUs with builtins\n"
      + "  --max-backoff S  longest wait between reconnect attempts to a failing host (default 60)\n"
      + "  -u USER     remote user (default: the local user)\n"
      + "  -i FILE     private key, repeatable (default ~/.ssh/id_ed25519 and/or ~/.ssh/id_rsa); never prompts\n"
      + "  -k FILE     known_hosts file (default ~/.ssh/known_hosts); checked strictly, never changed\n"
      + "  --host-key-alias ALIAS  check every host's key under ALIAS (nodes sharing one host key)\n"
      + "Output (mon protocol): the failing hosts sorted on one line, an empty line, then one line per\n"
      + "host in argument order: 'HOST load L1 L5 L15 cpus N (X per cpu)' for a sampled host, else\n"
      + "'HOST STATUS: text' with STATUS as ssh.monitor's or overloaded, high load, bad output. Exit 1\n"
      + "when a host fails, else 0 (then the summary line is empty). Usage or setup errors print\n"
      + "'ssh-load.monitor: <message>' and exit 2.";

  private static final Set<String> WITH_VALUE = Set.of("-p", "-t", "-b", "-T", "-e", "-L", "-c", "--exec",
      "--max-backoff", "-u", "-i", "-k", "--host-key-alias");

  public SshLoadOptions {
    hosts = List.copyOf(hosts);
  }

  public static SshLoadOptions parse(List<String> args, SshDefaults defaults) throws MonitorUsageException {
    MonitorArgs a = MonitorArgs.parse(args, WITH_VALUE, Set.of());
    int port = a.has("-p") ? MonitorArgs.parsePort("-p", a.value("-p").orElseThrow()) : SshOptions.DEFAULT_PORT;
    Duration connect = SshOptions.seconds(a, "-t", SshOptions.DEFAULT_CONNECT_TIMEOUT);
    Duration banner = SshOptions.seconds(a, "-b", SshOptions.DEFAULT_BANNER_TIMEOUT);
    Duration ssh = SshOptions.seconds(a, "-T", SshOptions.DEFAULT_SSH_TIMEOUT);
    Duration sample = SshOptions.seconds(a, "-e", DEFAULT_SAMPLE_TIMEOUT);
    Duration backoff = SshOptions.seconds(a, "--max-backoff", DEFAULT_MAX_BACKOFF);
    double threshold = Double.NaN;
    if (a.has("-L")) {
      String v = a.value("-L").orElseThrow();
      try {
        threshold = Double.parseDouble(v);
      } catch (NumberFormatException e) {
        threshold = -1;
      }
      if (!(threshold > 0 && threshold < 1e6) || !v.matches("[0-9]*\\.?[0-9]+")) {
        throw new MonitorUsageException("-L " + v + ": expected a load per CPU above 0, like 1.5");
      }
    }
    if (a.has("-c") && a.has("--exec")) {
      throw new MonitorUsageException("-c and --exec exclude each other: stream from one command, or run one per sample");
    }
    String stream = a.has("--exec") ? null : a.value("-c").orElse(LoadStream.DEFAULT_COMMAND);
    String exec = a.value("--exec").map(c -> c.equals("default") ? DEFAULT_EXEC_COMMAND : c).orElse(null);
    for (String c : new String[] {stream, exec}) {
      if (c != null && c.isBlank()) {
        throw new MonitorUsageException("empty remote command");
      }
    }
    return new SshLoadOptions(port, connect, banner, ssh, sample, threshold, stream, exec, backoff,
        SshOptions.login(a, defaults), a.operands());
  }

  /** Whether a threshold was given. */
  public boolean hasThreshold() {
    return !Double.isNaN(threshold);
  }

  /** What one set of persistent sessions is kept under: what the sessions are, not how they are judged. */
  public record SessionKey(int port, SshAuth login, String streamCommand, String execCommand) {}

  public SessionKey sessionKey() {
    return new SessionKey(port, login, streamCommand, execCommand);
  }

  /** The longest one host may take in a run: a reconnect and its first sample, or a sample and a banner probe. */
  public Duration perHostLimit() {
    Duration dial = connectTimeout.plus(bannerTimeout);
    Duration reconnect = dial.plus(sshTimeout).plus(sampleTimeout);
    Duration probe = sampleTimeout.plus(dial).plus(SshOptions.GOODBYE);
    return (reconnect.compareTo(probe) > 0 ? reconnect : probe).plus(probe);
  }
}
