package org.lvsmon.ipvs.netlink;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.lvsmon.ipvs.Sections;

/**
 * Runs a Java main class of this project as root under a real kernel with IPVS, through
 * test-fixtures/ipvs-vm/run.sh (User-Mode Linux), with this JVM's java and class path. A missing
 * prerequisite fails the test, never skips it: run.sh exits 125 naming the missing Debian packages.
 */
public final class IpvsVm {
  public static final String PREREQUISITES = "the IPVS system tests need the Debian packages user-mode-linux, ipvsadm, kmod"
      + " and iproute2 (test-fixtures/install-prereqs.sh installs them)";
  /** run.sh's exit status when the harness or the guest failed, a missing package included. */
  public static final int HARNESS_FAILED = 125;
  private static final String SCRIPT = "test-fixtures/ipvs-vm/run.sh";

  private IpvsVm() {}

  /** What a run printed, and how long the whole boot-run-poweroff took. */
  public record Result(int exit, String stdout, String stderr, Duration elapsed) {
    /** The {@code === NAME} sections of stdout, by name. */
    public Map<String, String> sections() {
      return Sections.parse(stdout);
    }
  }

  public static Result runMain(Class<?> main, Duration timeout, String... args) {
    List<String> command = new ArrayList<>(List.of(java(), "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-Xmx256m", "-cp", classPath(), main.getName()));
    command.addAll(List.of(args));
    return run(timeout, command);
  }

  /** Runs COMMAND (a program and its arguments, e.g. a script of test-fixtures/) as root in the guest. */
  public static Result run(Duration timeout, List<String> command) {
    Path home = Path.of(System.getProperty("lvsmon.home", ".")).toAbsolutePath().normalize();
    Path script = home.resolve(SCRIPT);
    checkPrerequisites(script);
    List<String> argv = new ArrayList<>(List.of(script.toString(), "--timeout", Long.toString(timeout.toSeconds()), "--"));
    argv.addAll(command);
    long start = System.nanoTime();
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("lvsmon-ipvs-vm-", ".out");
      err = Files.createTempFile("lvsmon-ipvs-vm-", ".err");
      Process p = new ProcessBuilder(argv).directory(home.toFile()).redirectOutput(out.toFile())
          .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      if (!p.waitFor(timeout.toSeconds() + 30, TimeUnit.SECONDS)) {
        p.destroy(); // run.sh's trap ends the guest's whole process group
        p.waitFor(10, TimeUnit.SECONDS);
        p.destroyForcibly();
        fail(SCRIPT + " did not end within " + timeout + " + 30 s");
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - start));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + SCRIPT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + SCRIPT, e);
    } finally {
      for (Path f : new Path[] {out, err}) {
        try {
          if (f != null) {
            Files.deleteIfExists(f);
          }
        } catch (IOException e) {
          // a leftover temp file is harmless
        }
      }
    }
  }

  /** This JVM's java program, for a JVM in the guest. */
  public static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  /** The test class path: surefire/failsafe put the real one in java.class.path of the forked JVM. */
  public static String classPath() {
    String cp = System.getProperty("java.class.path", "");
    if (!cp.contains("test-classes")) {
      fail("java.class.path has no test-classes, so the guest cannot load the checks: " + cp);
    }
    return cp;
  }

  /** run.sh itself names missing Debian packages (exit 125); this checks only that it is there. */
  private static void checkPrerequisites(Path script) {
    if (!Files.isExecutable(script)) {
      fail("cannot run the IPVS kernel checks: no harness " + script + " (is lvsmon.home the project directory?); "
          + PREREQUISITES);
    }
  }
}
