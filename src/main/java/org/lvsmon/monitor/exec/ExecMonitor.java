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
import java.util.concurrent.ConcurrentHashMap;
import org.lvsmon.monitor.CheckResult;
import org.lvsmon.monitor.Monitor;
import org.lvsmon.monitor.MonitorNotStartedException;
import org.lvsmon.monitor.MonitorRequest;
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
 * group (SIGTERM, then SIGKILL after {@link Limits#killGrace}); interrupting {@link #run} stops the
 * group the same way (mon's {@code reset} SIGTERMs the monitor alone and waits). Thread-safe.
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
  private final Map<Long, RunningMonitor> running = new ConcurrentHashMap<>();

  public ExecMonitor(ChildLauncher launcher, MonDirs dirs, Limits limits, Clock clock) {
    this.launcher = launcher;
    this.dirs = dirs;
    this.limits = limits;
    this.clock = clock;
  }

  @Override
  public CheckResult run(MonitorRequest request) throws InterruptedException, MonitorNotStartedException {
    Child child = start(request);
    Instant started = clock.instant();
    running.put(child.pid(), new RunningMonitor(request.service(), child.pid(), started));
    try {
      return await(request, child, started);
    } finally {
      running.remove(child.pid());
      child.close();
    }
  }

  @Override
  public List<RunningMonitor> running() {
    List<RunningMonitor> list = new ArrayList<>(running.values());
    list.sort(Comparator.comparing(RunningMonitor::started).thenComparing(RunningMonitor::pid));
    return List.copyOf(list);
  }

  private Child start(MonitorRequest request) throws MonitorNotStartedException {
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

  private CheckResult await(MonitorRequest request, Child child, Instant started) throws InterruptedException {
    String label = request.label();
    boolean exited;
    try {
      if (request.timeout() == null) {
        child.waitFor();
        exited = true;
      } else {
        exited = child.waitFor(request.timeout());
      }
    } catch (InterruptedException e) {
      log.info("[{}] interrupted; stopping monitor {} (pid {}) and its process group", label, request.program(), child.pid());
      stop(label, child);
      child.finishOutput(limits.outputDrain());
      throw e;
    }
    if (!exited) {
      String took = Bounds.format(request.timeout());
      log.warn("[{}] monitor {} (pid {}) still running after {} (monitor timeout); stopping its process group",
          label, request.program(), child.pid(), took);
      stop(label, child);
      CapturedOutput out = child.finishOutput(limits.outputDrain());
      return CheckResult.of(TIMEOUT_EXIT_VALUE, "monitor timed out after " + took + "\n" + out.text(), started, clock.instant());
    }
    CapturedOutput out = child.finishOutput(limits.outputDrain());
    if (!out.complete()) {
      log.warn("[{}] monitor {} exited but a background process still holds its output open; stopped reading"
          + " after {} (monitor output drain)", label, request.program(), Bounds.format(limits.outputDrain()));
    }
    ExitStatus status = child.exitStatus();
    if (status.signalled()) {
      log.warn("[{}] monitor {} (pid {}) was killed by {}; as in mon this counts as success (exit value 0)",
          label, request.program(), child.pid(), status);
    }
    return CheckResult.of(status.monValue(), out.text(), started, clock.instant());
  }

  private void stop(String label, Child child) {
    if (child.terminate(limits.killGrace())) {
      log.warn("[{}] process group {} was still alive {} after SIGTERM (monitor kill grace); sent SIGKILL",
          label, child.pid(), Bounds.format(limits.killGrace()));
    }
  }
}
