package org.lvsmon.monitor.ssh;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A cluster of real OpenSSH login nodes, one network namespace each, made and driven by
 * {@code test-fixtures/netns/cluster.sh}: node {@code i} (1-based) is {@code BASE.i:22} on a bridge
 * only this cluster uses, and accepts {@link #clientKey()} for root. {@link #up} fails, never skips,
 * when not root or a Debian package is missing; {@link #close()} ends every process and removes every
 * namespace, link and route the cluster made. Not thread-safe: one test class drives one cluster.
 */
final class NetnsCluster implements AutoCloseable {
  static final String PREREQUISITES = "the SSH system tests need root and the Debian packages iproute2,"
      + " openssh-server and openssh-client (test-fixtures/install-prereqs.sh installs them)";
  private static final String SCRIPT = "test-fixtures/netns/cluster.sh";
  /** cluster.sh's exit status when a base or a link name is taken: the next base is tried. */
  private static final int EXIT_IN_USE = 3;
  private static final int BASE_ATTEMPTS = 30;
  private static final Duration UP_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

  private final Path script;
  private final Path dir;
  private final String base;
  private final int nodes;
  private final Thread downOnExit;
  private boolean closed;

  private NetnsCluster(Path script, Path dir, String base, int nodes) {
    this.script = script;
    this.dir = dir;
    this.base = base;
    this.nodes = nodes;
    this.downOnExit = new Thread(this::downQuietly, "netns-cluster-down " + base);
  }

  /** Starts {@code nodes} nodes, each with a host key of its own. */
  static NetnsCluster up(int nodes) {
    return up(nodes, false);
  }

  /**
   * Starts {@code nodes} nodes (1..250) in a fresh state directory on the first free subnet
   * {@code 10.250.X.0/24}, starting from an X drawn from this JVM's pid so that parallel runs seldom
   * meet; {@code sharedHostKey} gives all of them one host key, as behind a VIP.
   */
  static NetnsCluster up(int nodes, boolean sharedHostKey) {
    Path script = Path.of(System.getProperty("lvsmon.home", ".")).toAbsolutePath().resolve(SCRIPT).normalize();
    checkPrerequisites(script);
    int first = 1 + (int) (ProcessHandle.current().pid() % 200);
    String out = "";
    for (int attempt = 0; attempt < BASE_ATTEMPTS; attempt++) {
      String base = "10.250." + (1 + (first - 1 + attempt * 7) % 250);
      Path dir = tempDir();
      NetnsCluster cluster = new NetnsCluster(script, dir, base, nodes);
      List<String> args = new ArrayList<>(List.of("up", Integer.toString(nodes), "--base", base));
      if (sharedHostKey) {
        args.add("--shared-hostkey");
      }
      Runtime.getRuntime().addShutdownHook(cluster.downOnExit);
      Ran ran;
      try {
        ran = cluster.run(args, UP_TIMEOUT);
      } catch (RuntimeException | Error e) {
        cluster.downQuietly();
        cluster.forgetShutdownHook();
        throw e;
      }
      if (ran.exit() == 0) {
        return cluster;
      }
      cluster.downQuietly(); // a failed up cleans up after itself; this covers a killed one
      cluster.forgetShutdownHook();
      if (ran.exit() != EXIT_IN_USE) {
        fail("cluster.sh up " + nodes + " --base " + base + " failed with exit status " + ran.exit() + ":\n"
            + ran.output());
      }
      out = ran.output();
    }
    return fail("cluster.sh up: no free subnet among " + BASE_ATTEMPTS + " tried in 10.250.0.0/16; last:\n" + out);
  }

  /** Fails naming every missing prerequisite, so that one run shows all that is to install. */
  private static void checkPrerequisites(Path script) {
    List<String> missing = new ArrayList<>();
    try {
      Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      if (!Integer.valueOf(0).equals(uid)) {
        missing.add("not root (uid " + uid + ")");
      }
    } catch (IOException | UnsupportedOperationException e) {
      missing.add("cannot tell whether root (" + e + ")");
    }
    String[][] tools = {{"ip", "iproute2"}, {"sshd", "openssh-server"}, {"ssh", "openssh-client"},
        {"ssh-keygen", "openssh-client"}, {"unshare", "util-linux"}, {"nsenter", "util-linux"}};
    for (String[] tool : tools) {
      if (findExecutable(tool[0]) == null) {
        missing.add("no " + tool[0] + " (Debian package " + tool[1] + ")");
      }
    }
    if (!Files.isExecutable(script)) {
      missing.add("no harness " + script + " (is lvsmon.home the project directory?)");
    }
    if (!missing.isEmpty()) {
      fail("cannot start the netns cluster: " + String.join(", ", missing) + "; " + PREREQUISITES);
    }
  }

  private static Path findExecutable(String name) {
    List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
    dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
    return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, name)).filter(Files::isExecutable)
        .findFirst().orElse(null);
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("lvsmon-netns-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a state directory for cluster.sh", e);
    }
  }

  /** How many nodes; they are numbered 1..nodes(). */
  int nodes() {
    return nodes;
  }

  /** The subnet's first three octets, e.g. {@code 10.250.37}. */
  String base() {
    return base;
  }

  /** The cluster's state directory (cluster.sh's --dir). */
  Path dir() {
    return dir;
  }

  /** Node {@code i}'s address, as text. */
  String host(int i) {
    checkNode(i);
    return base + "." + i;
  }

  InetAddress address(int i) {
    try {
      return InetAddress.getByName(host(i));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("not an address: " + host(i), e);
    }
  }

  /** Node {@code i}'s sshd endpoint (port 22). */
  InetSocketAddress sshAddress(int i) {
    return new InetSocketAddress(address(i), 22);
  }

  /** The private key every node accepts for root (ed25519, no passphrase). */
  Path clientKey() {
    return dir.resolve("client_key");
  }

  /** One {@code ADDRESS ssh-ed25519 KEY} line per node, as at the start. */
  Path knownHosts() {
    return dir.resolve("known_hosts");
  }

  /** {@link #knownHosts()} with hashed host names ({@code |1|salt|hash}). */
  Path hashedKnownHosts() {
    return dir.resolve("known_hosts.hashed");
  }

  /** With a shared host key: one line {@code login-vip ssh-ed25519 KEY}, for {@code HostKeyAlias login-vip}. */
  Path aliasKnownHosts() {
    return dir.resolve("known_hosts.alias");
  }

  /** An OpenSSH client config with hosts {@code node1..nodeN}: key, known_hosts, BatchMode, strict checking. */
  Path sshConfig() {
    return dir.resolve("ssh_config");
  }

  /** Node {@code i}'s /proc/loadavg as its sessions see it; change it with {@link #load}. */
  Path loadavgFile(int i) {
    checkNode(i);
    return dir.resolve("node" + i).resolve("loadavg");
  }

  /** The network namespace of node {@code i} (cluster.sh names it after the subnet: lvsmon-HEX-i). */
  String namespace(int i) {
    checkNode(i);
    return "lvsmon-" + hex() + "-" + i;
  }

  /** Every network link cluster.sh made on the host: the bridge, then node i's veth for each i. */
  List<String> hostLinks() {
    List<String> links = new ArrayList<>(List.of("lvb" + hex()));
    for (int i = 1; i <= nodes; i++) {
      links.add("lvh" + hex() + "-" + i);
    }
    return links;
  }

  private String hex() {
    StringBuilder b = new StringBuilder();
    for (String octet : base.split("\\.")) {
      b.append(String.format(Locale.ROOT, "%02x", Integer.parseInt(octet)));
    }
    return b.toString();
  }

  /** Ends node {@code i}'s sshd and its sessions: connects are refused, open sessions see EOF. */
  void kill(int i) {
    node("kill", i);
  }

  /** Ends node {@code i}'s listening sshd only; open sessions go on. */
  void killListener(int i) {
    node("kill", i, "--listener");
  }

  /** Starts node {@code i}'s sshd again (with its current host key). */
  void start(int i) {
    node("start", i);
  }

  /** SIGSTOPs node {@code i}'s sshd and sessions: TCP connects, but no banner and no answers. */
  void freeze(int i) {
    node("freeze", i);
  }

  void thaw(int i) {
    node("thaw", i);
  }

  /** Takes node {@code i}'s link down with its MAC still known: packets vanish, connects time out. */
  void linkDown(int i) {
    node("linkdown", i);
  }

  /** Takes node {@code i}'s link down and forgets its MAC: connects fail after ~3 s, "No route to host". */
  void linkDownUnreachable(int i) {
    node("linkdown", i, "--unreach");
  }

  void linkUp(int i) {
    node("linkup", i);
  }

  /** Sets node {@code i}'s load average, {@code "L1 L5 L15"}, in place: the next read sees it. */
  void load(int i, String averages) {
    node("load", i, averages);
  }

  /** Gives node {@code i} a new host key and restarts its listener; {@link #knownHosts()} keeps the old one. */
  void changeHostKey(int i) {
    node("hostkey", i);
  }

  /** cluster.sh's status table. */
  String status() {
    return command("status").output();
  }

  /** The pids of every live process the cluster started (per node: unshare, reaper, sshd, sessions). */
  List<Long> processIds() {
    List<Long> pids = new ArrayList<>();
    for (String line : command("pids").output().split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 3 && f[0].startsWith("node")) {
        pids.add(Long.parseLong(f[2]));
      }
    }
    return pids;
  }

  /** Runs the OpenSSH client on node {@code i} with the cluster's config, and {@code remote} as the command. */
  Ran ssh(int i, Duration timeout, String... remote) {
    checkNode(i);
    List<String> argv = new ArrayList<>(List.of("ssh", "-F", sshConfig().toString(), "node" + i));
    argv.addAll(List.of(remote));
    return Ran.run(argv, timeout);
  }

  private void node(String verb, int i, String... more) {
    checkNode(i);
    List<String> args = new ArrayList<>(List.of(verb, Integer.toString(i)));
    args.addAll(List.of(more));
    command(args.toArray(String[]::new));
  }

  private Ran command(String... args) {
    if (closed) {
      throw new IllegalStateException("cluster " + base + " is down; cannot run " + String.join(" ", args));
    }
    Ran ran = run(List.of(args), COMMAND_TIMEOUT);
    if (ran.exit() != 0) {
      fail("cluster.sh " + String.join(" ", args) + " (cluster " + base + ") failed with exit status "
          + ran.exit() + ":\n" + ran.output());
    }
    return ran;
  }

  private Ran run(List<String> args, Duration timeout) {
    List<String> argv = new ArrayList<>(List.of(script.toString(), "--dir", dir.toString()));
    argv.addAll(args);
    return Ran.run(argv, timeout);
  }

  private void checkNode(int i) {
    if (i < 1 || i > nodes) {
      throw new IllegalArgumentException("node " + i + " is not in 1.." + nodes);
    }
  }

  /** Takes the cluster down: every process it started ends, its namespaces, links, route and files go. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    Ran ran = down();
    forgetShutdownHook();
    if (ran.exit() != 0) {
      fail("cluster.sh down (cluster " + base + ", " + dir + ") failed with exit status " + ran.exit() + ":\n"
          + ran.output());
    }
  }

  private void forgetShutdownHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(downOnExit);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to: nothing left to undo
    }
  }

  private Ran down() {
    closed = true;
    Ran ran = run(List.of("down"), UP_TIMEOUT);
    try {
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // left for the temp cleaner: down succeeded or reported why not
    }
    return ran;
  }

  private void downQuietly() {
    if (!closed) {
      try {
        down();
      } catch (RuntimeException e) {
        System.err.println("[netns-cluster " + base + "] down failed: " + e);
      }
    }
  }

  /** A finished command: its exit status (-1 when it was killed at its timeout) and its output. */
  record Ran(int exit, String stdout, String stderr) {
    String output() {
      return stdout + stderr;
    }

    /** Runs {@code argv} with no input, killing it (and what it started) after {@code timeout}. */
    static Ran run(List<String> argv, Duration timeout) {
      Path out = null;
      Path err = null;
      try {
        // files, not pipes: a process left running by the command must not hold our read open
        out = Files.createTempFile("lvsmon-netns-out-", ".txt");
        err = Files.createTempFile("lvsmon-netns-err-", ".txt");
        Process p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly().waitFor();
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        return new Ran(done ? p.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8),
            done ? stderr : stderr + "\n(killed after " + timeout + ": " + String.join(" ", argv) + ")");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot run " + String.join(" ", argv), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted running " + String.join(" ", argv), e);
      } finally {
        for (Path f : new Path[] {out, err}) {
          if (f != null) {
            try {
              Files.deleteIfExists(f);
            } catch (IOException e) {
              // a leftover temp file is harmless
            }
          }
        }
      }
    }
  }
}
