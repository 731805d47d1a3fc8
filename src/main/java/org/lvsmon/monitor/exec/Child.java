package org.lvsmon.monitor.exec;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started monitor or alert process, leader of its own session and process group (pid = pgid),
 * with its output being read and its stdin being written by threads of its own. Thread-safe.
 */
public final class Child implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Child.class);

  /** How long stopping a reader or writer thread, or a SIGKILLed child, may take. */
  static final Duration STOP_WAIT = Duration.ofSeconds(1);

  /** How often to look for surviving group members during the grace period (there is no event for it). */
  private static final long GROUP_POLL_MILLIS = 20;

  private final String name;
  private final Process process;
  private final ProcessGroups groups;
  private final OutputPump output;
  private final StdinFeeder stdin;

  Child(String name, Process process, ProcessGroups groups, OutputPump output, StdinFeeder stdin) {
    this.name = name;
    this.process = process;
    this.groups = groups;
    this.output = output;
    this.stdin = stdin;
  }

  /** The child's pid, which is also its process group id and session id. */
  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the child itself (not its descendants) to exit. */
  public void waitFor() throws InterruptedException {
    process.waitFor();
  }

  /** Waits up to {@code timeout} for the child itself to exit; true if it has. */
  public boolean waitFor(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** How the child ended. @throws IllegalThreadStateException while it runs */
  public ExitStatus exitStatus() {
    return ExitStatus.fromJdk(process.exitValue());
  }

  /**
   * Stops the child's whole process group: SIGTERM now, then SIGKILL if the child or any other
   * member still lives once {@code grace} has passed. Blocks until the child has exited or about
   * {@code grace} + 1 s have passed. Usable on an interrupted thread (the flag is kept; a new
   * interrupt cuts the grace short). Returns whether SIGKILL was needed.
   */
  public boolean terminate(Duration grace) {
    boolean interrupted = Thread.interrupted();
    try {
      signal(LibC.SIGTERM);
      long deadline = System.nanoTime() + grace.toNanos();
      try {
        process.waitFor(grace.toNanos(), TimeUnit.NANOSECONDS);
        while (System.nanoTime() < deadline && groups.hasLiveMembers(pid())) {
          Thread.sleep(GROUP_POLL_MILLIS);
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
      boolean kill = process.isAlive() || groups.hasLiveMembers(pid());
      if (kill) {
        signal(LibC.SIGKILL);
        process.destroyForcibly();
      }
      if (!waitQuietly(STOP_WAIT)) {
        log.error("[{}] pid {} is still there {} ms after SIGKILL (stuck in the kernel?); giving up on it",
            name, pid(), STOP_WAIT.toMillis());
      }
      return kill;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Stops writing stdin and waits up to {@code drain} for the end of the output (the child's
   * descendants may still hold it open), then stops reading and returns what was read. Bounded;
   * safe on an interrupted thread.
   */
  public CapturedOutput finishOutput(Duration drain) {
    if (stdin != null) {
      stdin.stop();
    }
    return output.finish(drain);
  }

  /** Releases the pipes and their threads; the process itself is left as it is. Idempotent. */
  @Override
  public void close() {
    if (stdin != null) {
      stdin.stop();
    }
    output.stop();
  }

  private void signal(int sig) {
    // The group exists once setsid has run in the child; until then only the pid can be signalled.
    if (!groups.signalGroup(pid(), sig) && process.isAlive()) {
      groups.signalProcess(pid(), sig);
    }
  }

  private boolean waitQuietly(Duration timeout) {
    boolean interrupted = Thread.interrupted();
    try {
      return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      interrupted = true;
      return !process.isAlive();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static Thread daemonThread(Runnable body, String threadName) {
    Thread t = new Thread(body, threadName);
    t.setDaemon(true); // children may outlive a stopping daemon, as mon's alerts do
    t.setUncaughtExceptionHandler((th, e) -> log.error("[{}] thread died", th.getName(), e));
    return t;
  }

  /** Joins {@code t} for at most {@code timeout}, keeping the caller's interrupt flag; true if it ended. */
  static boolean join(Thread t, Duration timeout) {
    boolean interrupted = Thread.interrupted();
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (t.isAlive()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          TimeUnit.NANOSECONDS.timedJoin(t, left);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      return true;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      log.debug("closing {} failed: {}", c, e.toString());
    }
  }
}
