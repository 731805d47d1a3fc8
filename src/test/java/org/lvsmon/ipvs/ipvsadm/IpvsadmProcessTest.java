package org.lvsmon.ipvs.ipvsadm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process runner with a shell script standing in for ipvsadm. */
class IpvsadmProcessTest {
  @TempDir Path dir;

  private Path script(String body) throws Exception {
    Path p = dir.resolve("ipvsadm");
    Files.writeString(p, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  @Test
  void run_argumentsWithoutShell_stdinAndBothStreamsApart() throws Exception {
    try (IpvsadmProcess p = new IpvsadmProcess(script("echo \"args:$*\"; cat; echo oops >&2; exit 3"), Duration.ofSeconds(10))) {
      IpvsadmRunner.Output out = p.run(List.of("-e", "a b", "$HOME"), "line\n");

      assertThat(out.exit()).isEqualTo(3);
      assertThat(out.stdout()).isEqualTo("args:-e a b $HOME\nline\n");
      assertThat(out.stderr()).isEqualTo("oops\n");
    }
  }

  @Test
  void run_hangingProgram_killedAtTheTimeLimit() throws Exception {
    try (IpvsadmProcess p = new IpvsadmProcess(script("exec sleep 30"), Duration.ofMillis(300))) {
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> p.run(List.of("-Sn"), null)).isInstanceOf(IpvsadmRunner.TimedOut.class)
          .hasMessage("ipvsadm -Sn still ran after 300 ms (the ipvsadm time limit); killed it");
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void find_searchesPathAfterTheUsualPlaces_andMissingIsEmpty() throws Exception {
    Path s = script("true");
    boolean installed = IpvsadmProcess.USUAL_PLACES.stream().anyMatch(Files::isExecutable);
    assertThat(IpvsadmProcess.find(dir.toString())).contains(installed ? IpvsadmProcess.find(null).orElseThrow() : s);
    if (!installed) {
      assertThat(IpvsadmProcess.find("/nonexistent")).isEmpty();
    }
  }
}
