package org.lvsmon.monitor.exec;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/** The few libc calls the JDK does not offer: signalling a process group, and plain pipes. */
interface LibC extends Library {
  int O_CLOEXEC = 02000000;
  int EPERM = 1;
  int ESRCH = 3;
  int SIGKILL = 9;
  int SIGTERM = 15;

  int kill(int pid, int sig) throws LastErrorException;

  int pipe2(int[] fds, int flags) throws LastErrorException;

  int close(int fd) throws LastErrorException;

  static LibC load() {
    return Native.load("c", LibC.class);
  }
}
