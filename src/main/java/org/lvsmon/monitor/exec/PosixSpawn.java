package org.lvsmon.monitor.exec;

import com.sun.jna.Memory;
import java.io.IOException;

/**
 * Starts programs with posix_spawn(3), which glibc does with a vfork-like clone: nothing of the
 * JVM's memory is copied, and the caller waits only until the exec. Each child leads a new session
 * (so pid = pgid = sid), starts with an empty signal mask and every signal at its default action
 * (whatever the JVM blocks or ignores), has stdout and stderr on one descriptor and stdin on another
 * or {@code /dev/null}, and inherits no other descriptor of the JVM. Thread-safe: the attributes
 * are written once, then only read.
 */
final class PosixSpawn {
  private static final int SIGSET_ALL_BYTE = 0xff;

  private final Memory attr = new Memory(LibC.SPAWN_STRUCT_SIZE);

  PosixSpawn() {
    Memory none = new Memory(LibC.SIGSET_SIZE);
    Memory all = new Memory(LibC.SIGSET_SIZE);
    all.setMemory(0, LibC.SIGSET_SIZE, (byte) SIGSET_ALL_BYTE); // sigfillset leaves out glibc's internal signals
    requireZero(LibC.sigemptyset(none), "sigemptyset");
    requireZero(LibC.posix_spawnattr_init(attr), "posix_spawnattr_init");
    requireZero(LibC.posix_spawnattr_setsigmask(attr, none), "posix_spawnattr_setsigmask");
    requireZero(LibC.posix_spawnattr_setsigdefault(attr, all), "posix_spawnattr_setsigdefault");
    short flags = LibC.POSIX_SPAWN_SETSID | LibC.POSIX_SPAWN_SETSIGMASK | LibC.POSIX_SPAWN_SETSIGDEF;
    requireZero(LibC.posix_spawnattr_setflags(attr, flags), "posix_spawnattr_setflags");
    none.close();
    all.close();
  }

  /**
   * Runs {@code argv.get(0)} with {@code argv} and {@code envp}; its stdout and stderr are {@code
   * output}, its stdin {@code input} or {@code /dev/null} when {@code input} is negative. Returns
   * the pid.
   *
   * @throws IOException naming {@code program} when it cannot be run (ENOENT, EACCES, ENOEXEC...)
   */
  int spawn(String program, NativeStrings argv, NativeStrings envp, int output, int input) throws IOException {
    try (Memory actions = new Memory(LibC.SPAWN_STRUCT_SIZE)) {
      requireZero(LibC.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
      try {
        if (input < 0) {
          requireZero(LibC.posix_spawn_file_actions_addopen(actions, 0, "/dev/null", LibC.O_RDONLY, 0), "addopen");
        } else {
          requireZero(LibC.posix_spawn_file_actions_adddup2(actions, input, 0), "adddup2");
        }
        requireZero(LibC.posix_spawn_file_actions_adddup2(actions, output, 1), "adddup2");
        requireZero(LibC.posix_spawn_file_actions_adddup2(actions, output, 2), "adddup2");
        requireZero(LibC.posix_spawn_file_actions_addclosefrom_np(actions, 3), "addclosefrom_np");
        int[] pid = new int[1];
        int err = LibC.posix_spawn(pid, argv.get(0), actions, attr, argv.table(), envp.table());
        if (err != 0) {
          throw new IOException("cannot run " + program + ": " + LibC.describe(err));
        }
        return pid[0];
      } finally {
        LibC.posix_spawn_file_actions_destroy(actions);
      }
    }
  }

  private static void requireZero(int err, String call) {
    if (err != 0) {
      throw new IllegalStateException("posix_spawn set-up (" + call + ") failed: " + LibC.describe(err));
    }
  }
}
