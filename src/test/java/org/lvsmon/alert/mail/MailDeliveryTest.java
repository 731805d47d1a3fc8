package org.lvsmon.alert.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The delivery passes on a fake clock and a recording relay, without the thread. */
class MailDeliveryTest {
  @TempDir Path state;
  private final FakeClock clock = new FakeClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final RecordingRelay relay = new RecordingRelay();

  private Outbox outbox() {
    return new Outbox(Outbox.directoryIn(state), "director1", clock, Duration.ofHours(24));
  }

  /** One outbox for the enqueues, so mails queued in one millisecond keep their order. */
  private Outbox box;

  @BeforeEach
  void box() {
    box = outbox();
  }

  private MailDelivery delivery() {
    return new MailDelivery(outbox(), relay, clock);
  }

  @Test
  void pass_sendsAllOldestFirst_deletesEach_thenNothingWaits() throws Exception {
    box.enqueue(OutboxTest.mail("a"));
    box.enqueue(OutboxTest.mail("b"));

    assertThat(delivery().runPass()).isNull();

    assertThat(relay.sent()).containsExactly("a", "b");
    assertThat(outbox().pending()).isEmpty();
    assertThat(relay.disconnects()).isEqualTo(1);
  }

  @Test
  void relayDown_passStopsAtTheFirstMail_backoffDoublesTo5Minutes_thenAllDeliveredOnce() throws Exception {
    box.enqueue(OutboxTest.mail("a"));
    box.enqueue(OutboxTest.mail("b"));
    MailDelivery d = delivery();
    relay.answer(RecordingRelay.DOWN, RecordingRelay.DOWN, RecordingRelay.DOWN);

    assertThat(d.runPass()).isEqualTo(clock.instant().plusSeconds(5));
    assertThat(relay.tried()).containsExactly("a");
    assertThat(d.runPass()).as("in backoff: no attempt").isEqualTo(clock.instant().plusSeconds(5));
    clock.advance(Duration.ofSeconds(5));
    assertThat(d.runPass()).isEqualTo(clock.instant().plusSeconds(10));
    clock.advance(Duration.ofSeconds(10));
    assertThat(d.runPass()).isEqualTo(clock.instant().plusSeconds(20));
    clock.advance(Duration.ofSeconds(20));

    assertThat(d.runPass()).isNull();

    assertThat(relay.sent()).containsExactly("a", "b");
    assertThat(relay.tried()).containsExactly("a", "a", "a", "a", "b");
    assertThat(d.backoff(7)).isEqualTo(Duration.ofMinutes(5));
    assertThat(d.backoff(100)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void rejectedMail_kept_retriedLater_othersGoOn() throws Exception {
    box.enqueue(OutboxTest.mail("bad"));
    box.enqueue(OutboxTest.mail("good"));
    relay.answer(RecordingRelay.REJECTED);

    Instant next = delivery().runPass();

    assertThat(relay.sent()).containsExactly("good");
    assertThat(next).isEqualTo(clock.instant().plusSeconds(5));
    OutboxEntry kept = outbox().pending().get(0);
    assertThat(kept.attempts()).isEqualTo(1);
    assertThat(kept.lastError()).isEqualTo("550 5.1.1 no such user");
  }

  @Test
  void newDeliveryOverTheSameOutbox_keepsThePersistedBackoff() throws Exception {
    box.enqueue(OutboxTest.mail("a"));
    relay.answer(RecordingRelay.REJECTED);
    delivery().runPass();

    assertThat(delivery().runPass()).as("restarted: waits out the backoff").isEqualTo(clock.instant().plusSeconds(5));
    clock.advance(Duration.ofSeconds(5));
    assertThat(delivery().runPass()).isNull();
    assertThat(relay.sent()).containsExactly("a");
  }
}
