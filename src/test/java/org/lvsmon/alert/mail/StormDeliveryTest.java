package org.lvsmon.alert.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Storm control in the delivery passes: an outbox on disk, a fake clock and a recording relay. */
class StormDeliveryTest {
  @TempDir Path state;
  private final FakeClock clock = new FakeClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final RecordingRelay relay = new RecordingRelay();
  private Outbox box;

  private Outbox outbox() {
    if (box == null) {
      box = new Outbox(Outbox.directoryIn(state), "director1", clock, Duration.ofHours(24));
    }
    return box;
  }

  private MailDelivery delivery(StormControl storm) {
    return new MailDelivery(outbox(), relay, clock, storm);
  }

  private void enqueue(String subject) throws Exception {
    outbox().enqueue(OutboxTest.mail(subject));
    clock.advance(Duration.ofMillis(10)); // distinct ids, in order
  }

  private static StormControl cap(int max, Duration window) {
    return new StormControl(Optional.of(new StormControl.Cap(max, window)), Optional.empty());
  }

  private static StormControl digest(int count, Duration within) {
    return new StormControl(Optional.empty(), Optional.of(new StormControl.Digest(count, within)));
  }

  @Test
  void cap_reached_restHeld_thenOneDigestAtRollover_withEveryHeldSubject() throws Exception {
    Instant start = clock.instant();
    MailDelivery d = delivery(cap(2, Duration.ofMinutes(10)));
    for (String s : new String[] {"a", "b", "c", "d", "e"}) {
      enqueue(s);
    }

    Instant next = d.runPass();

    assertThat(relay.sent()).containsExactly("a", "b");
    assertThat(outbox().pending()).extracting(e -> e.message().subject()).containsExactly("c", "d", "e");
    assertThat(next).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
    enqueue("f"); // still over the cap
    assertThat(d.runPass()).isEqualTo(next);
    assertThat(relay.sent()).hasSize(2);

    clock.advance(Duration.between(clock.instant(), next));
    assertThat(d.runPass()).isNull();

    assertThat(relay.sent()).hasSize(3);
    OutboxEntry digest = relay.sentEntries().get(2);
    assertThat(digest.message().subject()).startsWith("DIGEST 4 alerts: c and 3 more");
    assertThat(digest.message().body()).contains("=== c\n", "=== d\n", "=== e\n", "=== f\n", "Group : login");
    assertThat(digest.message().to()).containsExactly("ops@example.com");
    assertThat(outbox().pending()).isEmpty();
    assertThat(start).isBefore(next);
  }

  @Test
  void cap_digestAtRolloverFails_heldMailStillGoesAsOneDigest_afterTheBackoff() throws Exception {
    MailDelivery d = delivery(cap(1, Duration.ofMinutes(10)));
    enqueue("a");
    enqueue("b");
    enqueue("c");
    Instant end = d.runPass();
    clock.advance(Duration.between(clock.instant(), end));
    relay.answer(RecordingRelay.DOWN);

    assertThat(d.runPass()).isEqualTo(clock.instant().plusSeconds(5));
    clock.advance(Duration.ofSeconds(5));
    assertThat(d.runPass()).isNull();

    assertThat(relay.tried()).containsExactly("a", "DIGEST 2 alerts: b and 1 more", "DIGEST 2 alerts: b and 1 more");
    assertThat(outbox().pending()).isEmpty();
  }

  @Test
  void digest_50MailsWithinTheWindow_oneDigestNaming50_afterTheWindow() throws Exception {
    MailDelivery d = delivery(digest(5, Duration.ofSeconds(30)));
    Instant first = clock.instant();
    for (int i = 0; i < 50; i++) {
      enqueue(String.format("ALERT login/ssh: node%02d down", i));
    }

    assertThat(d.runPass()).as("forming: held until 30 s after the first").isEqualTo(first.plusSeconds(30));
    assertThat(relay.tried()).isEmpty();
    clock.advance(Duration.between(clock.instant(), first.plusSeconds(30)));
    assertThat(d.runPass()).isNull();

    assertThat(relay.sent()).hasSize(1);
    OutboxEntry digest = relay.sentEntries().get(0);
    assertThat(digest.message().subject()).isEqualTo("DIGEST 50 alerts: ALERT login/ssh: node00 down and 49 more");
    for (int i = 0; i < 50; i++) {
      assertThat(digest.message().body()).contains(String.format("=== ALERT login/ssh: node%02d down\n", i));
    }
    assertThat(outbox().pending()).isEmpty();
  }

  @Test
  void digest_3MailsBelowTheThreshold_go3Individually_atMostTheWindowLate() throws Exception {
    MailDelivery d = delivery(digest(5, Duration.ofSeconds(30)));
    Instant first = clock.instant();
    enqueue("a");
    enqueue("b");
    enqueue("c");

    assertThat(d.runPass()).isEqualTo(first.plusSeconds(30));
    clock.advance(Duration.between(clock.instant(), first.plusSeconds(30)));
    assertThat(d.runPass()).isNull();

    assertThat(relay.sent()).containsExactly("a", "b", "c");
    assertThat(outbox().pending()).isEmpty();
  }

  @Test
  void digest_relayDown_entriesKept_retriedAsTheSameDigest_sameMessageId_deletedOnlyWhenAccepted()
      throws Exception {
    MailDelivery d = delivery(digest(2, Duration.ofSeconds(5)));
    enqueue("a");
    enqueue("b");
    clock.advance(Duration.ofSeconds(5));
    relay.answer(RecordingRelay.DOWN);

    assertThat(d.runPass()).isEqualTo(clock.instant().plusSeconds(5));
    assertThat(outbox().pending()).hasSize(2);
    String firstId = outbox().pending().get(0).id();
    clock.advance(Duration.ofSeconds(5));
    assertThat(d.runPass()).isNull();

    assertThat(relay.tried()).containsExactly("DIGEST 2 alerts: a and 1 more", "DIGEST 2 alerts: a and 1 more");
    assertThat(relay.sentEntries().get(0).messageId()).isEqualTo("<" + firstId + "-digest2.lvsmon@director1>");
    assertThat(outbox().pending()).isEmpty();
  }

  @Test
  void off_everyMailAtOnce_noDelay() throws Exception {
    MailDelivery d = new MailDelivery(outbox(), relay, clock);
    enqueue("a");
    enqueue("b");
    enqueue("c");

    assertThat(d.runPass()).isNull();

    assertThat(relay.sent()).containsExactly("a", "b", "c");
  }

  @Test
  void digest_overRealSmtp_50AlertsFromOneSwitchFailure_areOneMailListingAll50() throws Exception {
    com.icegreen.greenmail.util.GreenMail g = new com.icegreen.greenmail.util.GreenMail(
        new com.icegreen.greenmail.util.ServerSetup(0, "127.0.0.1", com.icegreen.greenmail.util.ServerSetup.PROTOCOL_SMTP));
    g.start();
    try {
      MailSender smtp = new MailSender(MailGreenMailTest.settings(g.getSmtp().getPort(), MailSettings.Security.NONE,
          null, null), "lvsmon@director1", new java.util.Properties());
      MailDelivery d = new MailDelivery(outbox(), smtp, clock, digest(5, Duration.ofSeconds(30)));
      for (int n = 1; n <= 50; n++) {
        enqueue("ALERT login/ssh: node" + n);
      }
      d.runPass();
      assertThat(g.getReceivedMessages()).as("the digest is still forming").isEmpty();

      clock.advance(Duration.ofSeconds(31));
      d.runPass();

      assertThat(g.getReceivedMessages()).hasSize(1);
      jakarta.mail.internet.MimeMessage m = g.getReceivedMessages()[0];
      assertThat(m.getSubject()).isEqualTo("DIGEST 50 alerts: ALERT login/ssh: node1 and 49 more");
      String body = com.icegreen.greenmail.util.GreenMailUtil.getBody(m);
      for (int n = 1; n <= 50; n++) {
        assertThat(body).contains("=== ALERT login/ssh: node" + n + "\r\n");
      }
      assertThat(outbox().pending()).isEmpty();
    } finally {
      g.stop();
    }
  }
}
