package org.lvsmon.monitor.exec;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/** Shell scripts as test monitors and alerts, and waits on real processes. */
public final class TestPrograms {
  private TestPrograms() {}

  /** Writes an executable {@code #!/bin/sh} script named {@code name} into {@code dir}. */
  public static Path script(Path dir, String name, String body) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  /** Whether {@code pid} exists and is not a zombie (orphans may stay zombies in containers). */
  public static boolean isRunning(long pid) {
    ProcStat stat = ProcStat.read(Path.of("/proc/" + pid + "/stat"));
    return stat != null && stat.live();
  }

  /** Polls {@code condition} every 10 ms until it holds, failing after {@code timeout}. */
  public static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out after " + timeout + " waiting for " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted waiting for " + what);
      }
    }
  }

  /** Reads a pid that a script wrote, with a newline, to {@code file}, waiting for it to appear. */
  public static long awaitPid(Path file) {
    await("pid in " + file, Duration.ofSeconds(5), () -> {
      try {
        return Files.exists(file) && Files.readString(file).endsWith("\n");
      } catch (IOException e) {
        return false;
      }
    });
    try {
      return Long.parseLong(Files.readString(file).strip());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The live threads other than the JDK's process reapers (a pool that idles out on its own). */
  public static Set<Thread> liveThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(t -> !t.getName().startsWith("process reaper"))
        .collect(Collectors.toSet());
  }

  /** A timer for {@link ExecMonitor}, its one daemon thread already started (so part of a thread baseline). */
  public static ScheduledThreadPoolExecutor monitorTimer() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "test-monitor-timer");
      t.setDaemon(true);
      return t;
    });
    timer.prestartAllCoreThreads();
    return timer;
  }
}
