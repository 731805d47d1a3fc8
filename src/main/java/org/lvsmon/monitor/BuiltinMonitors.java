package org.lvsmon.monitor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lvsmon.monitor.ssh.SshDefaults;
import org.lvsmon.monitor.ssh.SshLoadMonitor;
import org.lvsmon.monitor.ssh.SshMonitor;
import org.lvsmon.monitor.tcp.TcpMonitor;

/**
 * lvsmon's built-in monitors, and how to recognise their scripts. mon.cf names a monitor; the
 * daemon resolves the name on the mondir path as mon does; when the file it finds is one of lvsmon's
 * own scripts (it carries the line {@code # lvsmon-builtin: NAME} among its first {@value
 * #MARKER_LINES} lines), the daemon runs {@link #monitorFor} in-process instead of forking a JVM.
 * Any other file (Debian's Perl {@code tcp.monitor} too) is forked as usual.
 *
 * <p>Owns one bounded probe pool per built-in ({@code lvsmon-tcp-N}, {@code lvsmon-ssh-N}, {@code
 * lvsmon-ssh-load-N} threads, which end when idle) and ssh-load's persistent sessions; {@link
 * #close} stops them. Thread-safe.
 */
public final class BuiltinMonitors implements AutoCloseable {
  /** The marker's prefix, after {@code #} and optional blanks. */
  public static final String MARKER = "lvsmon-builtin:";
  /** Only this many lines at the start of a file are searched for the marker... */
  public static final int MARKER_LINES = 5;
  /** ...and at most this many bytes. */
  public static final int MARKER_BYTES = 1024;

  private static final Pattern MARKER_LINE = Pattern.compile("#\\s*" + Pattern.quote(MARKER) + "\\s*([A-Za-z0-9_.-]+)\\s*");

  private final Map<String, Monitor> monitors = new LinkedHashMap<>();
  private final ParallelProbes tcpProbes;
  private final ParallelProbes sshProbes;
  private final ParallelProbes loadProbes;
  private final SshLoadMonitor sshLoad;

  /** Built-ins with {@link ParallelProbes#DEFAULT_THREADS} threads each at most. */
  public BuiltinMonitors(Clock clock, SshDefaults sshDefaults) {
    this(clock, sshDefaults, ParallelProbes.DEFAULT_THREADS);
  }

  public BuiltinMonitors(Clock clock, SshDefaults sshDefaults, int threadsPerMonitor) {
    tcpProbes = new ParallelProbes("tcp", threadsPerMonitor);
    sshProbes = new ParallelProbes("ssh", threadsPerMonitor);
    monitors.put("tcp", new TcpMonitor(tcpProbes, clock));
    loadProbes = new ParallelProbes("ssh-load", threadsPerMonitor);
    monitors.put("ssh", new SshMonitor(sshProbes, sshDefaults, clock));
    sshLoad = new SshLoadMonitor(loadProbes, sshDefaults, clock);
    monitors.put("ssh-load", sshLoad);
  }

  /** The names of the built-ins ({@code tcp}, {@code ssh}, {@code ssh-load}), as their scripts' markers name them. */
  public Set<String> names() {
    return Set.copyOf(monitors.keySet());
  }

  /** The built-in called {@code name} ({@code tcp}, {@code ssh}, {@code ssh-load}), if there is one. */
  public Optional<Monitor> monitor(String name) {
    return Optional.ofNullable(monitors.get(name));
  }

  /**
   * The in-process monitor for {@code script} (a monitor path resolved on the mondir path) when it
   * is one of lvsmon's own scripts and names a built-in this version has; empty otherwise (then
   * fork the script). Reads at most {@value #MARKER_BYTES} bytes of the file.
   */
  public Optional<Monitor> monitorFor(Path script) {
    return builtinName(script).flatMap(this::monitor);
  }

  /**
   * The built-in name in {@code script}'s marker line, or empty when the file has none in its first
   * {@value #MARKER_LINES} lines or cannot be read.
   */
  public static Optional<String> builtinName(Path script) {
    if (script == null || !Files.isRegularFile(script)) {
      return Optional.empty();
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(script)) {
      head = in.readNBytes(MARKER_BYTES);
    } catch (IOException e) {
      return Optional.empty();
    }
    String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\n", -1);
    // a line cut by the byte limit is not trusted: "ssh-load" cut short would read "ssh"
    int complete = head.length < MARKER_BYTES ? lines.length : lines.length - 1;
    for (int i = 0; i < Math.min(complete, MARKER_LINES); i++) {
      Matcher m = MARKER_LINE.matcher(lines[i].strip());
      if (m.matches()) {
        return Optional.of(m.group(1));
      }
    }
    return Optional.empty();
  }

  /**
   * After a reload: closes the persistent SSH sessions of hosts that are not in {@code hosts} (the
   * new config's), rather than leaving them open until they idle out. Returns how many were open.
   */
  public int retainHosts(java.util.Set<String> hosts) {
    return sshLoad.closeAllBut(hosts);
  }

  /** Closes ssh-load's sessions and stops the probe threads; runs in progress fail. Idempotent. */
  @Override
  public void close() {
    sshLoad.close();
    tcpProbes.close();
    sshProbes.close();
    loadProbes.close();
  }
}
