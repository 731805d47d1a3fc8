package org.lvsmon.monitor.exec;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts monitor and alert programs the way both need: no shell; the child leads a new session
 * and process group ({@code setsid}, so pid = pgid and the whole group can be signalled); it
 * inherits none of the daemon's capabilities ({@code setpriv}, see {@link ChildPrivileges}); stdout
 * and stderr share one pipe, as in mon; stdin is {@code /dev/null} or a pipe fed with given text.
 *
 * <p>The pipes are made with pipe2(2) and handed to the JDK by their {@code /proc/self/fd} paths
 * instead of using the JDK's own process pipes: a read on those ends only when every holder closes
 * the pipe, so a silent background grandchild would pin the reading thread (and the JDK's reaper)
 * for as long as it lives, whereas a {@link FileChannel} read ends as soon as lvsmon closes the
 * channel. Thread-safe.
 */
public final class ChildLauncher {
  private static final Logger log = LoggerFactory.getLogger(ChildLauncher.class);
  private static final List<Path> TOOL_DIRS = List.of(Path.of("/usr/bin"), Path.of("/bin"));
  private static final Path DEV_NULL = Path.of("/dev/null");

  /** Linux's limit on one environment string, {@code NAME=value} and its NUL (MAX_ARG_STRLEN). */
  static final int MAX_ENV_STRING = 128 * 1024;

  private final LibC libc;
  private final ProcessGroups groups;
  private final List<String> prefix;

  ChildLauncher(LibC libc, ProcessGroups groups, ChildPrivileges privileges, Path setsid) {
    this.libc = libc;
    this.groups = groups;
    List<String> p = new ArrayList<>(privileges.prefix());
    p.add(setsid.toString());
    p.add("--");
    this.prefix = List.copyOf(p);
  }

  /**
   * A launcher for this process: finds {@code setsid} and {@code setpriv} (util-linux) in {@code
   * /usr/bin} or {@code /bin} and decides the capability drop from {@code /proc/self/status}.
   *
   * @throws IllegalStateException when a tool it needs is missing
   */
  public static ChildLauncher create() {
    LibC libc = LibC.load();
    Path setsid = findTool("setsid").orElseThrow(() -> new IllegalStateException(
        "setsid (util-linux) not found in " + TOOL_DIRS + "; lvsmon needs it to run monitors and alerts"
            + " in their own process group"));
    ChildPrivileges privileges = ChildPrivileges.ofThisProcess(findTool("setpriv"));
    if (privileges.dropsCapabilities()) {
      log.info("monitors and alerts will run without this process's capabilities: {}", privileges.prefix());
    }
    return new ChildLauncher(libc, new ProcessGroups(libc, Path.of("/proc")), privileges, setsid);
  }

  public ProcessGroups groups() {
    return groups;
  }

  /** The full command run for {@code argv}: the capability drop, {@code setsid --}, then argv. */
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
   * @throws IOException when the pipes cannot be made or the process cannot be started
   */
  public Child start(ChildSpec spec) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command(spec.argv()));
    putEnvironment(spec.name(), pb.environment(), spec.env());
    int[] out = pipe();
    int[] in = null;
    FileChannel reader = null;
    FileChannel writer = null;
    boolean started = false;
    try {
      reader = FileChannel.open(fdPath(out[0]), StandardOpenOption.READ);
      pb.redirectOutput(Redirect.to(fdPath(out[1]).toFile()));
      pb.redirectErrorStream(true);
      if (spec.stdin() == null) {
        pb.redirectInput(Redirect.from(DEV_NULL.toFile()));
      } else {
        in = pipe();
        writer = FileChannel.open(fdPath(in[1]), StandardOpenOption.WRITE);
        pb.redirectInput(Redirect.from(fdPath(in[0]).toFile()));
      }
      Process process = pb.start();
      String label = spec.name() + "-" + process.pid();
      OutputPump pump = new OutputPump(label, reader, spec.outputLimit());
      StdinFeeder feeder = writer == null ? null : new StdinFeeder(label, writer, spec.stdin());
      pump.start();
      if (feeder != null) {
        feeder.start();
      }
      started = true;
      return new Child(spec.name(), process, groups, pump, feeder);
    } finally {
      // The JDK has given the child its own copies; the channels hold lvsmon's ends.
      closeFds(out);
      closeFds(in);
      if (!started) {
        if (reader != null) {
          Child.closeQuietly(reader);
        }
        if (writer != null) {
          Child.closeQuietly(writer);
        }
      }
    }
  }

  private static void putEnvironment(String name, Map<String, String> target, Map<String, String> vars) {
    for (Map.Entry<String, String> e : vars.entrySet()) {
      String value = beforeNul(e.getValue());
      if (value.length() < e.getValue().length()) {
        log.warn("[{}] environment variable {} contains a NUL byte; passing the text before it, as execve would",
            name, e.getKey());
      }
      target.put(e.getKey(), fit(name, e.getKey(), value));
    }
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

  private int[] pipe() throws IOException {
    int[] fds = new int[2];
    try {
      libc.pipe2(fds, LibC.O_CLOEXEC);
    } catch (LastErrorException e) {
      throw new IOException("pipe2 failed: errno " + e.getErrorCode(), e);
    }
    return fds;
  }

  private void closeFds(int[] fds) {
    if (fds == null) {
      return;
    }
    for (int fd : fds) {
      try {
        libc.close(fd);
      } catch (LastErrorException e) {
        log.warn("close({}) failed: errno {}", fd, e.getErrorCode());
      }
    }
  }

  private static Path fdPath(int fd) {
    return Path.of("/proc/self/fd/" + fd);
  }

  private static Optional<Path> findTool(String name) {
    return TOOL_DIRS.stream().map(d -> d.resolve(name)).filter(Files::isExecutable).findFirst();
  }
}
