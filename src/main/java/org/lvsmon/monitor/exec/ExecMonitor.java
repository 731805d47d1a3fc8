package org.lvsmon.monitor.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.lvsmon.monitor.CheckResult;
import org.lvsmon.monitor.Monitor;
import org.lvsmon.monitor.MonitorNotStartedException;
import org.lvsmon.monitor.MonitorRequest;
import org.lvsmon.monitor.MonitorRun;
import org.lvsmon.monitor.RunningMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a mon-protocol monitor program exactly as mon does: argv = program, the configured
 * arguments, then the hosts (unless the line ended in {@code ;;}); no shell; stdin {@code
 * /dev/null}; stderr merged into stdout; the daemon's environment plus the request's variables and
 * {@code MON_STATEDIR}, {@code MON_LOGDIR}, {@code MON_CFBASEDIR}. The result's exit value is mon's
 * {@code $? >> 8}, so a monitor killed by a signal succeeds (mon quirk, logged at WARN).
 *
 * <p>lvsmon's additions, each a bound mon lacks: the output kept is capped ({@link
 * Limits#outputLimit}; the rest is read and discarded, and a note names the limit); an opt-in
 * timeout ({@link MonitorRequest#timeout}) ends the run with the failure {@code monitor timed out
 * after 30s} (exit value {@value #TIMEOUT_EXIT_VALUE}) after stopping the monitor's whole process
 * group (SIGTERM, then SIGKILL after {@link Limits#killGrace}); interrupting {@link #run}, or stopping a
 * run got from {@link #start}, stops the group the same way (mon's {@code reset} SIGTERMs the monitor alone and waits). Thread-safe.
 */
public final class ExecMonitor implements Monitor {
  private static final Logger log = LoggerFactory.getLogger(ExecMonitor.class);

  /** The exit value of a run stopped by the monitor timeout, as timeout(1) reports one. */
  public static final int TIMEOUT_EXIT_VALUE = 124;

  /**
   * Bounds of a run. {@code outputLimit}: output bytes kept (at most 120 KiB, since the output is
   * passed to the next run in {@code MON_LAST_OUTPUT}); {@code killGrace}: how long a process group
   * has between SIGTERM and SIGKILL; {@code outputDrain}: how long to wait for the end of the output
   * after the monitor exited (a background process may hold it open).
   */
  public record Limits(int outputLimit, Duration killGrace, Duration outputDrain) {
    public static final int MAX_OUTPUT_LIMIT = 120 * 1024;
    public static final Limits DEFAULTS = new Limits(64 * 1024, Duration.ofSeconds(5), Duration.ofSeconds(1));

    public Limits {
      if (outputLimit < 1 || outputLimit > MAX_OUTPUT_LIMIT) {
        throw new IllegalArgumentException("monitor output limit must be 1.." + MAX_OUTPUT_LIMIT
            + " bytes (it is passed on in MON_LAST_OUTPUT), not " + outputLimit);
      }
      Bounds.requirePositive("monitor kill grace", killGrace);
      Bounds.requirePositive("monitor output drain", outputDrain);
    }
  }

  private final ChildLauncher launcher;
  private final MonDirs dirs;
  private final Limits limits;
  private final Clock clock;
  private final ScheduledExecutorService timer;
  private final Map<Long, RunningMonitor> running = new ConcurrentHashMap<>();

  /**
   * @param timer runs monitor timeouts and the stopping of process groups (short tasks that never
   *     block); owned by the caller
   */
  public ExecMonitor(ChildLauncher launcher, MonDirs dirs, Limits limits, Clock clock, ScheduledExecutorService timer) {
    this.launcher = launcher;
    this.dirs = dirs;
    this.limits = limits;
    this.clock = clock;
    this.timer = timer;
  }

  /**
   * Starts the monitor and returns at once, without using {@code workers}: the child reactor sees it
   * exit, and the result completes on the reactor thread; the timeout and {@link MonitorRun#stop}
   * run on this monitor's timer.
   */
  @Override
  public MonitorRun start(MonitorRequest request, ExecutorService workers) {
    try {
      return launch(request);
    } catch (MonitorNotStartedException e) {
      return MonitorRun.notStarted(e);
    }
  }

  @Override
  public CheckResult run(MonitorRequest request) throws InterruptedException, MonitorNotStartedException {
    ExecRun run = launch(request);
    CompletableFuture<CheckResult> result = run.result().toCompletableFuture();
    try {
      return result.get();
    } catch (InterruptedException e) {
      run.stop();
      Waits.await(result, limits.killGrace().plus(limits.outputDrain()).plus(Child.STOP_WAIT.multipliedBy(3)));
      throw e;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("[" + request.label() + "] monitor run failed: " + e.getCause(), e.getCause());
    }
  }

  private ExecRun launch(MonitorRequest request) throws MonitorNotStartedException {
    Child child = spawn(request);
    Instant started = clock.instant();
    running.put(child.pid(), new RunningMonitor(request.service(), child.pid(), started));
    ExecRun run = new ExecRun(request, child, started, limits, clock, timer, () -> running.remove(child.pid()));
    run.begin();
    return run;
  }

  @Override
  public List<RunningMonitor> running() {
    List<RunningMonitor> list = new ArrayList<>(running.values());
    list.sort(Comparator.comparing(RunningMonitor::started).thenComparing(RunningMonitor::pid));
    return List.copyOf(list);
  }

  private Child spawn(MonitorRequest request) throws MonitorNotStartedException {
    Path program = request.program().toAbsolutePath();
    if (!Files.isRegularFile(program) || !Files.isExecutable(program)) {
      throw new MonitorNotStartedException(request.service(),
          "[" + request.label() + "] no monitor found: " + program + " is not an executable file", null);
    }
    List<String> argv = new ArrayList<>();
    argv.add(program.toString());
    argv.addAll(request.arguments());
    Map<String, String> env = new LinkedHashMap<>(request.env());
    env.putAll(dirs.env());
    try {
      return launcher.start(new ChildSpec(request.label(), argv, env, null, limits.outputLimit()));
    } catch (IOException | RuntimeException e) {
      throw new MonitorNotStartedException(request.service(),
          "[" + request.label() + "] could not start monitor " + program + ": " + e.getMessage(), e);
    }
  }
}
