package org.lvsmon.alert.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox on a disk that fails for real: a read-only and a full tmpfs (needs root for mount;
 * root ignores file permissions, so they cannot stand in). The alert is reported as NOT durable, and
 * the in-process alert still sends the mail directly.
 */
class OutboxTmpfsSystemIT {
  @TempDir Path tmp;
  private final List<Path> mounts = new ArrayList<>();

  @AfterEach
  void unmount() throws Exception {
    for (Path m : mounts) {
      run("umount", m.toString());
    }
  }

  private Path tmpfs(String options) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("mnt" + mounts.size()));
    run("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString());
    mounts.add(dir);
    return dir;
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("%s finishes", String.join(" ", command)).isTrue();
    assertThat(p.exitValue()).as("%s (needs root): %s", String.join(" ", command),
        new String(p.getInputStream().readAllBytes())).isZero();
  }

  private static Outbox outbox(Path dir) {
    return new Outbox(dir, "director1", Clock.systemUTC(), Duration.ofHours(24));
  }

  @Test
  void readOnlyDisk_enqueue_notDurable_namesTheDirectory() throws Exception {
    Path ro = tmpfs("ro,size=1m");

    assertThatThrownBy(() -> outbox(ro).enqueue(OutboxTest.mail("down")))
        .isInstanceOf(Outbox.NotDurableException.class)
        .hasMessageStartingWith("outbox " + ro + ": cannot write mail \"down\"")
        .hasMessageContaining("Read-only file system")
        .hasMessageContaining("the alert is NOT durable");
  }

  @Test
  void fullDisk_enqueue_notDurable_leavesNoPartialFile() throws Exception {
    Path full = tmpfs("size=64k");
    try (OutputStream fill = Files.newOutputStream(full.resolve("filler"))) {
      byte[] block = new byte[4096];
      while (true) {
        fill.write(block);
        fill.flush();
      }
    } catch (IOException expected) {
      // the disk is full now
    }

    assertThatThrownBy(() -> outbox(full).enqueue(OutboxTest.mail("down")))
        .isInstanceOf(Outbox.NotDurableException.class)
        .hasMessageContaining("No space left on device")
        .hasMessageContaining("the alert is NOT durable");
    try (var files = Files.list(full)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("filler");
    }
  }

  @Test
  void readOnlyDisk_inProcessAlert_saysNotDurable_andSendsDirectly() throws Exception {
    Path ro = tmpfs("ro,size=1m");
    GreenMail g = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    g.start();
    try {
      MailSettings s = MailGreenMailTest.settings(g.getSmtp().getPort(), MailSettings.Security.NONE, null, null);
      MailAlert alert = new MailAlert(outbox(ro), () -> new MailSender(s, "root@director1", new Properties()), () -> { },
          ZoneOffset.UTC, Clock.systemUTC());
      StringWriter out = new StringWriter();

      int exit = alert.queue(List.of("-s", "ssh", "-g", "login", "-t", "1795311202", "ops@example.com"), "node3\n",
          new PrintWriter(out, true));

      assertThat(exit).isEqualTo(MailAlert.OK);
      assertThat(out.toString()).contains("ERROR outbox " + ro).contains("NOT durable")
          .contains("sent directly (not durable)");
      MailGreenMailTest.awaitMails(g, 1);
      assertThat(g.getReceivedMessages()).hasSize(1);
    } finally {
      g.stop();
    }
  }
}
