package org.lvsmon.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A monitor script run as mon runs it: argv, stdin /dev/null, stderr merged into stdout. For system tests. */
public record ScriptRun(int exitValue, String output, long millis) {
  public static ScriptRun of(Path script, List<String> args) throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>();
    argv.add(script.toString());
    argv.addAll(args);
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished within 60 s", argv).isTrue();
    return new ScriptRun(p.exitValue(), new String(out, StandardCharsets.UTF_8), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
  }

  /** Fails, naming what to do, unless the built jar the scripts' launcher runs is there. */
  public static void requireBuiltJar() {
    String jar = System.getProperty("lvsmon.jar");
    assertThat(jar).as("system property lvsmon.jar (set by the system profile)").isNotNull();
    assertThat(Path.of(jar)).as("%s is missing: the monitors/ scripts run it; build with mvn package first", jar).exists();
  }
}
