package org.lvsmon.monitor.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lvsmon.monitor.exec.TestPrograms.awaitPid;
import static org.lvsmon.monitor.exec.TestPrograms.isRunning;
import static org.lvsmon.monitor.exec.TestPrograms.script;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lvsmon.config.CommandLine;
import org.lvsmon.config.MonitorCommand;
import org.lvsmon.config.ServiceRef;
import org.lvsmon.monitor.CheckResult;
import org.lvsmon.monitor.MonitorNotStartedException;
import org.lvsmon.monitor.MonitorRequest;
import org.lvsmon.monitor.MonitorRun;

/** {@link ExecMonitor#start}: runs that hold no thread, ended by the reactor, the timer or stop. */
@Tag("process")
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExecMonitorAsyncProcessTest {
  private static final ServiceRef SSH = new ServiceRef("login", "ssh");
  private static ChildLauncher launcher;
  private static ScheduledThreadPoolExecutor timer;
  private static ExecutorService noWorkers;

  @TempDir Path dir;

  @BeforeAll
  static void setUp() {
    launcher = ChildLauncher.create();
    timer = TestPrograms.monitorTimer();
    noWorkers = Executors.newSingleThreadExecutor();
    noWorkers.shutdown(); // refuses every task: an external monitor must never take a worker
  }

  @AfterAll
  static void tearDown() {
    timer.shutdownNow();
    launcher.close();
  }

  private ExecMonitor monitor() {
    MonDirs dirs = new MonDirs(dir.resolve("state"), dir.resolve("log"), dir.resolve("cf"));
    return new ExecMonitor(launcher, dirs, ExecMonitor.Limits.DEFAULTS, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), timer);
  }

  private static MonitorRequest request(Path program, Duration timeout, String... args) {
    String name = program.getFileName().toString();
    MonitorCommand cmd = new MonitorCommand(new CommandLine(name, List.of(args), String.join(" ", args)), true, name);
    return new MonitorRequest(SSH, program, cmd, List.of(), Map.of(), timeout);
  }

  private static CheckResult await(MonitorRun run) throws Exception {
    return run.result().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void start_usesNoWorker_andCompletesOnTheReactorThread() throws Exception {
    Path p = script(dir, "slowish.monitor", "sleep 0.3; echo ok; exit 1");
    MonitorRun run = monitor().start(request(p, null), noWorkers);
    CompletableFuture<String> completedOn = run.result().toCompletableFuture()
        .thenApply(r -> Thread.currentThread().getName());

    // wait on the dependent only: a thread waiting on the result itself could run the dependent
    assertThat(completedOn.get(10, TimeUnit.SECONDS)).isEqualTo("lvsmon-children");
    CheckResult r = await(run);
    assertThat(r.exitValue()).isEqualTo(1);
    assertThat(r.output()).isEqualTo("ok\n");
  }

  @Test
  void stop_terminatesTheWholeGroup_andCancelsTheResult() throws Exception {
    Path pidFile = dir.resolve("grandchild");
    Path p = script(dir, "hung.monitor", "sleep 1000 & echo $! > \"$1\"; wait");
    ExecMonitor m = monitor();
    MonitorRun run = m.start(request(p, null, pidFile.toString()), noWorkers);
    long grandchild = awaitPid(pidFile);
    long leader = m.running().get(0).pid(); // listed before start returned

    run.stop();
    assertThat(run.result().toCompletableFuture().handle((r, e) -> e).get(10, TimeUnit.SECONDS))
        .isInstanceOf(CancellationException.class);
    assertThat(isRunning(leader)).isFalse();
    assertThat(isRunning(grandchild)).isFalse();
    assertThat(m.running()).isEmpty();
  }

  @Test
  void timeout_endsTheRunWithExit124_withoutAThreadWaiting() throws Exception {
    Path p = script(dir, "slow.monitor", "echo started; sleep 1000");
    ExecMonitor m = monitor();
    MonitorRun run = m.start(request(p, Duration.ofMillis(200)), noWorkers);

    CheckResult r = await(run);
    assertThat(r.exitValue()).isEqualTo(ExecMonitor.TIMEOUT_EXIT_VALUE);
    assertThat(r.output()).isEqualTo("monitor timed out after 200ms\nstarted\n");
    assertThat(m.running()).isEmpty();
  }

  @Test
  void missingProgram_resultFailsWithNotStarted() {
    MonitorRun run = monitor().start(request(dir.resolve("absent.monitor"), null), noWorkers);
    assertThat(run.result().toCompletableFuture()).isCompletedExceptionally();
    assertThat(run.result().toCompletableFuture().handle((r, e) -> e).join())
        .isInstanceOf(MonitorNotStartedException.class).hasMessageContaining("no monitor found");
  }
}
