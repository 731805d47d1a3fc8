package org.lvsmon.monitor.exec;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Child#terminate} without a blocked thread: SIGTERM to the child's process group now, a look
 * every {@value #POLL_MILLIS} ms on {@code timer} (there is no event for the last group member
 * dying), SIGKILL when the child or a member still lives once the grace has passed, then up to
 * {@link Child#STOP_WAIT} for the group to be gone. {@link #done} completes with whether SIGKILL was
 * needed; it always completes, also when {@code timer} refuses work (the daemon is stopping).
 */
final class GroupStop {
  private static final Logger log = LoggerFactory.getLogger(GroupStop.class);
  private static final long POLL_MILLIS = 20;

  private final Child child;
  private final ScheduledExecutorService timer;
  private final CompletableFuture<Boolean> done = new CompletableFuture<>();
  private final long termDeadline;
  private long killDeadline;
  private boolean killed;

  private GroupStop(Child child, Duration grace, ScheduledExecutorService timer) {
    this.child = child;
    this.timer = timer;
    this.termDeadline = System.nanoTime() + grace.toNanos();
  }

  /** Sends SIGTERM to the group of {@code child} and goes on as described above. */
  static CompletableFuture<Boolean> start(Child child, Duration grace, ScheduledExecutorService timer) {
    GroupStop stop = new GroupStop(child, grace, timer);
    child.signal(LibC.SIGTERM);
    stop.schedule();
    return stop.done;
  }

  private void look() {
    try {
      boolean gone = !child.isAlive() && !child.groupHasLiveMembers();
      long now = System.nanoTime();
      if (gone) {
        done.complete(killed);
      } else if (!killed && now - termDeadline >= 0) {
        child.signal(LibC.SIGKILL);
        killed = true;
        killDeadline = now + Child.STOP_WAIT.toNanos();
        schedule();
      } else if (killed && now - killDeadline >= 0) {
        log.error("[{}] process group {} is still there {} ms after SIGKILL (stuck in the kernel?); giving up on it",
            child.name(), child.pid(), Child.STOP_WAIT.toMillis());
        done.complete(true);
      } else {
        schedule();
      }
    } catch (RuntimeException e) {
      log.error("[{}] stopping process group {} failed; giving up on it", child.name(), child.pid(), e);
      done.complete(killed);
    }
  }

  private void schedule() {
    try {
      timer.schedule(this::look, POLL_MILLIS, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // the daemon is stopping: one last SIGKILL rather than a group left running unseen
      child.signal(LibC.SIGKILL);
      done.complete(true);
    }
  }
}
