package org.lvsmon.alert.mail;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One mail in the {@link Outbox}: its id (which orders entries by enqueue time), Message-ID, when
 * it was queued, the mail, and its delivery state (attempts so far, when the next may start, the
 * last error; {@code overdueReported} once the age limit was reported). Immutable.
 */
public record OutboxEntry(String id, String messageId, Instant created, MailMessage message, int attempts,
    Instant nextAttempt, String lastError, boolean overdueReported) {
  static final String MAGIC = "lvsmon-outbox 1";

  /** The entry with one more failed attempt. */
  OutboxEntry failed(Instant next, String error) {
    return new OutboxEntry(id, messageId, created, message, attempts + 1, next, error, overdueReported);
  }

  OutboxEntry withOverdueReported() {
    return new OutboxEntry(id, messageId, created, message, attempts, nextAttempt, lastError, true);
  }

  /** The mail file: written once at enqueue and never changed. */
  String encodeMail() {
    StringBuilder b = new StringBuilder(MAGIC).append('\n');
    line(b, "id", id);
    line(b, "message_id", messageId);
    line(b, "created", created.toString());
    line(b, "date", message.date().toString());
    message.from().ifPresent(f -> line(b, "from", f));
    message.to().forEach(t -> line(b, "to", t));
    line(b, "subject", message.subject());
    line(b, "body", message.body());
    return b.append("end\n").toString();
  }

  /** The state sidecar, rewritten after each failed attempt. */
  String encodeState() {
    StringBuilder b = new StringBuilder();
    line(b, "attempts", Integer.toString(attempts));
    line(b, "next", nextAttempt.toString());
    line(b, "error", lastError);
    line(b, "overdue_reported", Boolean.toString(overdueReported));
    return b.toString();
  }

  /**
   * @throws IllegalArgumentException saying what is wrong with the mail file
   */
  static OutboxEntry decodeMail(String text) {
    String[] lines = text.split("\n", -1);
    if (lines.length < 3 || !lines[0].equals(MAGIC)) {
      throw new IllegalArgumentException("does not start with \"" + MAGIC + "\"");
    }
    if (!lines[lines.length - 2].equals("end") || !lines[lines.length - 1].isEmpty()) {
      throw new IllegalArgumentException("has no \"end\" line: cut short");
    }
    String id = null;
    String messageId = null;
    Instant created = null;
    Instant date = null;
    String from = null;
    String subject = null;
    String body = null;
    List<String> to = new ArrayList<>();
    for (int i = 1; i < lines.length - 2; i++) {
      int eq = lines[i].indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("line " + (i + 1) + " has no \"=\"");
      }
      String value = unescape(lines[i].substring(eq + 1));
      switch (lines[i].substring(0, eq)) {
        case "id" -> id = value;
        case "message_id" -> messageId = value;
        case "created" -> created = instant(value);
        case "date" -> date = instant(value);
        case "from" -> from = value;
        case "to" -> to.add(value);
        case "subject" -> subject = value;
        case "body" -> body = value;
        default -> throw new IllegalArgumentException("line " + (i + 1) + ": unknown key");
      }
    }
    if (id == null || messageId == null || created == null || date == null || subject == null || body == null
        || to.isEmpty()) {
      throw new IllegalArgumentException("lacks one of id, message_id, created, date, to, subject, body");
    }
    MailMessage m = new MailMessage(Optional.ofNullable(from), to, subject, body, date);
    return new OutboxEntry(id, messageId, created, m, 0, created, "", false);
  }

  /**
   * The entry with the state from its sidecar.
   *
   * @throws IllegalArgumentException saying what is wrong with the sidecar
   */
  OutboxEntry withState(String text) {
    int n = attempts;
    Instant next = nextAttempt;
    String error = lastError;
    boolean reported = overdueReported;
    for (String l : text.split("\n")) {
      int eq = l.indexOf('=');
      if (l.isEmpty()) {
        continue;
      }
      if (eq < 0) {
        throw new IllegalArgumentException("line \"" + l + "\" has no \"=\"");
      }
      String value = unescape(l.substring(eq + 1));
      switch (l.substring(0, eq)) {
        case "attempts" -> n = Integer.parseInt(value);
        case "next" -> next = instant(value);
        case "error" -> error = value;
        case "overdue_reported" -> reported = Boolean.parseBoolean(value);
        default -> { } // a later version's key
      }
    }
    return new OutboxEntry(id, messageId, created, message, n, next, error, reported);
  }

  private static Instant instant(String s) {
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("\"" + s + "\" is not a time", e);
    }
  }

  private static void line(StringBuilder b, String key, String value) {
    b.append(key).append('=').append(escape(value)).append('\n');
  }

  static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
  }

  static String unescape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        b.append(c);
        continue;
      }
      if (++i == s.length()) {
        throw new IllegalArgumentException("a lone backslash at the end of a value");
      }
      switch (s.charAt(i)) {
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case '\\' -> b.append('\\');
        default -> throw new IllegalArgumentException("unknown escape \\" + s.charAt(i));
      }
    }
    return b.toString();
  }
}
