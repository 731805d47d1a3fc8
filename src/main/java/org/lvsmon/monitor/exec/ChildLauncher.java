package org.lvsmon.monitor.exec;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts monitor and alert programs the way both need: no shell; posix_spawn (see {@link
 * PosixSpawn}), so the child leads a new session and process group (pid = pgid, and the whole
 * group can be signalled), starts with default signal handling and inherits no descriptor but its
 * stdin, stdout and stderr; it inherits none of the daemon's capabilities (see {@link
 * ChildPrivileges}); stdout and stderr share one pipe, as in mon; stdin is {@code /dev/null}
 * or a pipe fed with given text. One reactor thread ({@code lvsmon-children}) reads every child's
 * output, writes its stdin and reaps it; there is no thread per child. Thread-safe.
 */
public final class ChildLauncher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChildLauncher.class);
  private static final List<Path> TOOL_DIRS = List.of(Path.of("/usr/bin"), Path.of("/bin"));

  /** Linux's limit on one environment string, {@code NAME=value} and its NUL (MAX_ARG_STRLEN). */
  static final int MAX_ENV_STRING = 128 * 1024;

  private final List<String> prefix;
  private final boolean clearsThreadSets;
  private final Map<String, byte[]> daemonEnv = new LinkedHashMap<>();
  private final PosixSpawn spawn;
  private final ChildReactor reactor;
  private final ProcessGroups groups;

  /**
   * @param daemonEnv the environment every child starts from, before its spec's variables
   */
  ChildLauncher(ChildPrivileges privileges, Map<String, String> daemonEnv, PosixSpawn spawn, ChildReactor reactor,
      ProcessGroups groups) {
    this.prefix = privileges.prefix();
    this.clearsThreadSets = privileges.clearsThreadSets();
    daemonEnv.forEach((k, v) -> this.daemonEnv.put(k, (k + "=" + v).getBytes(StandardCharsets.UTF_8)));
    this.spawn = spawn;
    this.reactor = reactor;
    this.groups = groups;
  }

  /**
   * A launcher for this process, with its reactor thread started: decides the capability drop from
   * this thread's {@code /proc/thread-self/status} and, for root, finds {@code setpriv}
   * (util-linux) in {@code /usr/bin} or {@code /bin}.
   *
   * @throws IllegalStateException when root must drop capabilities and setpriv is missing
   */
  public static ChildLauncher create() {
    ChildPrivileges privileges = ChildPrivileges.ofThisProcess(findTool("setpriv"));
    if (privileges.clearsThreadSets()) {
      log.info("monitors and alerts will run without this process's capabilities: the threads that start them"
          + " empty their inheritable and ambient capability sets");
    } else if (privileges.dropsCapabilities()) {
      log.info("monitors and alerts will run without this process's capabilities: {}", privileges.prefix());
    }
    return new ChildLauncher(privileges, System.getenv(), new PosixSpawn(), new ChildReactor("lvsmon-children"),
        new ProcessGroups(Path.of("/proc")));
  }

  public ProcessGroups groups() {
    return groups;
  }

  /** The full command run for {@code argv}: the capability drop, if any, then argv. */
  public List<String> command(List<String> argv) {
    List<String> cmd = new ArrayList<>(prefix);
    for (String a : argv) {
      cmd.add(beforeNul(a));
    }
    return cmd;
  }

  /**
   * Starts {@code spec}. The child runs with the daemon's environment plus {@code spec.env()}, in
   * the daemon's working directory.
   *
   * @throws IOException naming the program when the pipes cannot be made or it cannot be started
   */
  public Child start(ChildSpec spec) throws IOException {
    List<String> cmd = command(spec.argv());
    if (reactor.closed()) {
      throw new IOException("cannot run " + cmd.get(0) + ": the launcher is closed");
    }
    byte[] stdin = spec.stdin() == null ? new byte[0] : spec.stdin().getBytes(StandardCharsets.UTF_8);
    Fds fds = new Fds();
    try (NativeStrings argv = new NativeStrings(encode(cmd));
        NativeStrings envp = new NativeStrings(environment(spec))) {
      fds.output = pipe(cmd.get(0));
      nonBlocking(fds.output[0]);
      if (spec.stdin() != null) {
        fds.input = pipe(cmd.get(0));
        nonBlocking(fds.input[1]);
      }
      if (clearsThreadSets) {
        ThreadCapabilities.withholdFromChildren();
      }
      fds.pid = spawn.spawn(cmd.get(0), argv, envp, fds.output[1], fds.input == null ? -1 : fds.input[0]);
      fds.closeChildEnds();
      fds.pidfd = pidfdOpen(fds.pid, cmd.get(0));
      if (stdin.length == 0) {
        fds.closeInput(); // nothing to write: the child reads end of file at once
      }
      WatchedChild watched = new WatchedChild(spec.name(), fds.pid, fds.pidfd, fds.output[0],
          fds.input == null ? -1 : fds.input[1], stdin, spec.outputLimit());
      if (!reactor.watch(watched)) {
        throw new IOException("cannot run " + cmd.get(0) + ": the launcher is closed");
      }
      fds.handedOver = true;
      return new Child(watched, reactor, groups);
    } finally {
      fds.cleanUp();
    }
  }

  /** Stops the reactor thread; children still running are left alone. Idempotent. */
  @Override
  public void close() {
    reactor.close();
  }

  private List<byte[]> environment(ChildSpec spec) {
    List<byte[]> env = new ArrayList<>(daemonEnv.size() + spec.env().size());
    for (Map.Entry<String, byte[]> e : daemonEnv.entrySet()) {
      if (!spec.env().containsKey(e.getKey())) {
        env.add(e.getValue());
      }
    }
    for (Map.Entry<String, String> e : spec.env().entrySet()) {
      String key = e.getKey();
      if (key.isEmpty() || key.indexOf('=') >= 0 || key.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("[" + spec.name() + "] invalid environment variable name: \"" + key + "\"");
      }
      String value = beforeNul(e.getValue());
      if (value.length() < e.getValue().length()) {
        log.warn("[{}] environment variable {} contains a NUL byte; passing the text before it, as execve would",
            spec.name(), key);
      }
      env.add((key + "=" + fit(spec.name(), key, value)).getBytes(StandardCharsets.UTF_8));
    }
    return env;
  }

  private static List<byte[]> encode(List<String> strings) {
    List<byte[]> bytes = new ArrayList<>(strings.size());
    for (String s : strings) {
      bytes.add(s.getBytes(StandardCharsets.UTF_8));
    }
    return bytes;
  }

  /** Cuts {@code value} so that {@code NAME=value} fits Linux's limit on one environment string. */
  static String fit(String name, String key, String value) {
    int room = MAX_ENV_STRING - 1 - key.getBytes(StandardCharsets.UTF_8).length - 1;
    int bytes = 0;
    int i = 0;
    while (i < value.length()) {
      int cp = value.codePointAt(i);
      int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + len > room) {
        log.warn("[{}] environment variable {} cut to {} bytes (Linux limits one environment string to {} bytes)",
            name, key, bytes, MAX_ENV_STRING);
        return value.substring(0, i);
      }
      bytes += len;
      i += Character.charCount(cp);
    }
    return value;
  }

  private static String beforeNul(String s) {
    int nul = s.indexOf('\0');
    return nul < 0 ? s : s.substring(0, nul);
  }

  private static int[] pipe(String program) throws IOException {
    int[] fds = new int[2];
    try {
      LibC.pipe2(fds, LibC.O_CLOEXEC);
    } catch (LastErrorException e) {
      throw new IOException("cannot run " + program + ": pipe2 failed: " + LibC.describe(e.getErrorCode()), e);
    }
    return fds;
  }

  private static void nonBlocking(int fd) {
    LibC.fcntl(fd, LibC.F_SETFL, LibC.O_NONBLOCK);
  }

  private static int pidfdOpen(int pid, String program) throws IOException {
    try {
      return LibC.pidfd_open(pid, 0);
    } catch (LastErrorException e) {
      throw new IOException("cannot watch " + program + " (pid " + pid + "): pidfd_open failed: "
          + LibC.describe(e.getErrorCode()) + " (Linux 5.3 or later is needed)", e);
    }
  }

  /** The descriptors of one start, and the pid: closed, or killed and reaped, unless handed over. */
  private static final class Fds {
    int[] output;
    int[] input;
    int pid = -1;
    int pidfd = -1;
    boolean handedOver;

    void closeChildEnds() {
      output[1] = LibC.closeQuietly(output[1]);
      if (input != null) {
        input[0] = LibC.closeQuietly(input[0]);
      }
    }

    void closeInput() {
      if (input != null) {
        input[1] = LibC.closeQuietly(input[1]);
        input = null;
      }
    }

    void cleanUp() {
      if (output != null) {
        closeChildEnds();
      }
      if (handedOver) {
        return;
      }
      if (output != null) {
        output[0] = LibC.closeQuietly(output[0]);
      }
      closeInput();
      pidfd = LibC.closeQuietly(pidfd);
      if (pid > 0) {
        // started but not watched: it must not run on unseen, nor stay a zombie
        try {
          LibC.kill(-pid, LibC.SIGKILL);
          LibC.waitpid(pid, new int[1], 0);
        } catch (LastErrorException e) {
          log.warn("could not kill and reap pid {} after a failed start: {}", pid, LibC.describe(e.getErrorCode()));
        }
      }
    }
  }

  private static Optional<Path> findTool(String name) {
    return TOOL_DIRS.stream().map(d -> d.resolve(name)).filter(Files::isExecutable).findFirst();
  }
}
