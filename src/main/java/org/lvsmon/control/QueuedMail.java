package org.lvsmon.control;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One mail waiting in the mail.alert outbox, as {@code list outbox} shows it. Immutable.
 *
 * @param id the outbox entry's id
 * @param created when the alert queued it
 * @param attempts failed delivery attempts so far
 * @param nextAttempt when the next attempt is due
 * @param overdue whether it is older than the outbox's age limit (it is kept and still retried)
 * @param to the recipients
 * @param subject the subject
 * @param lastError why the last attempt failed; "" before any
 */
public record QueuedMail(String id, Instant created, int attempts, Instant nextAttempt, boolean overdue,
    List<String> to, String subject, String lastError) {
  public QueuedMail {
    Objects.requireNonNull(id, "id");
    to = List.copyOf(to);
    lastError = lastError == null ? "" : lastError;
  }

  /**
   * The {@code list outbox} line: {@code id= created= attempts= next= overdue=0|1 to= subject= error=},
   * times in epoch seconds, recipients comma-separated, texts escaped as in {@code list opstatus}.
   */
  String line() {
    return "id=" + MonEscaping.escape(id, true) + " created=" + created.getEpochSecond() + " attempts=" + attempts
        + " next=" + nextAttempt.getEpochSecond() + " overdue=" + (overdue ? 1 : 0)
        + " to=" + MonEscaping.escape(String.join(",", to), true) + " subject=" + MonEscaping.escape(subject, true)
        + " error=" + MonEscaping.escape(lastError, true);
  }
}
