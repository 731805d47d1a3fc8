package org.lvsmon.monitor.exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How children are kept from inheriting the daemon's capabilities (ARCHITECTURE.md, Privileges):
 * {@code prefix} goes before each child's command, and {@code clearsThreadSets} says whether the
 * starting thread empties its inheritable and ambient sets first (see {@link ThreadCapabilities}).
 *
 * <p>A non-root process passes capabilities on through its inheritable and ambient sets only, so
 * emptying those on the starting thread is enough, and always allowed: no exec in front. Root
 * regains every capability of its bounding set on execve, so for root the prefix is {@code setpriv
 * --inh-caps=-all --ambient-caps=-all --bounding-set=-all --}.
 */
public record ChildPrivileges(List<String> prefix, boolean clearsThreadSets) {
  public static final List<String> DROP_ALL =
      List.of("--inh-caps=-all", "--ambient-caps=-all", "--bounding-set=-all", "--");

  public ChildPrivileges {
    prefix = List.copyOf(prefix);
  }

  /** A prefix alone, no clearing. */
  public ChildPrivileges(List<String> prefix) {
    this(prefix, false);
  }

  /** Children run with the daemon's own privileges (no capabilities to drop). */
  public static ChildPrivileges unchanged() {
    return new ChildPrivileges(List.of(), false);
  }

  /** The decision for this process, from {@code /proc/thread-self/status}. */
  public static ChildPrivileges ofThisProcess(Optional<Path> setpriv) {
    try {
      return fromStatus(Files.readString(Path.of("/proc/thread-self/status")), setpriv);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read /proc/thread-self/status to decide which capabilities children get", e);
    }
  }

  /**
   * The decision for a process whose {@code /proc/PID/status} reads {@code status}. Unreadable
   * capability or uid lines count as capabilities present and as root, so the drop is never
   * skipped by mistake.
   *
   * @throws IllegalStateException when root must drop capabilities but {@code setpriv} is missing
   */
  public static ChildPrivileges fromStatus(String status, Optional<Path> setpriv) {
    if (!mayPassCapabilities(status)) {
      return unchanged();
    }
    if (!isRoot(status)) {
      return new ChildPrivileges(List.of(), true);
    }
    Path tool = setpriv.orElseThrow(() -> new IllegalStateException(
        "lvsmon runs as root, whose capabilities monitors and alerts must not inherit, but setpriv"
            + " (util-linux) was not found to drop them; install util-linux or run lvsmon as another user"));
    List<String> prefix = new ArrayList<>();
    prefix.add(tool.toString());
    prefix.addAll(DROP_ALL);
    return new ChildPrivileges(prefix, false);
  }

  /**
   * Whether a child could get any capability from a process with this status, now or after the
   * process raised its inheritable set from its permitted one.
   */
  static boolean mayPassCapabilities(String status) {
    return nonZero(status, "CapInh") || nonZero(status, "CapPrm") || nonZero(status, "CapEff")
        || nonZero(status, "CapAmb") || isRoot(status);
  }

  public boolean dropsCapabilities() {
    return !prefix.isEmpty() || clearsThreadSets;
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
