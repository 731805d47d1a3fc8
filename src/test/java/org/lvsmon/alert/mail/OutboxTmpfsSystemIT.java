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
    fill(full);

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

  /**
   * The whole daemon with its statedir on a full tmpfs: the alert's mail cannot be queued, so it is
   * reported as not durable and sent directly; the state journal cannot be written either; and the
   * monitor keeps running.
   */
  @Test
  void fullStatedir_daemonKeepsMonitoring_andTheAlertMailStillArrives() throws Exception {
    Path full = tmpfs("size=64k");
    fill(full);
    Path work = Files.createDirectories(tmp.resolve("work"));
    Path runs = work.resolve("runs");
    Path monitor = work.resolve("down.monitor");
    Files.writeString(monitor, "#!/bin/sh\necho run >> " + runs + "\necho node3; exit 1\n");
    Files.setPosixFilePermissions(monitor, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.copy(Path.of("alerts/mail.alert"), work.resolve("mail.alert"));
    GreenMail g = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    g.start();
    org.lvsmon.daemon.Daemon daemon = null;
    try (var logs = org.lvsmon.monitor.exec.LogCapture.of(Class.forName("org.lvsmon.daemon.AlertRouter"))) {
      Path mailConf = work.resolve("mail.conf");
      Files.writeString(mailConf, "host = 127.0.0.1\nport = " + g.getSmtp().getPort() + "\nfrom = mon@director1\n");
      var keywords = new org.lvsmon.config.KeywordRegistry();
      MailSettings.register(keywords);
      var config = new org.lvsmon.config.MonConfigParser(keywords).parse("statedir = " + full + "\nlogdir = " + work
          + "\nmondir = " + work + "\nalertdir = " + work + "\n\nhostgroup g node3\n\nwatch g\n    service s\n"
          + "        interval 1s\n        monitor down.monitor\n        period wd {Sun-Sat}\n            alertevery 1h\n"
          + "            alert mail.alert ops@example.com\n", work.resolve("mon.cf"));
      var settings = org.lvsmon.config.Settings.resolve(config, org.lvsmon.config.RunOptions.NONE,
          org.lvsmon.config.Settings.BuiltinDirs.NONE, Files::isDirectory);
      daemon = org.lvsmon.daemon.Daemon.start(config, settings, Clock.systemUTC(),
          new org.lvsmon.balance.BalancePlan(List.of(), List.of()), null, null,
          new org.lvsmon.daemon.Daemon.Startup(false, () -> config, null, false, true, mailConf));

      MailGreenMailTest.awaitMails(g, 1);
      long runsAtMail = Files.readAllLines(runs).size();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (Files.readAllLines(runs).size() < runsAtMail + 3) { // three more runs after the alert
        assertThat(System.nanoTime()).as("the monitor keeps running").isLessThan(deadline);
        Thread.sleep(100); // the monitor is a child process: nothing to inject a clock into
      }
      assertThat(g.getReceivedMessages()).hasSize(1);
      assertThat(g.getReceivedMessages()[0].getSubject()).contains("g/s").contains("node3");
      assertThat(logs.messages(ch.qos.logback.classic.Level.ERROR)).anySatisfy(m -> assertThat(m)
          .contains("outbox " + full.resolve("outbox")).contains("No space left on device").contains("NOT durable"));
    } finally {
      if (daemon != null) {
        daemon.close();
      }
      g.stop();
    }
  }

  private static void fill(Path dir) {
    try (OutputStream fill = Files.newOutputStream(dir.resolve("filler"))) {
      byte[] block = new byte[4096];
      while (true) {
        fill.write(block);
        fill.flush();
      }
    } catch (IOException expected) {
      // the disk is full now
    }
  }
}
