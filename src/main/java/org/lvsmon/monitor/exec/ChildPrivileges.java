package org.lvsmon.monitor.exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What to put before a child's command so that it does not inherit the daemon's capabilities
 * (ARCHITECTURE.md, Privileges): {@code setpriv --inh-caps=-all --ambient-caps=-all
 * --bounding-set=-all --} whenever this process could pass any on, otherwise nothing.
 *
 * <p>A process passes capabilities to what it executes through its inheritable and ambient sets,
 * and, when it runs as root, through the bounding set (root regains every capability in it on
 * execve). Dropping the inheritable and ambient sets is always allowed. setpriv (util-linux 2.38)
 * leaves the bounding set alone, without an error, when it lacks CAP_SETPCAP; that is fine for the
 * intended non-root daemon, whose full bounding set gives its children nothing by itself.
 */
public record ChildPrivileges(List<String> prefix) {
  public static final List<String> DROP_ALL =
      List.of("--inh-caps=-all", "--ambient-caps=-all", "--bounding-set=-all", "--");

  public ChildPrivileges {
    prefix = List.copyOf(prefix);
  }

  /** Children run with the daemon's own privileges (no capabilities to drop). */
  public static ChildPrivileges unchanged() {
    return new ChildPrivileges(List.of());
  }

  /** The decision for this process, from {@code /proc/self/status}. */
  public static ChildPrivileges ofThisProcess(Optional<Path> setpriv) {
    try {
      return fromStatus(Files.readString(Path.of("/proc/self/status")), setpriv);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read /proc/self/status to decide which capabilities children get", e);
    }
  }

  /**
   * The decision for a process whose {@code /proc/PID/status} reads {@code status}. Unreadable
   * capability lines count as capabilities present, so the drop is never skipped by mistake.
   *
   * @throws IllegalStateException when capabilities must be dropped but {@code setpriv} is missing
   */
  public static ChildPrivileges fromStatus(String status, Optional<Path> setpriv) {
    if (!mayPassCapabilities(status)) {
      return unchanged();
    }
    Path tool = setpriv.orElseThrow(() -> new IllegalStateException(
        "this process has capabilities that monitors and alerts must not inherit, but setpriv (util-linux)"
            + " was not found to drop them; install util-linux or run lvsmon without capabilities"));
    List<String> prefix = new ArrayList<>();
    prefix.add(tool.toString());
    prefix.addAll(DROP_ALL);
    return new ChildPrivileges(prefix);
  }

  /** Whether a child could get any capability from a process with this status. */
  static boolean mayPassCapabilities(String status) {
    return nonZero(status, "CapInh") || nonZero(status, "CapEff") || nonZero(status, "CapAmb") || isRoot(status);
  }

  public boolean dropsCapabilities() {
    return !prefix.isEmpty();
  }

  private static boolean nonZero(String status, String field) {
    String v = field(status, field);
    try {
      return v == null || Long.parseUnsignedLong(v, 16) != 0;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  /** Real, effective, saved or filesystem uid 0: root regains the bounding set on execve. */
  private static boolean isRoot(String status) {
    String v = field(status, "Uid");
    if (v == null) {
      return true;
    }
    for (String id : v.split("\\s+")) {
      if (id.equals("0")) {
        return true;
      }
    }
    return false;
  }

  private static String field(String status, String name) {
    for (String line : status.split("\n")) {
      if (line.startsWith(name + ":")) {
        return line.substring(name.length() + 1).strip();
      }
    }
    return null;
  }
}
