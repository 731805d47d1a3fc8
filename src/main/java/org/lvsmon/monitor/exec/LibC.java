package org.lvsmon.monitor.exec;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.slf4j.LoggerFactory;

/**
 * The libc calls the JDK does not offer: posix_spawn, pipes, poll, pidfds and signalling process
 * groups. Bound by JNA direct mapping, which costs far less per call than a proxy interface; every
 * child makes a few dozen of these calls. Linux and glibc 2.36 or later (Debian 12), 64-bit.
 *
 * <p>A method that throws {@link LastErrorException} fails with the errno of the call; the
 * posix_spawn family instead returns the error number, as POSIX specifies.
 */
final class LibC {
  static {
    Native.register(LibC.class, "c");
  }

  static final int EPERM = 1;
  static final int ENOENT = 2;
  static final int ESRCH = 3;
  static final int EINTR = 4;
  static final int EAGAIN = 11;
  static final int ECHILD = 10;
  static final int EPIPE = 32;
  static final int SIGKILL = 9;
  static final int SIGTERM = 15;

  static final int O_RDONLY = 0;
  static final int O_NONBLOCK = 04000;
  static final int O_CLOEXEC = 02000000;
  static final int F_SETFL = 4;

  static final short POLLIN = 0x1;
  static final short POLLOUT = 0x4;

  static final int P_PIDFD = 3;
  static final int WEXITED = 4;
  static final int WNOHANG = 1;
  static final int CLD_EXITED = 1;

  /** posix_spawnattr flags, from glibc's spawn.h (SETSID since glibc 2.26). */
  static final short POSIX_SPAWN_SETSIGDEF = 0x04;
  static final short POSIX_SPAWN_SETSIGMASK = 0x08;
  static final short POSIX_SPAWN_SETSID = 0x80;

  /** Room for glibc's posix_spawnattr_t (336 bytes on x86_64) and posix_spawn_file_actions_t (80). */
  static final int SPAWN_STRUCT_SIZE = 512;
  /** sizeof(sigset_t) and sizeof(siginfo_t) in glibc. */
  static final int SIGSET_SIZE = 128;
  static final int SIGINFO_SIZE = 128;
  /** Offsets in siginfo_t of si_code, si_pid and si_status (the SIGCHLD member of its union). */
  static final int SI_CODE = 8;
  static final int SI_PID = 16;
  static final int SI_STATUS = 24;

  private LibC() {}

  static native int kill(int pid, int sig) throws LastErrorException;

  static native int pipe2(int[] fds, int flags) throws LastErrorException;

  static native int close(int fd) throws LastErrorException;

  /** fcntl with one int argument; C declares it variadic, which passes an int alike on Linux's 64-bit ABIs. */
  static native int fcntl(int fd, int cmd, int arg) throws LastErrorException;

  static native int poll(Pointer fds, long nfds, int timeoutMillis) throws LastErrorException;

  static native long read(int fd, Pointer buf, long count) throws LastErrorException;

  static native long write(int fd, Pointer buf, long count) throws LastErrorException;

  static native long write(int fd, byte[] buf, long count) throws LastErrorException;

  static native int eventfd(int initval, int flags) throws LastErrorException;

  static native int pidfd_open(int pid, int flags) throws LastErrorException;

  static native int waitid(int idtype, int id, Pointer info, int options) throws LastErrorException;

  static native int waitpid(int pid, int[] status, int options) throws LastErrorException;

  static native int posix_spawn(int[] pid, Pointer path, Pointer fileActions, Pointer attr, Pointer argv, Pointer envp);

  static native int posix_spawn_file_actions_init(Pointer fileActions);

  static native int posix_spawn_file_actions_destroy(Pointer fileActions);

  static native int posix_spawn_file_actions_adddup2(Pointer fileActions, int fd, int newfd);

  static native int posix_spawn_file_actions_addopen(Pointer fileActions, int fd, String path, int oflag, int mode);

  static native int posix_spawn_file_actions_addclosefrom_np(Pointer fileActions, int from);

  static native int posix_spawnattr_init(Pointer attr);

  static native int posix_spawnattr_setflags(Pointer attr, short flags);

  static native int posix_spawnattr_setsigmask(Pointer attr, Pointer sigmask);

  static native int posix_spawnattr_setsigdefault(Pointer attr, Pointer sigdefault);

  static native int sigemptyset(Pointer set);

  /** capget(2) on a {@code __user_cap_header_struct} and two {@code __user_cap_data_struct}s. */
  static native int capget(Pointer header, Pointer data) throws LastErrorException;

  static native int capset(Pointer header, Pointer data) throws LastErrorException;

  static native String strerror(int errnum);

  /** Closes {@code fd} unless negative, logging a failure at DEBUG; returns -1, to mark it closed. */
  static int closeQuietly(int fd) {
    if (fd >= 0) {
      try {
        close(fd);
      } catch (LastErrorException e) {
        LoggerFactory.getLogger(LibC.class).debug("close({}) failed: {}", fd, describe(e.getErrorCode()));
      }
    }
    return -1;
  }

  /** {@code No such file or directory (errno 2)}. */
  static String describe(int errno) {
    return strerror(errno) + " (errno " + errno + ")";
  }
}
