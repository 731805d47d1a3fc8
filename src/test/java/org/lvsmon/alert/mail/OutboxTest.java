package org.lvsmon.alert.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
  @TempDir Path state;
  private final FakeClock clock = new FakeClock(Instant.parse("2030-01-01T00:00:00Z"));

  private Outbox outbox() {
    return new Outbox(Outbox.directoryIn(state), "director1", clock, Duration.ofHours(24));
  }

  static MailMessage mail(String subject) {
    return new MailMessage(Optional.of("lvsmon@director1"), List.of("ops@example.com"), subject,
        "\nGroup : login\nline with \\ and \r\n", Instant.parse("2030-01-01T00:00:00Z"));
  }

  @Test
  void anOutboxDirectoryRemovedBetweenEnqueues_isMadeAgain_andTheMailKept() throws Exception {
    Outbox o = outbox();
    o.enqueue(mail("a"));
    o.delivered(o.pending().get(0).id());
    try (var left = java.nio.file.Files.list(o.directory())) {
      for (java.nio.file.Path p : left.toList()) {
        java.nio.file.Files.delete(p);
      }
    }
    java.nio.file.Files.delete(o.directory());

    o.enqueue(mail("b"));

    assertThat(o.pending()).extracting(e -> e.message().subject()).containsExactly("b");
  }

  @Test
  void enqueue_thenPending_oldestFirst_sameMailAndMessageId_inANewOutbox() throws Exception {
    Outbox o = outbox();
    OutboxEntry a = o.enqueue(mail("a"));
    clock.advance(Duration.ofMillis(1));
    OutboxEntry b = o.enqueue(mail("b"));
    OutboxEntry c = o.enqueue(mail("c")); // same millisecond: the sequence orders it

    List<OutboxEntry> pending = outbox().pending();

    assertThat(pending).extracting(e -> e.message().subject()).containsExactly("a", "b", "c");
    assertThat(pending.get(0)).isEqualTo(a);
    assertThat(pending.get(1).messageId()).isEqualTo("<" + b.id() + ".lvsmon@director1>");
    assertThat(pending.get(2).message()).isEqualTo(c.message());
    try (var files = Files.list(o.directory())) {
      assertThat(files.map(p -> p.getFileName().toString())).allMatch(n -> n.endsWith(".mail"));
    }
  }

  @Test
  void delivered_removesTheMailAndItsState() throws Exception {
    Outbox o = outbox();
    OutboxEntry a = o.enqueue(mail("a"));
    o.recordFailure(a, clock.instant().plusSeconds(5), "down");

    o.delivered(a.id());

    assertThat(o.pending()).isEmpty();
    try (var files = Files.list(o.directory())) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void failedAttempts_surviveARestart() throws Exception {
    Outbox o = outbox();
    OutboxEntry a = o.enqueue(mail("a"));
    OutboxEntry once = o.recordFailure(a, clock.instant().plusSeconds(5), "connection refused");
    o.recordFailure(once, clock.instant().plusSeconds(10), "timeout\nafter 30s");

    OutboxEntry read = outbox().pending().get(0);

    assertThat(read.attempts()).isEqualTo(2);
    assertThat(read.nextAttempt()).isEqualTo(clock.instant().plusSeconds(10));
    assertThat(read.lastError()).isEqualTo("timeout\nafter 30s");
  }

  @Test
  void corruptMail_movedToBad_othersStillPending() throws Exception {
    Outbox o = outbox();
    o.enqueue(mail("a"));
    Files.writeString(o.directory().resolve("0000000000001-000000-00000000.mail"), "lvsmon-outbox 1\nid=x\n");
    Files.writeString(o.directory().resolve("0000000000002-000000-00000000.mail"), "garbage");

    assertThat(o.pending()).extracting(e -> e.message().subject()).containsExactly("a");
    assertThat(o.directory().resolve("bad/0000000000001-000000-00000000.mail")).exists();
    assertThat(o.directory().resolve("bad/0000000000002-000000-00000000.mail")).exists();
  }

  @Test
  void overAgeLimit_listedAsFailed_reportedOnce_stillPending() throws Exception {
    Outbox o = outbox();
    o.enqueue(mail("old"));
    clock.advance(Duration.ofHours(1));
    o.enqueue(mail("new"));
    assertThat(o.failed()).isEmpty();

    clock.advance(Duration.ofHours(23).plusSeconds(1));

    assertThat(o.failed()).extracting(e -> e.message().subject()).containsExactly("old");
    assertThat(outbox().pending()).hasSize(2).first().matches(OutboxEntry::overdueReported);
  }

  @Test
  void diskFullOrReadOnly_notDurable_namesTheDirectory_leavesNothing() throws Exception {
    Outbox o = new Outbox(Outbox.directoryIn(state), "director1", clock, Duration.ofHours(24), new Outbox.Storage() {
      @Override
      public void writeSynced(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
        throw new IOException("No space left on device");
      }

      @Override
      public void syncDirectory(Path dir) {}
    });

    assertThatThrownBy(() -> o.enqueue(mail("a")))
        .isInstanceOf(Outbox.NotDurableException.class)
        .hasMessageStartingWith("outbox " + o.directory() + ": cannot write mail \"a\"")
        .hasMessageContaining("No space left on device")
        .hasMessageContaining("the alert is NOT durable");
    assertThat(o.pending()).isEmpty();
    try (var files = Files.list(o.directory())) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void entryText_roundTrips_withEscapes() {
    OutboxEntry e = outbox().newEntry(mail("a\\b"));

    assertThat(OutboxEntry.decodeMail(e.encodeMail())).isEqualTo(e);
    assertThat(e.withState(e.failed(Instant.EPOCH, "x\\n").encodeState()).lastError()).isEqualTo("x\\n");
  }
}
