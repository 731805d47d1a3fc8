package org.lvsmon.alert.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole daemon ({@code bin/lvsmon run}) with its built-in mail.alert: while the SMTP relay is
 * down a down mail and an up mail wait in the outbox; the daemon is killed with SIGKILL; the relay
 * comes up and the daemon starts again: each mail arrives exactly once, and the restored state sends
 * no new alert.
 */
class MailRestartSystemIT {
  @TempDir Path dir;
  private Process daemon;
  private GreenMail relay;

  @AfterEach
  void stop() throws Exception {
    if (daemon != null) {
      daemon.destroy();
      daemon.waitFor(15, TimeUnit.SECONDS);
    }
    if (relay != null) {
      relay.stop();
    }
  }

  private Process start(int port) throws Exception {
    return new ProcessBuilder("bin/lvsmon", "run", "-c", dir.resolve("mon.cf").toString(), "-A",
        dir.resolve("auth.cf").toString(), "-P", dir.resolve("pid").toString(), "-p", Integer.toString(port),
        "-t", Integer.toString(port), "--mail-settings", dir.resolve("mail.conf").toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("daemon.log").toFile()))
        .start();
  }

  private long queued() throws Exception {
    Path outbox = dir.resolve("state/outbox");
    if (!Files.isDirectory(outbox)) {
      return 0;
    }
    try (var files = Files.list(outbox)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".mail")).count();
    }
  }

  @Test
  void mailQueuedWhileTheRelayIsDown_arrivesExactlyOnce_afterASigkillAndARestart() throws Exception {
    int smtp;
    try (ServerSocket s = new ServerSocket(0)) {
      smtp = s.getLocalPort(); // nothing listens there until the relay starts below
    }
    int port = 15200 + (int) (ProcessHandle.current().pid() % 300);
    Path bin = Files.createDirectories(dir.resolve("mon.d"));
    Files.createDirectories(dir.resolve("state"));
    Path monitor = bin.resolve("flap.monitor");
    // calls 1 and 2 fail, every later call succeeds
    Files.writeString(monitor, "#!/bin/sh\nn=$(($(cat " + dir + "/calls 2>/dev/null || echo 0) + 1))\n"
        + "echo $n > " + dir + "/calls\n[ $n -le 2 ] && { echo node1; exit 1; }\nexit 0\n");
    monitor.toFile().setExecutable(true);
    Files.writeString(dir.resolve("mon.cf"), "serverbind = 127.0.0.1\ntrapbind = 127.0.0.1\nmondir = " + bin + "\n"
        + "alertdir = " + Path.of("alerts").toAbsolutePath() + "\nstatedir = " + dir.resolve("state") + "\nlogdir = "
        + dir + "\n\nhostgroup g node1\n\nwatch g\n    service ssh\n        interval 1s\n"
        + "        monitor flap.monitor\n        period wd {Sun-Sat}\n            alert mail.alert ops@example.com\n"
        + "            upalert mail.alert ops@example.com\n            alertevery 1h\n");
    Files.writeString(dir.resolve("auth.cf"), "command section\nlist: all\n");
    Files.writeString(dir.resolve("mail.conf"), "host = 127.0.0.1\nport = " + smtp + "\nconnect_timeout = 1s\n"
        + "timeout = 2s\nfrom = lvsmon@example.com\n");

    daemon = start(port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (queued() < 2) {
      assertThat(System.nanoTime()).as("the down and up mails are queued; log:%n%s", log()).isLessThan(deadline);
      assertThat(daemon.isAlive()).as("lvsmon exited; log:%n%s", log()).isTrue();
      daemon.waitFor(100, TimeUnit.MILLISECONDS);
    }
    String listed = request(port, "list outbox");
    assertThat(listed.lines().filter(l -> l.startsWith("id=")))
        .as("list outbox shows both, with why they wait: %s", listed).hasSize(2)
        .allMatch(l -> l.contains(" to=ops@example.com "))
        .anyMatch(l -> l.contains(" attempts=1 ") && l.contains("Connection\\20refused"));
    daemon.destroyForcibly().waitFor(15, TimeUnit.SECONDS); // SIGKILL: no shutdown, no flush
    assertThat(queued()).as("still queued after the kill").isEqualTo(2);

    relay = new GreenMail(new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    relay.start();
    daemon = start(port);
    MailGreenMailTest.awaitMails(relay, 2);
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (queued() > 0 && System.nanoTime() < deadline) {
      relay.waitForIncomingEmail(200, 3); // a third mail would be a duplicate or a new alert
    }
    relay.waitForIncomingEmail(3000, 3);
    MimeMessage[] got = relay.getReceivedMessages();
    List<String> subjects = Arrays.stream(got).map(m -> {
      try {
        return m.getSubject();
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).sorted().toList();
    assertThat(subjects).as("daemon log:%n%s", log()).hasSize(2);
    assertThat(subjects.get(0)).startsWith("ALERT g/ssh");
    assertThat(subjects.get(1)).startsWith("UPALERT g/ssh");
    assertThat(queued()).isZero();
  }

  /** One request on the control port; the reply up to its status line. */
  private static String request(int port, String line) throws java.io.IOException {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
      s.setSoTimeout(20_000);
      s.getOutputStream().write((line + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      var in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
          java.nio.charset.StandardCharsets.ISO_8859_1));
      StringBuilder b = new StringBuilder();
      String l;
      while ((l = in.readLine()) != null) {
        b.append(l).append('\n');
        if (l.matches("^\\d{3} .*")) {
          break;
        }
      }
      return b.toString();
    }
  }

  private String log() throws java.io.IOException {
    Path p = dir.resolve("daemon.log");
    return Files.exists(p) ? Files.readString(p) : "";
  }
}
