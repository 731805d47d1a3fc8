package org.lvsmon.ipvs;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.lvsmon.cli.Main;
import picocli.CommandLine;

/**
 * One program run by the kernel checks inside test-fixtures/ipvs-vm: argv without a shell, stdin
 * given (or /dev/null), stdout and stderr apart, at most 60 s. Never throws: a failure to run is an
 * exit of -1 with the reason on stderr, for the test to show.
 */
public record GuestCommand(int exit, String stdout, String stderr) {
  public static GuestCommand run(List<String> argv, String stdin) {
    try {
      Path in = Files.createTempFile("guest-command", ".in");
      Path o = Files.createTempFile("guest-command", ".out");
      Path e = Files.createTempFile("guest-command", ".err");
      Files.writeString(in, stdin == null ? "" : stdin, StandardCharsets.UTF_8);
      Process p = new ProcessBuilder(argv).redirectOutput(o.toFile()).redirectError(e.toFile())
          .redirectInput(stdin == null ? Path.of("/dev/null").toFile() : in.toFile()).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new GuestCommand(-1, "", "timed out: " + String.join(" ", argv));
      }
      return new GuestCommand(p.exitValue(), Files.readString(o, StandardCharsets.UTF_8),
          Files.readString(e, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new GuestCommand(-1, "", "cannot run " + String.join(" ", argv) + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new GuestCommand(-1, "", "interrupted: " + String.join(" ", argv));
    }
  }

  public static GuestCommand run(String... argv) {
    return run(List.of(argv), null);
  }

  /** {@code lvsmon ARGS} in this JVM: {@code exit N}, {@code --- stdout}, its output, {@code --- stderr}, its errors. */
  public static String cli(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    CommandLine cl = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    cl.setOut(new PrintWriter(o, true));
    cl.setErr(new PrintWriter(e, true));
    int exit = cl.execute(args);
    return "exit " + exit + "\n--- stdout\n" + o + "--- stderr\n" + e;
  }

  /** stdout then stderr. */
  public String output() {
    return stdout + stderr;
  }

  /** {@code exit N}, then the output: a section's text. */
  public String transcript() {
    return "exit " + exit + "\n" + output();
  }
}
