package org.lvsmon.monitor.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lvsmon.monitor.exec.TestPrograms.await;
import static org.lvsmon.monitor.exec.TestPrograms.script;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What posix_spawn and the reactor thread give every child, against real processes. */
@Tag("process")
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChildLauncherProcessTest {
  private static final Duration DRAIN = Duration.ofSeconds(1);
  private static ChildLauncher launcher;

  @TempDir Path dir;

  /** Calls that change this JVM's signal state, for tests only (thread-local, or a harmless signal). */
  interface TestLibC extends Library {
    TestLibC INSTANCE = Native.load("c", TestLibC.class);
    int SIG_BLOCK = 0;
    int SIGHUP = 1;
    int SIGUSR1 = 10;
    int SIGWINCH = 28; // ignored by default: ignoring it explicitly changes nothing in the JVM

    int sigemptyset(Pointer set);

    int sigaddset(Pointer set, int sig);

    int pthread_sigmask(int how, Pointer set, Pointer old);

    Pointer signal(int sig, Pointer handler);
  }

  @BeforeAll
  static void launcher() {
    // without the setpriv prefix, so that the child under test is the spawned program itself
    launcher = new ChildLauncher(ChildPrivileges.unchanged(), System.getenv(), new PosixSpawn(),
        new ChildReactor("test-children"), new ProcessGroups(Path.of("/proc")));
  }

  @AfterAll
  static void closeLauncher() {
    launcher.close();
  }

  private static ChildSpec spec(String... argv) {
    return new ChildSpec("test", List.of(argv), Map.of(), null, 65536);
  }

  /** Runs {@code spec} to its end: its exit status and output. */
  private static Ran run(ChildSpec spec) throws Exception {
    try (Child child = launcher.start(spec)) {
      child.waitFor();
      return new Ran(child.exitStatus(), child.finishOutput(DRAIN).text());
    }
  }

  private record Ran(ExitStatus status, String output) {}

  @Test
  void child_inheritsNoDescriptorBeyondStdinStdoutStderr() throws Exception {
    // a descriptor the JDK opened without O_CLOEXEC, as it opens most
    try (FileInputStream open = new FileInputStream("/proc/self/status")) {
      // the shell lists its own descriptors from a child of its own ("; true" keeps sh from exec'ing ls)
      Ran r = run(spec("/bin/sh", "-c", "ls /proc/$$/fd; true"));
      assertThat(open.getFD().valid()).isTrue();
      assertThat(r.output().lines()).containsExactly("0", "1", "2");
    }
  }

  @Test
  void child_startsWithEmptySignalMask_andNoIgnoredSignals_whateverTheJvmHas() throws Exception {
    Pointer previous = TestLibC.INSTANCE.signal(TestLibC.SIGWINCH, new Pointer(1)); // SIG_IGN
    try {
      ExecutorService blocked = Executors.newSingleThreadExecutor();
      try {
        Ran r = blocked.submit(() -> {
          Memory set = new Memory(LibC.SIGSET_SIZE);
          TestLibC.INSTANCE.sigemptyset(set);
          TestLibC.INSTANCE.sigaddset(set, TestLibC.SIGHUP);
          TestLibC.INSTANCE.sigaddset(set, TestLibC.SIGUSR1);
          TestLibC.INSTANCE.pthread_sigmask(TestLibC.SIG_BLOCK, set, null); // this pool thread only
          return run(spec("/bin/grep", "-E", "^Sig(Blk|Ign):", "/proc/self/status"));
        }).get();
        assertThat(r.output()).isEqualTo("SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\n");
      } finally {
        blocked.shutdownNow();
      }
    } finally {
      TestLibC.INSTANCE.signal(TestLibC.SIGWINCH, previous);
    }
  }

  @Test
  void child_leadsItsOwnSession() throws Exception {
    try (Child child = launcher.start(spec("/usr/bin/cut", "-d", " ", "-f", "1,5,6", "/proc/self/stat"))) {
      child.waitFor();
      long pid = child.pid();
      assertThat(child.finishOutput(DRAIN).text()).as("pid, process group, session").isEqualTo(pid + " " + pid + " " + pid + "\n");
    }
  }

  @Test
  void argvAndEnvironment_passNonAsciiTextAsUtf8() throws Exception {
    ChildSpec spec = new ChildSpec("test", List.of("/bin/sh", "-c", "printf '%s %s\\n' \"$1\" \"$GRUSS\"", "sh", "Grüße"),
        Map.of("GRUSS", "ça va"), null, 65536);
    assertThat(run(spec).output()).isEqualTo("Grüße ça va\n");
  }

  @Test
  void missingProgram_failsNamingItAndTheReason() {
    Path missing = dir.resolve("absent.monitor");
    assertThatThrownBy(() -> launcher.start(spec(missing.toString())))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cannot run " + missing)
        .hasMessageContaining("No such file or directory (errno 2)");
  }

  @Test
  void missingInterpreter_failsNamingTheScript_asMonsFailedExecDoes() throws Exception {
    // without setpriv in front (lvsmon not root), posix_spawn itself reports the failed exec
    Path perl = script(dir, "perl.monitor", "");
    Files.writeString(perl, "#!" + dir.resolve("no-such-perl") + "\nprint 1;\n");
    assertThatThrownBy(() -> launcher.start(spec(perl.toString())))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cannot run " + perl)
        .hasMessageContaining("No such file or directory (errno 2)");
  }

  @Test
  void notExecutable_failsNamingItAndTheReason() throws Exception {
    Path plain = Files.writeString(dir.resolve("plain.monitor"), "#!/bin/sh\necho hi\n");
    assertThatThrownBy(() -> launcher.start(spec(plain.toString())))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cannot run " + plain)
        .hasMessageContaining("Permission denied (errno 13)");
  }

  @Test
  void executableWithoutInterpreterLine_failsWithExecFormatError_insteadOfRunningASh() throws Exception {
    Path noShebang = script(dir, "x.monitor", "");
    Files.writeString(noShebang, "echo run by a shell after all\n");
    assertThatThrownBy(() -> launcher.start(spec(noShebang.toString())))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cannot run " + noShebang)
        .hasMessageContaining("Exec format error (errno 8)");
  }

  @Test
  void twoHundredConcurrentChildren_areAllReapedWithTheirOwnExitCodes() throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(16);
    try {
      List<Future<long[]>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int code = i % 256;
        results.add(callers.submit(() -> {
          Ran r;
          long pid;
          try (Child child = launcher.start(spec("/bin/sh", "-c", "echo $1; exit $1", "sh", String.valueOf(code)))) {
            pid = child.pid();
            child.waitFor();
            r = new Ran(child.exitStatus(), child.finishOutput(DRAIN).text());
          }
          assertThat(r.output()).isEqualTo(code + "\n");
          return new long[] {pid, code, r.status().code()};
        }));
      }
      for (Future<long[]> f : results) {
        long[] pidWantedGot = f.get();
        assertThat(pidWantedGot[2]).isEqualTo(pidWantedGot[1]);
        assertThat(Path.of("/proc/" + pidWantedGot[0])).as("reaped, not a zombie").doesNotExist();
      }
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void childClosingItsOutputEarly_endsTheOutput_whileItRunsOn() throws Exception {
    try (Child child = launcher.start(spec("/bin/sh", "-c", "echo early; exec >&- 2>&-; sleep 0.3; exit 7"))) {
      CapturedOutput out = child.finishOutput(Duration.ofSeconds(5));
      assertThat(child.isAlive()).isTrue();
      assertThat(out.complete()).isTrue();
      assertThat(out.text()).isEqualTo("early\n");
      child.waitFor();
      assertThat(child.exitStatus()).isEqualTo(ExitStatus.exited(7));
    }
    assertThat(run(spec("/bin/echo", "still working")).output()).isEqualTo("still working\n");
  }

  @Test
  void childClosingItsStdinUnread_doesNotStopTheReactor() throws Exception {
    // 1 MiB does not fit the pipe: the reactor is left with unwritten bytes and a broken pipe
    ChildSpec deaf = new ChildSpec("test", List.of("/bin/sh", "-c", "exec <&-; sleep 0.2; echo bye; exit 3"),
        Map.of(), "y".repeat(1 << 20), 65536);
    Ran r = run(deaf);
    assertThat(r.status()).isEqualTo(ExitStatus.exited(3));
    assertThat(r.output()).isEqualTo("bye\n");
    ChildSpec reader = new ChildSpec("test", List.of("/usr/bin/wc", "-c"), Map.of(), "z".repeat(1 << 20), 65536);
    assertThat(run(reader).output().strip()).isEqualTo(String.valueOf(1 << 20));
  }

  @Test
  void childKilledBySignal_reportsTheSignal_notAnExitCode() throws Exception {
    Ran r = run(spec("/bin/sh", "-c", "kill -9 $$"));
    assertThat(r.status()).isEqualTo(ExitStatus.killed(9));
    Ran exits137 = run(spec("/bin/sh", "-c", "exit 137"));
    assertThat(exits137.status()).isEqualTo(ExitStatus.exited(137));
  }

  @Test
  void closedLauncher_stopsItsThread_andRefusesToStart() throws Exception {
    ChildLauncher own = new ChildLauncher(ChildPrivileges.unchanged(), Map.of(), new PosixSpawn(),
        new ChildReactor("test-closing"), new ProcessGroups(Path.of("/proc")));
    own.close();
    own.close();
    await("reactor thread gone", Duration.ofSeconds(2), () -> TestPrograms.liveThreads().stream()
        .noneMatch(t -> t.getName().equals("test-closing")));
    assertThatThrownBy(() -> own.start(spec("/bin/true")))
        .isInstanceOf(IOException.class).hasMessageContaining("/bin/true").hasMessageContaining("closed");
  }
}
