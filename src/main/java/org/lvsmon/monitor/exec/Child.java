package org.lvsmon.monitor.exec;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started monitor or alert process, leader of its own session and process group (pid = pgid).
 * Its output is read, its stdin written and its exit reaped by the launcher's reactor thread; this
 * class only waits on that. Thread-safe.
 */
public final class Child implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Child.class);

  /** How long a SIGKILLed child, or the reactor acting on a request, may take. */
  static final Duration STOP_WAIT = Duration.ofSeconds(1);

  /** How often to look for surviving group members during the grace period (there is no event for it). */
  private static final long GROUP_POLL_MILLIS = 20;

  private final WatchedChild watched;
  private final ChildReactor reactor;
  private final ProcessGroups groups;

  Child(WatchedChild watched, ChildReactor reactor, ProcessGroups groups) {
    this.watched = watched;
    this.reactor = reactor;
    this.groups = groups;
  }

  /** The child's pid, which is also its process group id and session id. */
  public long pid() {
    return watched.pid;
  }

  /** Whether the child has not been reaped yet. */
  public boolean isAlive() {
    return !watched.exit.isDone();
  }

  /** Waits for the child itself (not its descendants) to exit. */
  public void waitFor() throws InterruptedException {
    try {
      watched.exit.get();
    } catch (ExecutionException e) {
      // the reactor let go of it; exitStatus() says why
    }
  }

  /** Waits up to {@code timeout} for the child itself to exit; true if it has. */
  public boolean waitFor(Duration timeout) throws InterruptedException {
    try {
      watched.exit.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (ExecutionException e) {
      return true;
    } catch (TimeoutException e) {
      return false;
    }
  }

  /**
   * How the child ended.
   *
   * @throws IllegalThreadStateException while it runs
   * @throws IllegalStateException when lvsmon stopped watching it before it ended
   */
  public ExitStatus exitStatus() {
    if (!watched.exit.isDone()) {
      throw new IllegalThreadStateException(watched + " is still running");
    }
    try {
      return watched.exit.join();
    } catch (CancellationException | CompletionException e) {
      throw new IllegalStateException("the exit status of " + watched + " is unknown: " + e.getCause(), e);
    }
  }

  /**
   * Stops the child's whole process group: SIGTERM now, then SIGKILL if the child or any other
   * member still lives once {@code grace} has passed. Blocks until the child has exited (and, after
   * a SIGKILL, every member has died) or about {@code grace} + 1 s have passed. Usable on an interrupted thread (the flag is kept; a new
   * interrupt cuts the grace short). Returns whether SIGKILL was needed.
   */
  public boolean terminate(Duration grace) {
    boolean interrupted = Thread.interrupted();
    try {
      signal(LibC.SIGTERM);
      long deadline = System.nanoTime() + grace.toNanos();
      try {
        waitFor(grace);
        while (System.nanoTime() < deadline && groups.hasLiveMembers(pid())) {
          Thread.sleep(GROUP_POLL_MILLIS);
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
      boolean kill = isAlive() || groups.hasLiveMembers(pid());
      if (kill) {
        signal(LibC.SIGKILL);
      }
      long killed = System.nanoTime();
      if (!Waits.await(watched.exit, STOP_WAIT) || (kill && !awaitGroupGone(killed + STOP_WAIT.toNanos()))) {
        log.error("[{}] process group {} is still there {} ms after SIGKILL (stuck in the kernel?); giving up on it",
            watched.name, pid(), STOP_WAIT.toMillis());
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
    reactor.finish(watched, drain);
    if (Waits.await(watched.output, drain.plus(STOP_WAIT)) && !watched.output.isCompletedExceptionally()) {
      return watched.output.join();
    }
    return watched.head.snapshot(false);
  }

  /** Releases the pipes; the process itself is left as it is (and reaped when it exits). Idempotent. */
  @Override
  public void close() {
    reactor.release(watched);
  }

  /**
   * Waits until the group's members, which die of SIGKILL a moment after the signal is sent, are
   * gone (or zombies); false if some still live at {@code deadline}. Keeps the interrupt flag.
   */
  private boolean awaitGroupGone(long deadline) {
    while (groups.hasLiveMembers(pid())) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return !groups.hasLiveMembers(pid());
      }
    }
    return true;
  }

  String name() {
    return watched.name;
  }

  boolean groupHasLiveMembers() {
    return groups.hasLiveMembers(pid());
  }

  /** Completes when the child has exited (normally, or when the reactor let go of it). */
  CompletableFuture<ExitStatus> exit() {
    return watched.exit;
  }

  /**
   * {@link #finishOutput} without waiting: the output completes on the reactor thread at its end of
   * file or {@code drain} from now, whichever comes first (or when the reactor stops).
   */
  CompletableFuture<CapturedOutput> finishOutputLater(Duration drain) {
    reactor.finish(watched, drain);
    return watched.output;
  }

  void signal(int sig) {
    if (!groups.signalGroup(pid(), sig) && isAlive()) {
      groups.signalProcess(pid(), sig);
    }
  }
}
