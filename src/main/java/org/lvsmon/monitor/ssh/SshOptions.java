package org.lvsmon.monitor.ssh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.lvsmon.monitor.MonitorArgs;
import org.lvsmon.monitor.MonitorUsageException;

/**
 * The arguments of lvsmon's {@code ssh.monitor} (see {@link #USAGE}). {@code login} is null unless
 * {@code --auth} asks to log in; then it holds the user, identities, known_hosts file and alias, with
 * OpenSSH's defaults for what is not given (the default identities that exist: possibly none, which
 * {@link SshMonitor} reports when there is a host to log in to).
 */
public record SshOptions(int port, Duration connectTimeout, Duration bannerTimeout, Duration sshTimeout,
    SshAuth login, List<String> hosts) {
  public static final int DEFAULT_PORT = 22;
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_BANNER_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_SSH_TIMEOUT = Duration.ofSeconds(10);
  /** Time for the polite goodbye after a banner-only probe. */
  static final Duration GOODBYE = Duration.ofMillis(250);

  /** The usage text; also the standalone command's help. */
  public static final String USAGE = "ssh.monitor [-p PORT] [-t SECONDS] [-b SECONDS]\n"
      + "            [--auth [-T SECONDS] [-u USER] [-i IDENTITY]... [-k KNOWN_HOSTS] [--host-key-alias ALIAS]] HOST...\n"
      + "  -p PORT     SSH port (default 22)\n"
      + "  -t SECONDS  deadline for name lookup and TCP connect (default 5; fractions allowed)\n"
      + "  -b SECONDS  deadline for the server's SSH-2.0 banner once connected (default 5)\n"
      + "  --auth, -A  go on: key exchange, strict host key check, public-key login, run `true`\n"
      + "  -T SECONDS  with --auth: deadline for key exchange, login and `true` together (default 10)\n"
      + "  -u USER     with --auth: remote user (default: the local user)\n"
      + "  -i FILE     with --auth: private key, repeatable (default ~/.ssh/id_ed25519 and/or ~/.ssh/id_rsa);\n"
      + "              never prompts: a key with a passphrase is an error\n"
      + "  -k FILE     with --auth: known_hosts file (default ~/.ssh/known_hosts); hashed entries,\n"
      + "              wildcards and @revoked are honoured; keys are never added or replaced\n"
      + "  --host-key-alias ALIAS  with --auth: check every host's key under ALIAS in known_hosts\n"
      + "              (nodes behind one VIP that share a host key), like ssh -o HostKeyAlias=ALIAS\n"
      + "Output (mon protocol): nothing and exit 0 when every host passes; otherwise the failing hosts\n"
      + "sorted on one line, an empty line, then per failing host, in argument order, 'HOST STATUS: text'\n"
      + "where STATUS is one of: unresolved, refused, connect timeout, connect failed, closed, no banner,\n"
      + "bad banner, unknown host key, host key mismatch, host key revoked, authentication failed,\n"
      + "ssh timeout, ssh error, command failed; exit 1. A usage or setup error (unknown option, missing\n"
      + "key or known_hosts file) prints 'ssh.monitor: <message>' and exits 2. Hosts are checked in parallel.";

  private static final Set<String> WITH_VALUE = Set.of("-p", "-t", "-b", "-T", "-u", "-i", "-k", "--host-key-alias");
  private static final Set<String> FLAGS = Set.of("-A", "--auth");
  private static final List<String> LOGIN_ONLY = List.of("-T", "-u", "-i", "-k", "--host-key-alias");

  public SshOptions {
    hosts = List.copyOf(hosts);
  }

  /** Parses the arguments mon passes: options, then hosts; file defaults come from {@code defaults}. */
  public static SshOptions parse(List<String> args, SshDefaults defaults) throws MonitorUsageException {
    MonitorArgs a = MonitorArgs.parse(args, WITH_VALUE, FLAGS);
    int port = a.has("-p") ? MonitorArgs.parsePort("-p", a.value("-p").orElseThrow()) : DEFAULT_PORT;
    Duration connect = seconds(a, "-t", DEFAULT_CONNECT_TIMEOUT);
    Duration banner = seconds(a, "-b", DEFAULT_BANNER_TIMEOUT);
    Duration ssh = seconds(a, "-T", DEFAULT_SSH_TIMEOUT);
    boolean auth = a.has("-A") || a.has("--auth");
    SshAuth login = null;
    if (auth) {
      login = login(a, defaults);
    } else {
      for (String o : LOGIN_ONLY) {
        if (a.has(o)) {
          throw new MonitorUsageException("option " + o + " needs --auth (without it only the banner is checked)");
        }
      }
    }
    return new SshOptions(port, connect, banner, ssh, login, a.operands());
  }

  static SshAuth login(MonitorArgs a, SshDefaults defaults) throws MonitorUsageException {
    String user = a.value("-u").orElse(defaults.user());
    if (user == null || user.isEmpty()) {
      throw new MonitorUsageException("no user to log in as: give -u USER");
    }
    List<Path> ids = new ArrayList<>();
    for (String i : a.values("-i")) {
      ids.add(Path.of(i));
    }
    if (ids.isEmpty()) {
      for (Path p : defaults.identities()) {
        if (Files.exists(p)) {
          ids.add(p);
        }
      }
    }
    Path knownHosts = a.value("-k").map(Path::of).orElse(defaults.knownHosts());
    String alias = a.value("--host-key-alias").orElse(null);
    if (alias != null && alias.isBlank()) {
      throw new MonitorUsageException("--host-key-alias: empty alias");
    }
    return new SshAuth(user, ids, knownHosts, alias);
  }

  static Duration seconds(MonitorArgs a, String option, Duration dflt) throws MonitorUsageException {
    return a.has(option) ? MonitorArgs.parseSeconds(option, a.value(option).orElseThrow()) : dflt;
  }

  /** The longest one host may take: connect, banner, then login or goodbye. */
  public Duration perHostLimit() {
    return connectTimeout.plus(bannerTimeout).plus(login != null ? sshTimeout : GOODBYE);
  }
}
