package org.lvsmon.alert.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mail through a real SMTP server in-process (GreenMail on loopback, a free port each). */
class MailGreenMailTest {
  private static final long WAIT_MS = 20_000;

  @TempDir Path state;
  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
  }

  private GreenMail greenMail(ServerSetup setup) {
    return greenMail(setup, GreenMailConfiguration.aConfig());
  }

  private GreenMail greenMail(ServerSetup setup, GreenMailConfiguration config) {
    GreenMail g = new GreenMail(setup).withConfiguration(config);
    g.start();
    closing.add(g::stop);
    return g;
  }

  private static ServerSetup smtp(int port) {
    return new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
  }

  static MailSettings settings(int port, MailSettings.Security security, String user, String password) {
    return new MailSettings("127.0.0.1", port, security, Optional.ofNullable(user), Optional.ofNullable(password),
        Optional.empty(), Optional.of("director1"), Duration.ofSeconds(5), Duration.ofSeconds(5),
        Duration.ofHours(24));
  }

  /** GreenMail's certificate is its own; trusting it here is what a site's trust store does. */
  static Properties trustAll() {
    Properties p = new Properties();
    p.setProperty("mail.smtp.ssl.trust", "*");
    p.setProperty("mail.smtp.ssl.checkserveridentity", "false");
    return p;
  }

  private Outbox outbox() {
    return new Outbox(Outbox.directoryIn(state), "director1", Clock.systemUTC(), Duration.ofHours(24));
  }

  private MailDelivery start(Outbox outbox, MailSettings s) {
    MailDelivery d = new MailDelivery(outbox, new MailSender(s, "root@director1", trustAll()), Clock.systemUTC(),
        Duration.ofMillis(50), Duration.ofMillis(400));
    closing.add(d);
    d.start();
    return d;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void downAndUpAlerts_queuedInProcess_arriveWithMonsLayout_headersAndRecipients() throws Exception {
    GreenMail g = greenMail(smtp(0));
    Outbox outbox = outbox();
    MailDelivery d = start(outbox, settings(g.getSmtp().getPort(), MailSettings.Security.NONE, null, null));
    MailAlert alert = new MailAlert(outbox, () -> new MailSender(settings(1, MailSettings.Security.NONE, null, null),
        "root@director1", new Properties()), d::wake, ZoneOffset.UTC, Clock.systemUTC());
    StringWriter out = new StringWriter();

    assertThat(alert.queue(List.of("-s", "ssh", "-g", "login", "-h", "node3 node4", "-t", "1795311202",
        "-f", "lvsmon@director1", "admin@example.com", "ops@example.com"), "node3\nnode3: refused\n",
        new PrintWriter(out, true))).isEqualTo(MailAlert.OK);
    awaitMails(g, 2);
    assertThat(alert.queue(List.of("-s", "ssh", "-g", "login", "-h", "node3 node4", "-t", "1795311212", "-u", "-u",
        "admin@example.com"), "node3\n", new PrintWriter(out, true))).isEqualTo(MailAlert.OK);
    awaitMails(g, 3);

    MimeMessage[] got = g.getReceivedMessages();
    assertThat(got).hasSize(3); // the down mail once per recipient's mailbox, the up mail once
    MimeMessage down = Arrays.stream(got).filter(m -> subject(m).startsWith("ALERT")).findFirst().orElseThrow();
    assertThat(down.getSubject()).isEqualTo("ALERT login/ssh: node3 (Sun Nov 22 01:33:22)");
    assertThat(down.getFrom()[0].toString()).isEqualTo("lvsmon@director1");
    assertThat(Arrays.stream(down.getRecipients(Message.RecipientType.TO)).map(Object::toString))
        .containsExactly("admin@example.com", "ops@example.com");
    assertThat(down.getHeader("X-Mailer")).containsExactly("lvsmon mail.alert");
    assertThat(down.getMessageID()).matches("<\\d{13}-\\d{6}-[0-9a-f]{8}\\.lvsmon@director1>");
    assertThat(down.getSentDate().toInstant().getEpochSecond()).isEqualTo(1795311202);
    assertThat(((String) down.getContent()).replace("\r\n", "\n")).isEqualTo("\n"
        + "Group                 : login\n"
        + "Service               : ssh\n"
        + "Time noticed          : Sun Nov 22 01:33:22 2026\n"
        + "Secs until next alert : \n"
        + "Members \t      : node3 node4\n"
        + "\n"
        + "Detailed text (if any) follows:\n"
        + "-------------------------------\n"
        + "node3: refused"); // GreenMail keeps the last line break as part of the end of DATA
    MimeMessage up = Arrays.stream(got).filter(m -> subject(m).startsWith("UP")).findFirst().orElseThrow();
    assertThat(up.getSubject()).isEqualTo("UPALERT login/ssh: node3 (Sun Nov 22 01:33:32)");
    assertThat(up.getFrom()[0].toString()).isEqualTo("root@director1");
    assertThat(up.getAllRecipients()).hasSize(1);
    assertThat(out.toString()).contains("[login/ssh] mail \"ALERT login/ssh: node3 (Sun Nov 22 01:33:22)\" to"
        + " admin@example.com,ops@example.com queued as ");
  }

  @Test
  void smtpsWithAuth_delivers_wrongPassword_isPermanentAtConnect() throws Exception {
    GreenMail g = greenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS),
        GreenMailConfiguration.aConfig().withUser("lvs@example.com", "lvs", "s3cret"));
    int port = g.getSmtps().getPort();
    OutboxEntry e = outbox().newEntry(OutboxTest.mail("over tls"));

    MailSender.Result r;
    try (MailSender s = new MailSender(settings(port, MailSettings.Security.SMTPS, "lvs", "s3cret"), "root", trustAll())) {
      r = s.send(e);
    }
    MailSender.Result wrong;
    try (MailSender s = new MailSender(settings(port, MailSettings.Security.SMTPS, "lvs", "nope"), "root", trustAll())) {
      wrong = s.send(e);
    }

    assertThat(r.sent()).as(r.detail()).isTrue();
    awaitMails(g, 1);
    assertThat(g.getReceivedMessages()[0].getSubject()).isEqualTo("over tls");
    assertThat(g.getReceivedMessages()[0].getMessageID()).isEqualTo(e.messageId());
    assertThat(wrong.outcome()).isEqualTo(MailSender.Outcome.PERMANENT);
    assertThat(wrong.atConnect()).isTrue();
    assertThat(wrong.detail()).startsWith("535").doesNotContain("nope");
  }

  @Test
  void starttlsWithAuth_upgradesThenAuthenticates_andDelivers() throws Exception {
    GreenMail g = greenMail(smtp(0), GreenMailConfiguration.aConfig().withUser("lvs@example.com", "lvs", "s3cret"));
    StartTlsFront front = new StartTlsFront(g.getSmtp().getPort());
    closing.add(front);
    OutboxEntry e = outbox().newEntry(OutboxTest.mail("after starttls"));

    MailSender.Result r;
    try (MailSender s = new MailSender(settings(front.port(), MailSettings.Security.STARTTLS, "lvs", "s3cret"), "root",
        trustAll())) {
      r = s.send(e);
    }

    assertThat(r.sent()).as(r.detail()).isTrue();
    assertThat(front.upgraded.getCount()).isZero();
    assertThat(front.protocol).startsWith("TLS");
    awaitMails(g, 1);
    assertThat(subject(g.getReceivedMessages()[0])).isEqualTo("after starttls");
  }

  @Test
  void starttlsRequired_relayWithoutStarttls_neverSendsInPlain() throws Exception {
    // GreenMail 2.1 itself offers no STARTTLS (StartTlsFront adds it in the test above)
    GreenMail g = greenMail(smtp(0));
    try (MailSender s = new MailSender(settings(g.getSmtp().getPort(), MailSettings.Security.STARTTLS, "lvs", "pw"),
        "root", trustAll())) {
      MailSender.Result r = s.send(outbox().newEntry(OutboxTest.mail("plain?")));

      assertThat(r.sent()).isFalse();
      assertThat(r.relayFailed()).isTrue();
      assertThat(r.detail()).containsIgnoringCase("STARTTLS");
    }
    assertThat(g.getReceivedMessages()).isEmpty();
  }

  @Test
  void relayDownForAWhile_thenUp_everyMailArrivesExactlyOnce() throws Exception {
    int port = freePort();
    Outbox outbox = outbox();
    MailDelivery d = start(outbox, settings(port, MailSettings.Security.NONE, null, null));
    for (int i = 0; i < 5; i++) {
      outbox.enqueue(OutboxTest.mail("mail " + i));
      d.wake();
    }

    GreenMail g = greenMail(smtp(port));

    awaitMails(g, 5);
    d.close();
    assertThat(outbox.pending()).isEmpty();
    assertThat(Arrays.stream(g.getReceivedMessages()).map(MailGreenMailTest::subject))
        .containsExactlyInAnyOrder("mail 0", "mail 1", "mail 2", "mail 3", "mail 4");
  }

  @Test
  void newDeliveryOverTheSameOutbox_asAfterACrash_deliversPendingMailExactlyOnce() throws Exception {
    Outbox before = outbox();
    for (int i = 0; i < 3; i++) {
      before.enqueue(OutboxTest.mail("pending " + i));
    }
    MailDelivery crashed = new MailDelivery(before, new RecordingRelay().answer(RecordingRelay.DOWN), Clock.systemUTC());
    crashed.runPass(); // the relay was down; then the process died

    GreenMail g = greenMail(smtp(0));
    MailDelivery d = start(outbox(), settings(g.getSmtp().getPort(), MailSettings.Security.NONE, null, null));
    outbox().enqueue(OutboxTest.mail("after restart"));
    d.wake();

    awaitMails(g, 4);
    d.close();
    // pending 0 waits out the backoff its failed attempt left on disk, so the order may vary
    assertThat(Arrays.stream(g.getReceivedMessages()).map(MailGreenMailTest::subject))
        .containsExactlyInAnyOrder("pending 0", "pending 1", "pending 2", "after restart");
    assertThat(outbox().pending()).isEmpty();
  }

  /**
   * Waits until GreenMail holds {@code n} mails in all (one per recipient). Its waitForIncomingEmail
   * counts only mails arriving during the call, so it is asked again until the total is reached.
   */
  static void awaitMails(GreenMail g, int n) {
    long deadline = System.nanoTime() + WAIT_MS * 1_000_000;
    while (g.getReceivedMessages().length < n) {
      assertThat(System.nanoTime()).as("still %d of %d mails after %d ms", g.getReceivedMessages().length, n,
          WAIT_MS).isLessThan(deadline);
      g.waitForIncomingEmail(100, 1);
    }
  }

  @Test
  void relayAcceptsThenNeverAnswers_timeoutFires_andARetryFollows() throws Exception {
    // the direct send, the delivery thread's first attempt, and its retry
    CountDownLatch threeConnections = new CountDownLatch(3);
    List<Socket> held = new ArrayList<>();
    ServerSocket hang = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    closing.add(hang);
    Thread acceptor = new Thread(() -> {
      try {
        while (true) {
          held.add(hang.accept()); // accepted, and never a byte in reply
          threeConnections.countDown();
        }
      } catch (IOException closed) {
        // the test is over
      }
    }, "hanging-relay");
    acceptor.start();
    MailSettings s = new MailSettings("127.0.0.1", hang.getLocalPort(), MailSettings.Security.NONE, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofSeconds(5), Duration.ofMillis(300),
        Duration.ofHours(24));
    Outbox outbox = outbox();
    OutboxEntry e = outbox.enqueue(OutboxTest.mail("into the void"));

    MailSender.Result r;
    try (MailSender sender = new MailSender(s, "root", new Properties())) {
      r = sender.send(e);
    }
    assertThat(r.outcome()).isEqualTo(MailSender.Outcome.UNREACHABLE);
    assertThat(r.detail()).containsIgnoringCase("timed out");
    start(outbox, s);

    assertThat(threeConnections.await(WAIT_MS, TimeUnit.MILLISECONDS)).as("the delivery thread retries").isTrue();
    assertThat(outbox.pending()).hasSize(1).first().matches(x -> x.attempts() >= 1, "a failed attempt recorded");
    hang.close();
    acceptor.join(WAIT_MS);
    for (Socket c : held) {
      c.close();
    }
  }

  private static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
