package org.lvsmon.monitor.exec;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child as {@link ChildReactor} sees it: its pidfd and the lvsmon ends of its output and stdin
 * pipes (-1 once closed), and the I/O on them, each call made when poll(2) said it would not block.
 * Everything but {@link #exit}, {@link #output}, {@link #head} and {@link #stdinOpen} belongs to
 * the reactor thread; those four may be read by any thread.
 */
final class WatchedChild {
  private static final Logger log = LoggerFactory.getLogger(WatchedChild.class);

  final String name;
  final int pid;
  final OutputHead head;
  final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
  final CompletableFuture<CapturedOutput> output = new CompletableFuture<>();
  volatile boolean stdinOpen;

  private final byte[] stdin;
  private int stdinWritten;
  private int pidfd;
  private int outFd;
  private int inFd;
  private boolean drainSet;
  private long drainDeadline;

  /** @param inFd the write end of stdin, or -1 (stdin is /dev/null, or there is nothing to write) */
  WatchedChild(String name, int pid, int pidfd, int outFd, int inFd, byte[] stdin, int outputLimit) {
    this.name = name;
    this.pid = pid;
    this.pidfd = pidfd;
    this.outFd = outFd;
    this.inFd = inFd;
    this.stdin = stdin;
    this.head = new OutputHead(outputLimit);
    this.stdinOpen = inFd >= 0;
  }

  int pidfd() {
    return pidfd;
  }

  int outFd() {
    return outFd;
  }

  int inFd() {
    return inFd;
  }

  /** Whether the reactor holds nothing of this child any more. */
  boolean released() {
    return pidfd < 0 && outFd < 0 && inFd < 0;
  }

  /** Whether reading the output is to stop at {@link #outputDeadline}. */
  boolean hasOutputDeadline() {
    return drainSet && outFd >= 0;
  }

  /** When to stop reading the output (System.nanoTime); meaningful if {@link #hasOutputDeadline}. */
  long outputDeadline() {
    return drainDeadline;
  }

  /** Stops reading the output at {@code deadline} (System.nanoTime) or at an earlier one already set. */
  void drainUntil(long deadline) {
    if (!drainSet || deadline - drainDeadline < 0) {
      drainDeadline = deadline;
      drainSet = true;
    }
  }

  /** One read of the output into {@code buffer} (kept in {@link #head}); at end of file, the output is complete. */
  void readOutput(Memory buffer) {
    if (outFd < 0) {
      return;
    }
    long n;
    try {
      n = LibC.read(outFd, buffer, buffer.size());
    } catch (LastErrorException e) {
      if (e.getErrorCode() == LibC.EAGAIN || e.getErrorCode() == LibC.EINTR) {
        return;
      }
      log.warn("[{}] reading the output of {} failed: {}; keeping what was read", name, this,
          LibC.describe(e.getErrorCode()));
      stopOutput(false);
      return;
    }
    if (n == 0) {
      stopOutput(true);
    } else {
      head.append(buffer, (int) n);
    }
  }

  /** One write of what is left of stdin, through {@code buffer}; closes stdin when all is written. */
  void writeStdin(Memory buffer) {
    if (inFd < 0) {
      return;
    }
    int len = (int) Math.min(buffer.size(), stdin.length - stdinWritten);
    buffer.write(0, stdin, stdinWritten, len);
    try {
      stdinWritten += (int) LibC.write(inFd, buffer, len);
    } catch (LastErrorException e) {
      if (e.getErrorCode() == LibC.EAGAIN || e.getErrorCode() == LibC.EINTR) {
        return;
      }
      // EPIPE: the child closed its stdin or exited; what it did not read is its business
      log.debug("[{}] stdin of {} not fully written ({} of {} bytes): {}", name, this, stdinWritten, stdin.length,
          LibC.describe(e.getErrorCode()));
      closeStdin();
      return;
    }
    if (stdinWritten == stdin.length) {
      closeStdin();
    }
  }

  /** Reaps the child if it has exited (its pidfd is readable), completing {@link #exit}. */
  void reap(Memory siginfo) {
    if (pidfd < 0) {
      return;
    }
    siginfo.clear(LibC.SIGINFO_SIZE);
    try {
      LibC.waitid(LibC.P_PIDFD, pidfd, siginfo, LibC.WEXITED | LibC.WNOHANG);
    } catch (LastErrorException e) {
      if (e.getErrorCode() == LibC.EINTR) {
        return;
      }
      throw new IllegalStateException("waitid on the pidfd of " + this + " failed: " + LibC.describe(e.getErrorCode()), e);
    }
    if (siginfo.getInt(LibC.SI_PID) == 0) {
      return; // not exited after all
    }
    ExitStatus status = ExitStatus.fromWaitid(siginfo.getInt(LibC.SI_CODE), siginfo.getInt(LibC.SI_STATUS));
    pidfd = LibC.closeQuietly(pidfd);
    closeStdin();
    exit.complete(status);
  }

  void closeStdin() {
    inFd = LibC.closeQuietly(inFd);
    stdinOpen = false;
  }

  /** Stops reading the output; {@code endOfFile} says whether it was read to the end. */
  void stopOutput(boolean endOfFile) {
    outFd = LibC.closeQuietly(outFd);
    output.complete(head.snapshot(endOfFile));
  }

  /** Lets go of the child: closes every descriptor; {@link #exit} fails with {@code cause} unless known. */
  void abandon(Throwable cause) {
    closeStdin();
    stopOutput(false);
    pidfd = LibC.closeQuietly(pidfd);
    exit.completeExceptionally(cause);
  }

  @Override
  public String toString() {
    return name + " (pid " + pid + ")";
  }
}
