package org.lvsmon.monitor.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvsmon.monitor.LoopbackServer;
import org.lvsmon.monitor.ScriptRun;

/**
 * {@code monitors/ssh-load.monitor} run as mon runs it (launcher, built jar, a JVM per run): one
 * session opened and closed by the run, mon-protocol output and exit value. Fails, never skips,
 * without the built jar.
 */
@Tag("system")
class SshLoadScriptSystemIT {
  private static final Path SCRIPT = Path.of("monitors/ssh-load.monitor");

  @TempDir Path dir;

  @BeforeAll
  static void prerequisites() {
    ScriptRun.requireBuiltJar();
  }

  @Test
  void script_samplesAHost_andFailsItAboveTheThreshold_thenClosesItsSession() throws Exception {
    KeyPair host = TestSshd.newKey();
    KeyPair client = TestSshd.newKey();
    FakeLoadCommand fake = new FakeLoadCommand();
    fake.load = "3.00 2.00 1.00 1/100 4242 0-1";
    try (TestSshd d = TestSshd.start(LoopbackServer.loopback(1), 0, host, client.getPublic(), s -> fake.on(s))) {
      Path id = KeyFiles.writePrivate(client, dir.resolve("id"), null);
      Path kh = Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + d.port() + " "
          + PublicKeyEntry.toString(host.getPublic()) + "\n");
      List<String> common = List.of("-p", "" + d.port(), "-i", id.toString(), "-k", kh.toString(), "-u", "tester");

      ScriptRun ok = ScriptRun.of(SCRIPT, concat(common, "127.0.0.1"));
      ScriptRun high = ScriptRun.of(SCRIPT, concat(common, "-L", "1", "127.0.0.1"));

      assertThat(ok.exitValue()).as(ok.output()).isZero();
      assertThat(ok.output()).isEqualTo("\n\n127.0.0.1 load 3.00 2.00 1.00 cpus 2 (1.50 per cpu)\n");
      assertThat(high.exitValue()).isEqualTo(1);
      assertThat(high.output()).isEqualTo("127.0.0.1\n\n127.0.0.1 high load: 3.00 2.00 1.00 cpus 2 (1.50 per cpu)"
          + " above the threshold 1 per cpu\n");
      assertThat(d.awaitNoSessions(java.time.Duration.ofSeconds(5))).as("each run closed its session").isZero();
      System.out.println("ssh-load.monitor script, one host: " + ok.millis() + " ms");
    }
  }

  private static List<String> concat(List<String> a, String... b) {
    List<String> all = new java.util.ArrayList<>(a);
    all.addAll(List.of(b));
    return all;
  }
}
