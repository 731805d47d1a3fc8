package org.lvsmon.alert.mail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable spool of alert mails, a directory of its own: one file {@code ID.mail} per mail,
 * written once (to a temporary name, fsync'd, renamed, the directory fsync'd) and deleted when
 * delivered; its delivery state (attempts, next attempt, last error) in a sidecar {@code ID.state},
 * so backoff survives a restart. Ids sort by enqueue time. A mail file that cannot be read is moved
 * to {@code bad/} with an ERROR line. A mail older than the age limit is logged at ERROR once and
 * listed by {@link #failed()}, and is still retried: nothing is dropped. Several processes may
 * enqueue into one outbox (the daemon and the standalone mail.alert); only one may deliver.
 * Thread-safe.
 */
public final class Outbox {
  private static final Logger log = LoggerFactory.getLogger(Outbox.class);
  static final String MAIL = ".mail";
  static final String STATE = ".state";
  static final String TMP = ".tmp";
  /** A temporary file older than this is left over from a crash and removed. */
  static final Duration STALE_TMP = Duration.ofHours(1);

  /** How bytes reach the disk; a test injects a failing one (a full or read-only disk). */
  interface Storage {
    /** Writes {@code bytes} to the new file {@code file} and fsyncs it. */
    void writeSynced(Path file, byte[] bytes) throws IOException;

    /** Fsyncs the directory, so a rename or delete in it survives a crash. */
    void syncDirectory(Path dir) throws IOException;

    Storage DISK = new Storage() {
      @Override
      public void writeSynced(Path file, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          ByteBuffer buf = ByteBuffer.wrap(bytes);
          while (buf.hasRemaining()) {
            ch.write(buf);
          }
          ch.force(true);
        }
      }

      @Override
      public void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
          ch.force(true);
        }
      }
    };
  }

  /** The mail could not be made durable; it is not in the outbox. The message names the directory. */
  public static final class NotDurableException extends IOException {
    private static final long serialVersionUID = 1L;

    NotDurableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Path dir;
  private final String hostName;
  private final Clock clock;
  private final Duration ageLimit;
  private final Storage storage;
  private final AtomicLong sequence = new AtomicLong();
  /** Whether the directory was seen to exist, so an enqueue need not check again (one syscall and an exception less). */
  private volatile boolean dirReady;

  /**
   * @param dir the outbox directory, created on the first enqueue (the daemon's: statedir/outbox)
   * @param hostName the host name in each Message-ID
   * @param ageLimit how old an undelivered mail may grow before it is reported as failed
   */
  public Outbox(Path dir, String hostName, Clock clock, Duration ageLimit) {
    this(dir, hostName, clock, ageLimit, Storage.DISK);
  }

  Outbox(Path dir, String hostName, Clock clock, Duration ageLimit, Storage storage) {
    this.dir = dir;
    this.hostName = hostName;
    this.clock = clock;
    this.ageLimit = ageLimit;
    this.storage = storage;
  }

  /** The outbox of a state directory: {@code statedir/outbox}. */
  public static Path directoryIn(Path statedir) {
    return statedir.resolve("outbox");
  }

  public Path directory() {
    return dir;
  }

  public Duration ageLimit() {
    return ageLimit;
  }

  /** A new entry for the mail, not yet written: its id and Message-ID are fixed here. */
  public OutboxEntry newEntry(MailMessage message) {
    Instant now = clock.instant();
    String id = String.format("%013d-%06d-%08x", now.toEpochMilli(), sequence.getAndIncrement() % 1_000_000,
        ThreadLocalRandom.current().nextInt());
    return new OutboxEntry(id, MailMessage.messageId(id, hostName), now, message, 0, now, "", false);
  }

  /** {@link #enqueue(OutboxEntry)} of a {@link #newEntry new entry}. */
  public OutboxEntry enqueue(MailMessage message) throws NotDurableException {
    return enqueue(newEntry(message));
  }

  /**
   * Writes the entry durably and returns it; only then does the alert count as sent.
   *
   * @throws NotDurableException when it could not be written, synced or renamed (disk full,
   *     read-only); the mail is then NOT in the outbox and the caller should say so loudly
   */
  public OutboxEntry enqueue(OutboxEntry e) throws NotDurableException {
    String id = e.id();
    MailMessage message = e.message();
    Path tmp = dir.resolve("." + id + TMP);
    try {
      byte[] bytes = e.encodeMail().getBytes(StandardCharsets.UTF_8);
      if (!dirReady) {
        Files.createDirectories(dir);
        dirReady = true;
      }
      try {
        storage.writeSynced(tmp, bytes);
      } catch (java.nio.file.NoSuchFileException gone) { // the directory was removed since: make it again, once
        Files.createDirectories(dir);
        storage.writeSynced(tmp, bytes);
      }
      Files.move(tmp, dir.resolve(id + MAIL), StandardCopyOption.ATOMIC_MOVE);
      storage.syncDirectory(dir);
    } catch (IOException | RuntimeException ex) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException | RuntimeException ignored) {
        // the directory is failing already; the error below says so
      }
      throw new NotDurableException("outbox " + dir + ": cannot write mail \"" + message.subject() + "\" ("
          + ex + "); the alert is NOT durable: it is lost if it cannot be sent before lvsmon stops", ex);
    }
    return e;
  }

  /**
   * Every mail not yet delivered, oldest first, with its delivery state. A mail file that cannot be
   * read is moved to {@code bad/}; an overdue mail is logged at ERROR the first time it is seen.
   *
   * @throws IOException when the directory cannot be listed
   */
  public List<OutboxEntry> pending() throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        if (name.endsWith(MAIL) && !name.startsWith(".")) {
          files.add(p);
        } else if (name.endsWith(TMP)) {
          removeIfStale(p);
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    }
    files.sort(null);
    List<OutboxEntry> entries = new ArrayList<>();
    for (Path p : files) {
      OutboxEntry e = read(p);
      if (e != null) {
        entries.add(reportIfOverdue(e));
      }
    }
    return entries;
  }

  /** The pending mails older than the age limit (for {@code list}); they are still retried. */
  public List<OutboxEntry> failed() throws IOException {
    return pending().stream().filter(this::overdue).toList();
  }

  /**
   * Removes a delivered mail (and its state) and fsyncs the directory, so a restart never sends it
   * again.
   *
   * @throws IOException when the mail file could not be removed; it would be sent again after a restart
   */
  public void delivered(String id) throws IOException {
    Files.deleteIfExists(dir.resolve(id + MAIL));
    Files.deleteIfExists(dir.resolve(id + STATE));
    storage.syncDirectory(dir);
  }

  /**
   * Records a failed attempt: the entry's attempts, next attempt and error are written to its
   * sidecar. A sidecar that cannot be written is logged; the mail itself is kept either way.
   */
  public OutboxEntry recordFailure(OutboxEntry e, Instant next, String error) {
    OutboxEntry f = e.failed(next, error);
    writeState(f);
    return f;
  }

  /** Whether the entry has waited longer than the age limit. */
  public boolean overdue(OutboxEntry e) {
    return Duration.between(e.created(), clock.instant()).compareTo(ageLimit) > 0;
  }

  private OutboxEntry reportIfOverdue(OutboxEntry e) {
    if (e.overdueReported() || !overdue(e)) {
      return e;
    }
    log.error("[outbox] mail {} \"{}\" to {} NOT delivered after {} ({} attempts, age limit {}): last error: {};"
        + " it stays in {} and is still retried", e.id(), e.message().subject(), String.join(",", e.message().to()),
        Duration.between(e.created(), clock.instant()).withNanos(0), e.attempts(), ageLimit, e.lastError(), dir);
    OutboxEntry r = e.withOverdueReported();
    writeState(r);
    return r;
  }

  private OutboxEntry read(Path mail) {
    String name = mail.getFileName().toString();
    String id = name.substring(0, name.length() - MAIL.length());
    OutboxEntry e;
    try {
      e = OutboxEntry.decodeMail(Files.readString(mail, StandardCharsets.UTF_8));
      if (!e.id().equals(id)) {
        throw new IllegalArgumentException("holds id " + e.id());
      }
    } catch (NoSuchFileException gone) {
      return null; // delivered meanwhile
    } catch (IOException | RuntimeException ex) {
      moveAside(mail, id, ex);
      return null;
    }
    Path state = dir.resolve(id + STATE);
    try {
      return e.withState(Files.readString(state, StandardCharsets.UTF_8));
    } catch (NoSuchFileException never) {
      return e;
    } catch (IOException | RuntimeException ex) {
      log.warn("[outbox] mail {}: its state file {} cannot be read ({}); it is retried as if new", id, state, ex);
      return e;
    }
  }

  private void moveAside(Path mail, String id, Exception why) {
    Path bad = dir.resolve("bad");
    try {
      Files.createDirectories(bad);
      Files.move(mail, bad.resolve(mail.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      Path state = dir.resolve(id + STATE);
      if (Files.exists(state)) {
        Files.move(state, bad.resolve(state.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
      log.error("[outbox] mail file {} is corrupt ({}); moved to {}: that mail is NOT sent", mail, why.getMessage(),
          bad);
    } catch (IOException | RuntimeException ex) {
      log.error("[outbox] mail file {} is corrupt ({}) and cannot be moved to {} ({}); it is skipped", mail,
          why.getMessage(), bad, ex.toString());
    }
  }

  /** Temp-write and rename, so a crash leaves the old or the new state; not fsync'd: a lost update only shortens a wait. */
  private void writeState(OutboxEntry e) {
    Path tmp = dir.resolve("." + e.id() + STATE + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + TMP);
    try {
      Files.writeString(tmp, e.encodeState(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
      Files.move(tmp, dir.resolve(e.id() + STATE), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException ex) {
      log.warn("[outbox] mail {}: cannot write its state to {} ({}); its backoff restarts after a restart", e.id(),
          dir, ex.toString());
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException | RuntimeException ignored) {
        // logged above
      }
    }
  }

  private void removeIfStale(Path tmp) {
    try {
      if (Files.getLastModifiedTime(tmp).toInstant().isBefore(clock.instant().minus(STALE_TMP))) {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException | RuntimeException ignored) {
      // another process renamed or removed it
    }
  }
}
