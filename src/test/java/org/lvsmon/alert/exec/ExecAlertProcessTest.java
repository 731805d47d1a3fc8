package org.lvsmon.alert.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lvsmon.monitor.exec.TestPrograms.await;
import static org.lvsmon.monitor.exec.TestPrograms.awaitPid;
import static org.lvsmon.monitor.exec.TestPrograms.isRunning;
import static org.lvsmon.monitor.exec.TestPrograms.script;

import ch.qos.logback.classic.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lvsmon.alert.AlertCall;
import org.lvsmon.alert.AlertType;
import org.lvsmon.config.CommandLine;
import org.lvsmon.config.ServiceRef;
import org.lvsmon.monitor.exec.ChildLauncher;
import org.lvsmon.monitor.exec.LogCapture;
import org.lvsmon.monitor.exec.MonDirs;
import org.lvsmon.monitor.exec.TestPrograms;

/** ExecAlert against real child processes: small shell scripts written to a temporary directory. */
@Tag("process")
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExecAlertProcessTest {
  private static final ServiceRef SSH = new ServiceRef("login", "ssh");
  private static final Instant CALLED = Instant.ofEpochSecond(1795311202);
  private static ChildLauncher launcher;

  @TempDir Path dir;
  private Path alertdir;
  private Path out;
  private MonDirs dirs;
  private final List<ExecAlert> created = new ArrayList<>();

  @BeforeAll
  static void launcher() {
    launcher = ChildLauncher.create();
  }

  @BeforeEach
  void setUp() throws Exception {
    alertdir = Files.createDirectory(dir.resolve("alert.d"));
    out = Files.createDirectory(dir.resolve("out"));
    dirs = new MonDirs(dir.resolve("state"), dir.resolve("log"), dir.resolve("cf"));
  }

  @AfterEach
  void tearDown() {
    created.forEach(ExecAlert::close);
  }

  private ExecAlert alerts(ExecAlert.Limits limits) {
    ExecAlert a = new ExecAlert(launcher, List.of(dir.resolve("missing.d"), alertdir), dirs, limits);
    created.add(a);
    return a;
  }

  private ExecAlert alerts() {
    return alerts(ExecAlert.Limits.DEFAULTS);
  }

  private AlertCall call(String alert, List<String> args, String flag, String stdin) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OUT", out.toString());
    env.put("MON_ALERTTYPE", "failure");
    env.put("MON_RETVAL", "1");
    env.put("MON_FIRST_SUCCESS", "");
    return new AlertCall(AlertType.FAILURE, flag, SSH, "wd {Mon-Fri}",
        new CommandLine(alert, args, String.join(" ", args)), List.of("127.0.0.1", "localhost"), CALLED, stdin, env);
  }

  private static AlertExit reaped(Optional<CompletableFuture<AlertExit>> launched) throws Exception {
    assertThat(launched).as("started").isPresent();
    return launched.get().get(10, TimeUnit.SECONDS);
  }

  @Test
  void argvStdinAndEnvironment_areAsMonPassesThem() throws Exception {
    script(alertdir, "dump.alert", String.join("\n",
        "printf '%s\\n' \"$0\" \"$@\" > \"$OUT/args\"",
        "cat > \"$OUT/stdin\"",
        "env > \"$OUT/env\""));
    AlertCall call = call("dump.alert", List.of("a b", "admin@example.com"), "-u", "127.0.0.1 localhost\ndetail line\n");
    AlertExit exit = reaped(alerts().launch(call));
    assertThat(exit.succeeded()).isTrue();
    assertThat(Files.readAllLines(out.resolve("args"))).containsExactly(
        alertdir.resolve("dump.alert").toString(),
        "-s", "ssh", "-g", "login", "-h", "127.0.0.1 localhost", "-t", "1795311202", "-u", "a b", "admin@example.com");
    assertThat(Files.readString(out.resolve("stdin"))).isEqualTo("127.0.0.1 localhost\ndetail line\n");
    assertThat(Files.readAllLines(out.resolve("env"))).contains(
        "MON_ALERTTYPE=failure", "MON_RETVAL=1", "MON_FIRST_SUCCESS=",
        "MON_STATEDIR=" + dirs.statedir(), "MON_LOGDIR=" + dirs.logdir(), "MON_CFBASEDIR=" + dirs.cfbasedir(),
        "PATH=" + System.getenv("PATH"));
  }

  @Test
  void missingProgram_isNotStarted_andLoggedWithTheSearchPath() {
    try (LogCapture logs = LogCapture.of(ExecAlert.class)) {
      assertThat(alerts().send(call("absent.alert", List.of(), null, ""))).isFalse();
      assertThat(logs.messages(Level.ERROR)).singleElement().asString()
          .contains("[login/ssh] no alert found while trying to run absent.alert", alertdir.toString());
    }
  }

  @Test
  void exitStatus_isReaped_andAFailureIsLoggedAtWarnWithItsOutput() throws Exception {
    script(alertdir, "broken.alert", "echo 'sendmail: cannot connect' >&2; echo second; exit 3");
    try (LogCapture logs = LogCapture.of(ExecAlert.class)) {
      AlertExit exit = reaped(alerts().launch(call("broken.alert", List.of(), null, "x\n")));
      assertThat(exit.status().code()).isEqualTo(3);
      assertThat(exit.outputHead()).isEqualTo("sendmail: cannot connect | second");
      assertThat(logs.messages(Level.WARN)).singleElement().asString()
          .contains("[login/ssh] alert broken.alert", "failed with exit 3", "sendmail: cannot connect | second");
    }
  }

  @Test
  void success_isLoggedAtInfo() throws Exception {
    script(alertdir, "ok.alert", "cat >/dev/null; echo sent");
    try (LogCapture logs = LogCapture.of(ExecAlert.class)) {
      assertThat(reaped(alerts().launch(call("ok.alert", List.of(), null, "x\n"))).succeeded()).isTrue();
      assertThat(logs.messages(Level.INFO)).singleElement().asString().contains("alert ok.alert", "exited 0: sent");
      assertThat(logs.messages(Level.WARN)).isEmpty();
    }
  }

  @Test
  void severalAlertsOfOneEvent_runConcurrently() throws Exception {
    // each alert waits (up to 5 s) until all four have started: run one at a time, all would fail
    script(alertdir, "meet.alert", String.join("\n",
        "touch \"$OUT/$$\"",
        "i=0; while [ $(ls \"$OUT\" | wc -l) -lt 4 ]; do i=$((i+1)); [ $i -gt 250 ] && exit 1; sleep 0.02; done"));
    ExecAlert alerts = alerts();
    List<CompletableFuture<AlertExit>> exits = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      exits.add(alerts.launch(call("meet.alert", List.of("n" + i), null, "")).orElseThrow());
    }
    for (CompletableFuture<AlertExit> e : exits) {
      assertThat(e.get(10, TimeUnit.SECONDS).succeeded()).isTrue();
    }
  }

  @Test
  void alertThatNeverReadsStdin_doesNotBlockTheCaller() throws Exception {
    script(alertdir, "deaf.alert", "exec sleep 1000");
    ExecAlert alerts = alerts(new ExecAlert.Limits(Duration.ofSeconds(2), Duration.ofMillis(200), 8, 4096, 5));
    long t0 = System.nanoTime();
    // 1 MiB is far more than a pipe holds: writing it on the caller's thread would block until the limit
    Optional<CompletableFuture<AlertExit>> launched = alerts.launch(call("deaf.alert", List.of(), null, "y".repeat(1 << 20)));
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
    assertThat(launched).isPresent();
    assertThat(launched.get()).isNotDone();
    assertThat(reaped(launched).timedOut()).isTrue();
  }

  @Test
  void hungAlert_isStoppedAtTheRuntimeLimit_withItsWholeGroup() throws Exception {
    script(alertdir, "hung.alert", "sleep 1000 & echo $! > \"$OUT/grandchild\"; cat >/dev/null; sleep 1000");
    ExecAlert alerts = alerts(new ExecAlert.Limits(Duration.ofMillis(300), Duration.ofMillis(300), 8, 4096, 5));
    try (LogCapture logs = LogCapture.of(ExecAlert.class)) {
      AlertExit exit = reaped(alerts.launch(call("hung.alert", List.of(), null, "x\n")));
      long grandchild = awaitPid(out.resolve("grandchild"));
      assertThat(exit.timedOut()).isTrue();
      assertThat(exit.succeeded()).isFalse();
      assertThat(isRunning(grandchild)).isFalse();
      assertThat(logs.messages(Level.WARN)).anySatisfy(m ->
          assertThat(m).contains("[login/ssh] alert hung.alert", "still running after 300ms (alert runtime limit)"));
    }
  }

  @Test
  void maxRunningReached_nextAlertIsNotStarted_andTheErrorNamesTheLimit() throws Exception {
    Path release = out.resolve("release");
    script(alertdir, "wait.alert", "while [ ! -e '" + release + "' ]; do sleep 0.02; done");
    ExecAlert alerts = alerts(new ExecAlert.Limits(Duration.ofSeconds(30), Duration.ofSeconds(1), 2, 4096, 5));
    try (LogCapture logs = LogCapture.of(ExecAlert.class)) {
      Optional<CompletableFuture<AlertExit>> a = alerts.launch(call("wait.alert", List.of(), null, ""));
      Optional<CompletableFuture<AlertExit>> b = alerts.launch(call("wait.alert", List.of(), null, ""));
      assertThat(alerts.send(call("wait.alert", List.of(), null, ""))).isFalse();
      assertThat(logs.messages(Level.ERROR)).singleElement().asString()
          .contains("2 alerts are running already (alert maxRunning limit)");
      Files.createFile(release);
      assertThat(reaped(a).succeeded()).isTrue();
      assertThat(reaped(b).succeeded()).isTrue();
      assertThat(reaped(alerts.launch(call("wait.alert", List.of(), null, ""))).succeeded())
          .as("a slot is free again").isTrue();
    }
  }

  @Test
  void manyAlerts_leaveNoThreadsBehind_afterClose() throws Exception {
    script(alertdir, "quick.alert", "cat >/dev/null; echo ok");
    Set<Thread> before = TestPrograms.liveThreads();
    ExecAlert alerts = new ExecAlert(launcher, List.of(alertdir), dirs, ExecAlert.Limits.DEFAULTS);
    List<CompletableFuture<AlertExit>> exits = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      exits.add(alerts.launch(call("quick.alert", List.of(), null, "x\n")).orElseThrow());
    }
    for (CompletableFuture<AlertExit> e : exits) {
      assertThat(e.get(10, TimeUnit.SECONDS).succeeded()).isTrue();
    }
    alerts.close();
    await("threads back to baseline", Duration.ofSeconds(5), () -> before.containsAll(TestPrograms.liveThreads()));
  }
}
