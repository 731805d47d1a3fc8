package org.lvsmon.monitor.exec;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that watches every child, in a poll(2) loop over each child's output (read into
 * its {@link OutputHead}), its stdin (written without ever blocking), its pidfd (readable once it
 * exited: then it is reaped with waitid) and an eventfd through which other threads hand it work.
 * Every descriptor of a watched child is closed on this thread only, so a descriptor number is never
 * reused under the loop. Thread-safe.
 */
final class ChildReactor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChildReactor.class);
  private static final int CHUNK = 64 * 1024;
  private static final int POLLFD_SIZE = 8;
  private static final int EFD_NONBLOCK = 04000;
  private static final int EFD_CLOEXEC = 02000000;
  private static final byte[] ONE = {1, 0, 0, 0, 0, 0, 0, 0}; // a little-endian uint64 for the eventfd
  private static final long PAUSE_AFTER_FAILURE_MILLIS = 100;
  private static final byte OUT = 0;
  private static final byte IN = 1;
  private static final byte EXIT = 2;

  private final String threadName;
  private final int wakeFd;
  private final Thread thread;
  private final Object lock = new Object();
  private List<Runnable> pending = new ArrayList<>(); // guarded by lock
  private boolean wakeSent; // guarded by lock
  private boolean stopped; // guarded by lock
  private volatile boolean stopping;

  // reactor thread only
  private final List<WatchedChild> children = new ArrayList<>();
  private final Memory buffer = new Memory(CHUNK);
  private final Memory siginfo = new Memory(LibC.SIGINFO_SIZE);
  private Memory pollfds = new Memory(POLLFD_SIZE * 16L);
  private WatchedChild[] slotChild = new WatchedChild[16];
  private byte[] slotKind = new byte[16];

  /** Starts the reactor thread, a daemon thread named {@code threadName}. */
  ChildReactor(String threadName) {
    this.threadName = threadName;
    this.wakeFd = LibC.eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    this.thread = new Thread(this::run, threadName);
    thread.setDaemon(true); // children may outlive a stopping daemon, as mon's alerts do
    thread.start();
  }

  /** Whether {@link #close} was called. */
  boolean closed() {
    return stopping;
  }

  /** Starts watching {@code child}, whose descriptors now belong to the reactor; false once closed. */
  boolean watch(WatchedChild child) {
    return submit(() -> children.add(child));
  }

  /**
   * Stops writing the child's stdin, and stops reading its output {@code drain} from now unless it
   * ends before: then {@link WatchedChild#output} completes.
   */
  void finish(WatchedChild child, Duration drain) {
    if (child.output.isDone() && !child.stdinOpen) {
      return;
    }
    long deadline = System.nanoTime() + drain.toNanos();
    submit(() -> {
      child.closeStdin();
      child.drainUntil(deadline);
    });
  }

  /** Closes the child's pipes now; the child itself stays watched until it is reaped. */
  void release(WatchedChild child) {
    if (child.output.isDone() && !child.stdinOpen) {
      return;
    }
    submit(() -> {
      child.closeStdin();
      child.stopOutput(false);
    });
  }

  /**
   * Stops the thread, closing every descriptor it holds; children still running are left alone,
   * unreaped, and their futures fail. Waits up to {@link Child#STOP_WAIT}. Idempotent.
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (stopped || stopping) {
        return;
      }
      stopping = true;
      wakeUp();
    }
    Waits.join(thread, Child.STOP_WAIT);
  }

  private boolean submit(Runnable command) {
    synchronized (lock) {
      if (stopped || stopping) {
        return false;
      }
      pending.add(command);
      if (!wakeSent) {
        wakeSent = true;
        wakeUp(); // under the lock, so that it never writes to the descriptor shutDown closes
      }
    }
    return true;
  }

  /** Call holding the lock. */
  private void wakeUp() {
    try {
      LibC.write(wakeFd, ONE, ONE.length);
    } catch (LastErrorException e) {
      // EAGAIN: the counter is full, so the reactor has a wake-up pending anyway
      if (e.getErrorCode() != LibC.EAGAIN) {
        throw new IllegalStateException("[" + threadName + "] cannot wake the reactor: errno " + e.getErrorCode(), e);
      }
    }
  }

  private void run() {
    try {
      while (!stopping) {
        try {
          turn();
        } catch (RuntimeException | Error e) {
          log.error("[{}] watching children failed; going on", threadName, e);
          sleepAfterFailure();
        }
      }
    } finally {
      shutDown();
    }
  }

  /** One poll and the work it found. */
  private void turn() {
    int n = preparePoll();
    int ready;
    try {
      ready = LibC.poll(pollfds, n, timeoutMillis());
    } catch (LastErrorException e) {
      if (e.getErrorCode() == LibC.EINTR) {
        return;
      }
      throw e;
    }
    for (int i = 1; i < n && ready > 0; i++) {
      if (pollfds.getShort((long) i * POLLFD_SIZE + 6) != 0) {
        ready--;
        dispatch(slotChild[i], slotKind[i]);
      }
    }
    if (pollfds.getShort(6) != 0) {
      LibC.read(wakeFd, buffer, 8);
    }
    runCommands();
    expireDeadlines();
    children.removeIf(WatchedChild::released);
    Arrays.fill(slotChild, 0, n, null); // let go of released children
  }

  private int preparePoll() {
    int max = 1 + 3 * children.size();
    if (slotChild.length < max) {
      int size = Math.max(max, slotChild.length * 2);
      pollfds.close();
      pollfds = new Memory((long) POLLFD_SIZE * size);
      slotChild = new WatchedChild[size];
      slotKind = new byte[size];
    }
    int n = 0;
    n = slot(n, wakeFd, LibC.POLLIN, null, OUT);
    for (WatchedChild c : children) {
      n = slot(n, c.outFd(), LibC.POLLIN, c, OUT);
      n = slot(n, c.inFd(), LibC.POLLOUT, c, IN);
      n = slot(n, c.pidfd(), LibC.POLLIN, c, EXIT);
    }
    return n;
  }

  private int slot(int n, int fd, short events, WatchedChild c, byte kind) {
    if (fd < 0) {
      return n;
    }
    long at = (long) n * POLLFD_SIZE;
    pollfds.setInt(at, fd);
    pollfds.setShort(at + 4, events);
    pollfds.setShort(at + 6, (short) 0);
    slotChild[n] = c;
    slotKind[n] = kind;
    return n + 1;
  }

  /** Until the next output deadline, in ms rounded up; -1 (forever) when there is none. */
  private int timeoutMillis() {
    long now = System.nanoTime();
    long left = Long.MAX_VALUE;
    for (WatchedChild c : children) {
      if (c.hasOutputDeadline()) {
        left = Math.min(left, Math.max(0, c.outputDeadline() - now));
      }
    }
    if (left == Long.MAX_VALUE) {
      return -1;
    }
    return (int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left + 999_999));
  }

  private void dispatch(WatchedChild c, byte kind) {
    try {
      switch (kind) {
        case OUT -> c.readOutput(buffer);
        case IN -> c.writeStdin(buffer);
        default -> c.reap(siginfo);
      }
    } catch (RuntimeException e) {
      log.error("[{}] watching {} failed; letting go of it", threadName, c, e);
      c.abandon(e);
    }
  }

  private void runCommands() {
    List<Runnable> commands;
    synchronized (lock) {
      if (pending.isEmpty()) {
        return;
      }
      commands = pending;
      pending = new ArrayList<>();
      wakeSent = false;
    }
    for (Runnable r : commands) {
      try {
        r.run();
      } catch (RuntimeException e) {
        log.error("[{}] a request to the reactor failed; going on with the others", threadName, e);
      }
    }
  }

  private void expireDeadlines() {
    long now = System.nanoTime();
    for (WatchedChild c : children) {
      if (c.hasOutputDeadline() && now - c.outputDeadline() >= 0) {
        c.stopOutput(false);
      }
    }
  }

  private void shutDown() {
    synchronized (lock) {
      stopped = true;
      LibC.closeQuietly(wakeFd);
    }
    runCommands();
    IllegalStateException gone = new IllegalStateException("[" + threadName + "] stopped watching children");
    for (WatchedChild c : children) {
      c.abandon(gone);
    }
    children.clear();
  }

  private void sleepAfterFailure() {
    try {
      Thread.sleep(PAUSE_AFTER_FAILURE_MILLIS); // a failure that repeats must not spin a core
    } catch (InterruptedException e) {
      stopping = true;
    }
  }
}
