package org.lvsmon.monitor.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lvsmon.monitor.exec.TestPrograms.await;
import static org.lvsmon.monitor.exec.TestPrograms.awaitPid;
import static org.lvsmon.monitor.exec.TestPrograms.isRunning;
import static org.lvsmon.monitor.exec.TestPrograms.script;

import ch.qos.logback.classic.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lvsmon.config.CommandLine;
import org.lvsmon.config.MonitorCommand;
import org.lvsmon.config.ServiceRef;
import org.lvsmon.monitor.CheckResult;
import org.lvsmon.monitor.MonitorNotStartedException;
import org.lvsmon.monitor.MonitorRequest;

/** ExecMonitor against real child processes: small shell scripts written to a temporary directory. */
@Tag("process")
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExecMonitorProcessTest {
  private static final ServiceRef SSH = new ServiceRef("login", "ssh");
  private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");
  private static ChildLauncher launcher;
  private static ScheduledThreadPoolExecutor timer;

  @TempDir Path dir;
  private MonDirs dirs;
  private ExecMonitor monitor;

  @BeforeAll
  static void launcher() {
    launcher = ChildLauncher.create();
    timer = TestPrograms.monitorTimer();
  }

  @BeforeEach
  void setUp() {
    dirs = new MonDirs(dir.resolve("state"), dir.resolve("log"), dir.resolve("cf"));
    monitor = monitor(ExecMonitor.Limits.DEFAULTS);
  }

  private ExecMonitor monitor(ExecMonitor.Limits limits) {
    return new ExecMonitor(launcher, dirs, limits, Clock.fixed(NOW, ZoneOffset.UTC), timer);
  }

  private static MonitorRequest request(Path program, List<String> args, boolean appendHosts, List<String> hosts,
      Map<String, String> env, Duration timeout) {
    String name = program.getFileName().toString();
    MonitorCommand cmd = new MonitorCommand(new CommandLine(name, args, String.join(" ", args)), appendHosts, name);
    return new MonitorRequest(SSH, program, cmd, hosts, env, timeout);
  }

  private static MonitorRequest request(Path program, String... args) {
    return request(program, List.of(args), true, List.of(), Map.of(), null);
  }

  private static MonitorRequest withTimeout(Path program, Duration timeout, String... args) {
    return request(program, List.of(args), true, List.of(), Map.of(), timeout);
  }

  @Test
  void argv_isProgramThenConfiguredArgsThenHosts_withoutShell() throws Exception {
    Path p = script(dir, "args.monitor", "printf '%s\\n' \"$0\"; for a in \"$@\"; do printf '[%s]\\n' \"$a\"; done");
    CheckResult r = monitor.run(request(p, List.of("--x", "quoted arg", "$HOME", "*", ""), true,
        List.of("127.0.0.1", "node3"), Map.of(), null));
    assertThat(r.output()).isEqualTo(p + "\n[--x]\n[quoted arg]\n[$HOME]\n[*]\n[]\n[127.0.0.1]\n[node3]\n");
    assertThat(r.exitValue()).isZero();
    assertThat(r.started()).isEqualTo(NOW);
  }

  @Test
  void argv_lineEndingInDoubleSemicolon_getsNoHosts() throws Exception {
    Path p = script(dir, "args.monitor", "for a in \"$@\"; do printf '[%s]\\n' \"$a\"; done");
    CheckResult r = monitor.run(request(p, List.of("--x", "quoted arg"), false, List.of("127.0.0.1"), Map.of(), null));
    assertThat(r.output()).isEqualTo("[--x]\n[quoted arg]\n");
  }

  @Test
  void env_isDaemonEnvPlusServiceVarsMonVarsAndDirs() throws Exception {
    Path p = script(dir, "env.monitor", String.join("\n",
        "printf 'PATH=%s\\n' \"$PATH\"",
        "printf 'FOO_BAR=%s\\n' \"$FOO_BAR\"",
        "printf 'MON_GROUP=%s MON_SERVICE=%s\\n' \"$MON_GROUP\" \"$MON_SERVICE\"",
        "printf 'MON_LAST_FAILURE=%s MON_LAST_SUCCESS=%s\\n' \"$MON_LAST_FAILURE\" \"$MON_LAST_SUCCESS\"",
        "printf 'MON_LAST_OUTPUT=%s\\n' \"$MON_LAST_OUTPUT\"",
        "printf 'dirs=%s %s %s\\n' \"$MON_STATEDIR\" \"$MON_LOGDIR\" \"$MON_CFBASEDIR\""));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("FOO_BAR", "x y");
    env.put("MON_GROUP", "login");
    env.put("MON_SERVICE", "ssh");
    env.put("MON_LAST_OUTPUT", "line1\nline2");
    env.put("MON_LAST_FAILURE", "0");
    env.put("MON_LAST_SUCCESS", "1795310965");
    env.put("MON_STATEDIR", "/set/by/the/executor/instead");
    CheckResult r = monitor.run(request(p, List.of(), true, List.of(), env, null));
    assertThat(r.output()).isEqualTo(
        "PATH=" + System.getenv("PATH") + "\n"
            + "FOO_BAR=x y\n"
            + "MON_GROUP=login MON_SERVICE=ssh\n"
            + "MON_LAST_FAILURE=0 MON_LAST_SUCCESS=1795310965\n"
            + "MON_LAST_OUTPUT=line1\nline2\n"
            + "dirs=" + dirs.statedir() + " " + dirs.logdir() + " " + dirs.cfbasedir() + "\n");
  }

  @Test
  void stderr_isMergedIntoStdout_inWriteOrder() throws Exception {
    Path p = script(dir, "mixed.monitor", "echo 'host1 host2'; echo 'err line' >&2; echo out2; exit 1");
    CheckResult r = monitor.run(request(p));
    assertThat(r.output()).isEqualTo("host1 host2\nerr line\nout2\n");
    assertThat(r.summary()).isEqualTo("host1 host2");
  }

  @Test
  void stdin_isDevNull() throws Exception {
    Path p = script(dir, "stdin.monitor", "readlink /proc/self/fd/0; cat; echo end");
    assertThat(monitor.run(request(p)).output()).isEqualTo("/dev/null\nend\n");
  }

  @ParameterizedTest(name = "exit {0}")
  @ValueSource(ints = {0, 1, 3})
  void exitValue_isTheMonitorsExitCode(int code) throws Exception {
    Path p = script(dir, "exit.monitor", "echo failing; exit " + code);
    CheckResult r = monitor.run(request(p));
    assertThat(r.exitValue()).isEqualTo(code);
    assertThat(r.failed()).isEqualTo(code != 0);
  }

  @Test
  void killedBySignal_countsAsSuccess_asInMon_andWarnsWithTheSignal() throws Exception {
    Path p = script(dir, "sigkill.monitor", "echo 'about to die'; kill -9 $$");
    try (LogCapture logs = LogCapture.of(ExecMonitor.class)) {
      CheckResult r = monitor.run(request(p));
      assertThat(r.exitValue()).isZero();
      assertThat(r.output()).isEqualTo("about to die\n");
      assertThat(logs.messages(Level.WARN)).singleElement().asString()
          .contains("[login/ssh]", "signal 9 (SIGKILL)", "counts as success");
    }
  }

  @Test
  void noOutput_isAValidResult_withEmptySummary() throws Exception {
    Path p = script(dir, "noout.monitor", "exit 1");
    CheckResult r = monitor.run(request(p));
    assertThat(r.exitValue()).isEqualTo(1);
    assertThat(r.output()).isEmpty();
    assertThat(r.summary()).isEmpty();
    assertThat(r.detail()).isNull();
  }

  @Test
  void hugeOutput_isCappedWithANote_andTheMonitorIsNeverBlocked() throws Exception {
    // 10 MiB in 16-byte lines; head exits 0 only if every write succeeded (nothing blocked or broke)
    Path p = script(dir, "huge.monitor", "yes abcdefghijklmno | head -c 10485760");
    CheckResult r = monitor.run(request(p));
    String note = "[lvsmon: output truncated at 65536 bytes of 10485760]\n";
    assertThat(r.exitValue()).isZero();
    assertThat(r.summary()).isEqualTo("abcdefghijklmno");
    assertThat(r.output()).hasSize(65536 + note.length()).endsWith("abcdefghijklmno\n" + note);
  }

  @Test
  void outputLimit_isConfigurable() throws Exception {
    Path p = script(dir, "chatty.monitor", "echo 0123456789; echo more; exit 2");
    ExecMonitor small = monitor(new ExecMonitor.Limits(11, Duration.ofSeconds(5), Duration.ofSeconds(1)));
    CheckResult r = small.run(request(p));
    assertThat(r.output()).isEqualTo("0123456789\n[lvsmon: output truncated at 11 bytes of 16]\n");
    assertThat(r.exitValue()).isEqualTo(2);
  }

  @Test
  void monitor_leadsItsOwnSessionAndProcessGroup_andIsListedWhileRunning() throws Exception {
    Path release = dir.resolve("release");
    Path p = script(dir, "pg.monitor",
        "cut -d' ' -f1,5,6 /proc/$$/stat; while [ ! -e '" + release + "' ]; do sleep 0.02; done");
    ExecutorService ex = Executors.newSingleThreadExecutor();
    try {
      Future<CheckResult> f = ex.submit(() -> monitor.run(request(p)));
      await("monitor listed", Duration.ofSeconds(5), () -> !monitor.running().isEmpty());
      long pid = monitor.running().get(0).pid();
      assertThat(monitor.running().get(0).service()).isEqualTo(SSH);
      Files.createFile(release);
      assertThat(f.get().output()).as("pid, process group, session").isEqualTo(pid + " " + pid + " " + pid + "\n");
      assertThat(monitor.running()).isEmpty();
    } finally {
      ex.shutdownNow();
    }
  }

  @Test
  void hungMonitor_withoutTimeout_keepsRunning_thenInterruptStopsItsWholeGroup() throws Exception {
    Path pidFile = dir.resolve("grandchild");
    Path p = script(dir, "hung.monitor", "sleep 1000 & echo $! > \"$1\"; wait");
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread caller = new Thread(() -> {
      try {
        outcome.set(monitor.run(request(p, pidFile.toString())));
      } catch (Exception e) {
        outcome.set(e);
      }
    }, "test-caller");
    caller.start();
    long grandchild = awaitPid(pidFile);
    // the script may write its pid file before the caller has listed the run
    await("the run listed", Duration.ofSeconds(5), () -> !monitor.running().isEmpty());
    long leader = monitor.running().get(0).pid();

    caller.join(300); // mon has no monitor timeout: nothing may stop it on its own
    assertThat(caller.isAlive()).isTrue();
    assertThat(isRunning(leader)).isTrue();

    long t0 = System.nanoTime();
    caller.interrupt();
    caller.join(10_000);
    assertThat(caller.isAlive()).isFalse();
    assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    assertThat(isRunning(leader)).isFalse();
    assertThat(isRunning(grandchild)).isFalse();
    assertThat(monitor.running()).isEmpty();
  }

  @Test
  void timeout_stopsTheWholeGroup_includingADetachedBackgroundGrandchild() throws Exception {
    Path pidFile = dir.resolve("grandchild");
    Path p = script(dir, "slow.monitor",
        "sleep 1000 >/dev/null 2>&1 & echo $! > \"$1\"; echo $$; sleep 1000");
    try (LogCapture logs = LogCapture.of(ExecMonitor.class)) {
      CheckResult r = monitor.run(withTimeout(p, Duration.ofMillis(300), pidFile.toString()));
      long grandchild = awaitPid(pidFile);
      assertThat(r.exitValue()).isEqualTo(ExecMonitor.TIMEOUT_EXIT_VALUE);
      assertThat(r.summary()).isEqualTo("monitor timed out after 300ms");
      long leader = Long.parseLong(r.detail().strip());
      assertThat(isRunning(leader)).isFalse();
      assertThat(isRunning(grandchild)).isFalse();
      assertThat(logs.messages(Level.WARN)).singleElement().asString()
          .contains("[login/ssh]", "still running after 300ms (monitor timeout)");
    }
  }

  @Test
  void termIgnoringMonitor_isKilledAfterTheGrace() throws Exception {
    // the background sleep inherits the ignored TERM, so only SIGKILL to the whole group ends it
    Path p = script(dir, "stubborn.monitor", "trap '' TERM; sleep 1000 & echo $! $$; while :; do sleep 1; done");
    ExecMonitor m = monitor(new ExecMonitor.Limits(65536, Duration.ofMillis(500), Duration.ofSeconds(1)));
    try (LogCapture logs = LogCapture.of(ExecMonitor.class)) {
      long t0 = System.nanoTime();
      CheckResult r = m.run(withTimeout(p, Duration.ofMillis(200)));
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      assertThat(r.summary()).isEqualTo("monitor timed out after 200ms");
      String[] pids = r.detail().strip().split(" ");
      assertThat(isRunning(Long.parseLong(pids[0]))).as("grandchild killed").isFalse();
      assertThat(isRunning(Long.parseLong(pids[1]))).as("monitor killed").isFalse();
      assertThat(took).isBetween(Duration.ofMillis(700), Duration.ofSeconds(3));
      assertThat(logs.messages(Level.WARN)).anySatisfy(msg ->
          assertThat(msg).contains("still alive 500ms after SIGTERM (monitor kill grace); sent SIGKILL"));
    }
  }

  @Test
  void backgroundProcessHoldingTheOutput_doesNotHoldTheResult() throws Exception {
    Path pidFile = dir.resolve("grandchild");
    Path p = script(dir, "leaky.monitor", "sleep 1000 & echo $! > \"$1\"; echo done");
    ExecMonitor m = monitor(new ExecMonitor.Limits(65536, Duration.ofSeconds(5), Duration.ofMillis(200)));
    try (LogCapture logs = LogCapture.of(ExecMonitor.class)) {
      CheckResult r = m.run(request(p, pidFile.toString()));
      long grandchild = awaitPid(pidFile);
      assertThat(r.output()).isEqualTo("done\n");
      assertThat(r.exitValue()).isZero();
      assertThat(isRunning(grandchild)).as("mon leaves a monitor's leftovers alone").isTrue();
      assertThat(logs.messages(Level.WARN)).singleElement().asString().contains("background process still holds");
      launcher.groups().signalProcess(grandchild, LibC.SIGKILL);
    }
  }

  @Test
  void missingProgram_isNotStarted_andNamesThePath() {
    Path missing = dir.resolve("absent.monitor");
    assertThatThrownBy(() -> monitor.run(request(missing)))
        .isInstanceOf(MonitorNotStartedException.class)
        .hasMessageContaining("[login/ssh] no monitor found")
        .hasMessageContaining(missing.toString());
  }

  @Test
  void children_inheritNoCapabilities() throws Exception {
    Path p = script(dir, "caps.monitor", "grep -E '^Cap(Inh|Prm|Eff|Amb)' /proc/self/status");
    String out = monitor.run(request(p)).output();
    assertThat(out.lines()).hasSize(4).allSatisfy(l -> assertThat(l).endsWith("0000000000000000"));
  }

  @Test
  void manyRuns_leaveNoThreadsBehind() throws Exception {
    Path p = script(dir, "quick.monitor", "echo ok");
    Set<Thread> before = TestPrograms.liveThreads();
    for (int i = 0; i < 20; i++) {
      monitor.run(request(p));
    }
    ExecutorService ex = Executors.newFixedThreadPool(8);
    List<Future<CheckResult>> futures = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      futures.add(ex.submit(() -> monitor.run(request(p))));
    }
    for (Future<CheckResult> f : futures) {
      assertThat(f.get().output()).isEqualTo("ok\n");
    }
    ex.shutdown();
    assertThat(ex.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    await("threads back to baseline", Duration.ofSeconds(5), () -> before.containsAll(TestPrograms.liveThreads()));
  }
}
