package org.lvsmon.alert.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in alert over a recording relay: queued in the daemon, sent or queued standalone. */
class MailAlertTest {
  private static final List<String> ARGS = List.of("-s", "ssh", "-g", "login", "-h", "node3", "-t", "1795311202",
      "root@localhost");

  @TempDir Path state;
  private final FakeClock clock = new FakeClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final RecordingRelay relay = new RecordingRelay();
  private final AtomicInteger wakes = new AtomicInteger();
  private final StringWriter out = new StringWriter();

  private MailAlert alert(Outbox outbox) {
    return new MailAlert(outbox, () -> relay, wakes::incrementAndGet, ZoneOffset.UTC, clock);
  }

  private Outbox outbox() {
    return new Outbox(Outbox.directoryIn(state), "director1", clock, Duration.ofHours(24));
  }

  @Test
  void queue_writesTheMail_wakesDelivery_sendsNothingItself() throws Exception {
    assertThat(alert(outbox()).queue(ARGS, "node3\n", new PrintWriter(out, true))).isEqualTo(MailAlert.OK);

    assertThat(outbox().pending()).extracting(e -> e.message().subject())
        .containsExactly("ALERT login/ssh: node3 (Sun Nov 22 01:33:22)");
    assertThat(wakes).hasValue(1);
    assertThat(relay.tried()).isEmpty();
    assertThat(out.toString()).startsWith("[login/ssh] mail \"ALERT login/ssh: node3 (Sun Nov 22 01:33:22)\" to"
        + " root@localhost queued as ");
  }

  @Test
  void queue_outboxNotDurable_saysSoLoudly_andSendsDirectly() {
    Outbox broken = new Outbox(Outbox.directoryIn(state), "director1", clock, Duration.ofHours(24),
        new Outbox.Storage() {
          @Override
          public void writeSynced(Path file, byte[] bytes) throws IOException {
            throw new IOException("Read-only file system");
          }

          @Override
          public void syncDirectory(Path dir) {}
        });

    assertThat(alert(broken).queue(ARGS, "node3\n", new PrintWriter(out, true))).isEqualTo(MailAlert.OK);

    assertThat(relay.sent()).hasSize(1);
    assertThat(out.toString()).contains(": ERROR outbox ").contains("the alert is NOT durable")
        .contains("sent directly (not durable)");
  }

  @Test
  void sendOrQueue_relayUp_sentAtOnce_nothingQueued() throws Exception {
    assertThat(alert(outbox()).sendOrQueue(ARGS, "node3\n", new PrintWriter(out, true))).isEqualTo(MailAlert.OK);

    assertThat(relay.sent()).hasSize(1);
    assertThat(outbox().pending()).isEmpty();
    assertThat(out.toString()).endsWith(" sent\n");
  }

  @Test
  void sendOrQueue_relayDown_queuedWithTheSameMessageId_forTheDaemon() throws Exception {
    relay.answer(RecordingRelay.DOWN);

    assertThat(alert(outbox()).sendOrQueue(ARGS, "node3\n", new PrintWriter(out, true))).isEqualTo(MailAlert.OK);

    assertThat(outbox().pending()).hasSize(1);
    assertThat(out.toString()).contains("not sent (relay unreachable: Couldn't connect to host (Connection refused))"
        + "; queued as ").contains("for the lvsmon daemon to deliver");
  }

  @Test
  void badArguments_usage_nothingQueued() throws Exception {
    assertThat(alert(outbox()).queue(List.of("-s", "ssh"), "", new PrintWriter(out, true))).isEqualTo(MailAlert.USAGE);

    assertThat(outbox().pending()).isEmpty();
    assertThat(out.toString()).startsWith("mail.alert: no recipient: give one or more addresses after the options;"
        + " nothing sent\nmail.alert: usage: mail.alert ");
  }
}
