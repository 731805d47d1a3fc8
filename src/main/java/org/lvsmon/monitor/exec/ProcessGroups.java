package org.lvsmon.monitor.exec;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Signals process groups and finds their live members. A member is live unless it is a zombie:
 * orphaned zombies stay in their group until someone reaps them, and some containers' init never
 * does. Thread-safe.
 */
public final class ProcessGroups {
  private final Path proc;

  ProcessGroups(Path proc) {
    this.proc = proc;
  }

  /**
   * Sends {@code signal} to every process of group {@code pgid}; false when the group has no
   * members. A group whose members may not be signalled (EPERM) counts as signalled.
   */
  public boolean signalGroup(long pgid, int signal) {
    return send(-Math.toIntExact(pgid), signal);
  }

  /** Sends {@code signal} to process {@code pid} alone; false when it does not exist. */
  public boolean signalProcess(long pid, int signal) {
    return send(Math.toIntExact(pid), signal);
  }

  /** Whether group {@code pgid} has a member that is not a zombie. */
  public boolean hasLiveMembers(long pgid) {
    return signalGroup(pgid, 0) && !liveMembers(pgid).isEmpty();
  }

  /** The pids of the non-zombie members of group {@code pgid}, read from {@code /proc}. */
  public List<Long> liveMembers(long pgid) {
    List<Long> found = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc, p -> isPid(p.getFileName().toString()))) {
      for (Path dir : dirs) {
        ProcStat stat = ProcStat.read(dir.resolve("stat"));
        if (stat != null && stat.pgrp() == pgid && stat.live()) {
          found.add(stat.pid());
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + proc + " to find the members of process group " + pgid, e);
    }
    return found;
  }

  private boolean send(int target, int signal) {
    try {
      LibC.kill(target, signal);
      return true;
    } catch (LastErrorException e) {
      if (e.getErrorCode() == LibC.ESRCH) {
        return false;
      }
      if (e.getErrorCode() == LibC.EPERM) {
        return true;
      }
      throw new IllegalStateException("kill(" + target + ", " + signal + ") failed: errno " + e.getErrorCode(), e);
    }
  }

  private static boolean isPid(String name) {
    return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
  }
}
