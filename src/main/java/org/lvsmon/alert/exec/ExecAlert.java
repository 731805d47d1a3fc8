package org.lvsmon.alert.exec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.lvsmon.alert.AlertAction;
import org.lvsmon.alert.AlertCall;
import org.lvsmon.config.EnvironmentCheck;
import org.lvsmon.monitor.exec.Bounds;
import org.lvsmon.monitor.exec.CapturedOutput;
import org.lvsmon.monitor.exec.Child;
import org.lvsmon.monitor.exec.ChildLauncher;
import org.lvsmon.monitor.exec.ChildSpec;
import org.lvsmon.monitor.exec.ExitStatus;
import org.lvsmon.monitor.exec.MonDirs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs alert programs as mon does: the program found on the alertdir path, argv = [path] + {@link
 * AlertCall#arguments()}, no shell, {@link AlertCall#stdin()} written to its stdin and closed, and
 * the daemon's environment plus {@link AlertCall#env()} and {@code MON_STATEDIR}, {@code
 * MON_LOGDIR}, {@code MON_CFBASEDIR}. Like mon it does not wait for the alert; unlike mon it reaps
 * every alert on a worker thread, logging its exit status and first output lines (at WARN when it
 * failed), and bounds it: an alert still running after {@link Limits#runtimeLimit} has its process
 * group stopped (SIGTERM, SIGKILL after {@link Limits#killGrace}), and at most {@link
 * Limits#maxRunning} run at once. Thread-safe.
 */
public final class ExecAlert implements AlertAction, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ExecAlert.class);
  private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(1);
  private static final int MAX_LOGGED_LINE = 200;

  /**
   * Bounds of alert runs: {@code runtimeLimit} before the process group is stopped; {@code
   * killGrace} between SIGTERM and SIGKILL; {@code maxRunning} alerts at once (more are not
   * started, and logged as errors); {@code outputLimit} bytes of output kept for the log, of which
   * the first {@code logLines} lines are logged.
   */
  public record Limits(Duration runtimeLimit, Duration killGrace, int maxRunning, int outputLimit, int logLines) {
    public static final Limits DEFAULTS = new Limits(Duration.ofMinutes(10), Duration.ofSeconds(5), 64, 4096, 5);

    public Limits {
      Bounds.requirePositive("alert runtime limit", runtimeLimit);
      Bounds.requirePositive("alert kill grace", killGrace);
      if (maxRunning < 1 || outputLimit < 0 || logLines < 0) {
        throw new IllegalArgumentException("alert limits out of range: maxRunning " + maxRunning
            + " (at least 1), outputLimit " + outputLimit + ", logLines " + logLines + " (not negative)");
      }
    }
  }

  private final ChildLauncher launcher;
  private final List<Path> alertdirs;
  private final MonDirs dirs;
  private final Limits limits;
  private final Semaphore slots;
  private final ThreadPoolExecutor reapers;

  public ExecAlert(ChildLauncher launcher, List<Path> alertdirs, MonDirs dirs, Limits limits) {
    this.launcher = launcher;
    this.alertdirs = List.copyOf(alertdirs);
    this.dirs = dirs;
    this.limits = limits;
    this.slots = new Semaphore(limits.maxRunning());
    AtomicInteger n = new AtomicInteger();
    // The slots bound the queue (never more jobs than maxRunning), so nothing is ever rejected.
    this.reapers = new ThreadPoolExecutor(limits.maxRunning(), limits.maxRunning(), 10, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "lvsmon-alert-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    this.reapers.allowCoreThreadTimeOut(true);
  }

  @Override
  public boolean send(AlertCall call) {
    return launch(call).isPresent();
  }

  /**
   * Starts the alert like {@link #send} and returns how it will end, or empty when it was not
   * started. The future completes on a worker thread once the alert has been reaped.
   */
  public Optional<CompletableFuture<AlertExit>> launch(AlertCall call) {
    String entity = call.service().group() + "/" + call.service().service();
    String name = call.command().name();
    Optional<Path> program = EnvironmentCheck.resolve(name, alertdirs);
    if (program.isEmpty()) {
      log.error("[{}] no alert found while trying to run {} (searched {})", entity, name, alertdirs);
      return Optional.empty();
    }
    if (reapers.isShutdown()) {
      log.error("[{}] alert {} not started: lvsmon is shutting down", entity, name);
      return Optional.empty();
    }
    if (!slots.tryAcquire()) {
      log.error("[{}] alert {} not started: {} alerts are running already (alert maxRunning limit)",
          entity, name, limits.maxRunning());
      return Optional.empty();
    }
    Child child;
    try {
      child = launcher.start(spec(entity, program.get(), call));
    } catch (IOException | RuntimeException e) {
      slots.release();
      log.error("[{}] could not start alert {}: {}", entity, program.get(), e.getMessage(), e);
      return Optional.empty();
    }
    log.debug("[{}] started alert {} (pid {})", entity, program.get(), child.pid());
    CompletableFuture<AlertExit> exit = new CompletableFuture<>();
    try {
      reapers.execute(() -> reap(entity, name, child, exit));
    } catch (RejectedExecutionException e) {
      slots.release();
      child.close();
      log.warn("[{}] alert {} (pid {}) started while lvsmon shuts down; it runs on untracked", entity, name, child.pid());
      exit.complete(new AlertExit(null, false, ""));
    }
    return Optional.of(exit);
  }

  /**
   * Stops reaping: waits up to {@code wait} for running alerts, then leaves the rest running
   * untracked, as mon leaves its forked alerts. Idempotent.
   */
  public void shutdown(Duration wait) {
    reapers.shutdown();
    try {
      if (!reapers.awaitTermination(wait.toNanos(), TimeUnit.NANOSECONDS)) {
        reapers.shutdownNow();
        reapers.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      reapers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** {@link #shutdown} with a 5 s wait. */
  @Override
  public void close() {
    shutdown(Duration.ofSeconds(5));
  }

  private ChildSpec spec(String entity, Path program, AlertCall call) {
    List<String> argv = new ArrayList<>();
    argv.add(program.toAbsolutePath().toString());
    argv.addAll(call.arguments());
    Map<String, String> env = new LinkedHashMap<>(call.env());
    env.putAll(dirs.env());
    return new ChildSpec(entity + "-" + call.command().name(), argv, env, call.stdin(), limits.outputLimit());
  }

  private void reap(String entity, String name, Child child, CompletableFuture<AlertExit> exit) {
    AlertExit result = new AlertExit(null, false, "");
    try {
      boolean exited = child.waitFor(limits.runtimeLimit());
      if (!exited) {
        log.warn("[{}] alert {} (pid {}) still running after {} (alert runtime limit); stopping its process group",
            entity, name, child.pid(), Bounds.format(limits.runtimeLimit()));
        if (child.terminate(limits.killGrace())) {
          log.warn("[{}] alert {} process group {} outlived SIGTERM by {} (alert kill grace); sent SIGKILL",
              entity, name, child.pid(), Bounds.format(limits.killGrace()));
        }
      }
      CapturedOutput out = child.finishOutput(OUTPUT_DRAIN);
      ExitStatus status = child.isAlive() ? null : child.exitStatus();
      result = new AlertExit(status, !exited, firstLines(out.text(), limits.logLines()));
      logExit(entity, name, child.pid(), result);
    } catch (InterruptedException e) {
      log.info("[{}] alert {} (pid {}) runs on untracked: lvsmon is shutting down", entity, name, child.pid());
    } catch (RuntimeException | Error e) {
      log.error("[{}] reaping alert {} (pid {}) failed", entity, name, child.pid(), e);
    } finally {
      child.close();
      slots.release();
      exit.complete(result);
    }
  }

  private static void logExit(String entity, String name, long pid, AlertExit r) {
    String output = r.outputHead().isEmpty() ? "" : ": " + r.outputHead();
    if (r.succeeded()) {
      log.info("[{}] alert {} (pid {}) exited 0{}", entity, name, pid, output);
    } else if (r.timedOut()) {
      log.warn("[{}] alert {} (pid {}) was stopped at the alert runtime limit{}", entity, name, pid, output);
    } else {
      log.warn("[{}] alert {} (pid {}) failed with {}{}", entity, name, pid, r.status(), output);
    }
  }

  /** The first {@code n} non-blank lines, each cut to 200 characters, joined with {@code " | "}. */
  static String firstLines(String text, int n) {
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (lines.size() == n) {
        break;
      }
      if (!line.isBlank()) {
        lines.add(line.length() > MAX_LOGGED_LINE ? line.substring(0, MAX_LOGGED_LINE) + "..." : line);
      }
    }
    return String.join(" | ", lines);
  }
}
