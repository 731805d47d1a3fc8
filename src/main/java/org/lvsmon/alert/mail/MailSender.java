package org.lvsmon.alert.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends outbox entries over SMTP with Jakarta Mail (Eclipse Angus), as the {@link MailSettings}
 * say: plain, STARTTLS (required) or SMTPS; authentication; connect, read and write timeouts. The
 * connection is kept open between sends and closed by {@link #disconnect()} or after any failure.
 * Every failure is classified, never thrown. Not thread-safe: one delivery thread uses it.
 */
public final class MailSender implements MailRelay, AutoCloseable {
  private static final Pattern REPLY = Pattern.compile("^([2-5]\\d\\d)(?=[ -]|$)|response: ([2-5]\\d\\d)");

  /** What became of one send. */
  public enum Outcome {
    /** The relay accepted the mail. */
    SENT,
    /** No SMTP reply: the relay cannot be reached, or it stopped answering (timeout, I/O error). */
    UNREACHABLE,
    /** A 4xx reply: try again later. */
    TRANSIENT,
    /** A 5xx reply (recipient or sender rejected, authentication refused): kept, reported, retried slowly. */
    PERMANENT
  }

  /**
   * @param atConnect the failure came before the mail itself (connect, greeting, TLS, auth): every
   *     mail would meet it, so a delivery pass stops
   * @param detail the error for logs, never a password
   */
  public record Result(Outcome outcome, boolean atConnect, String detail) {
    static final Result SENT = new Result(Outcome.SENT, false, "");

    public boolean sent() {
      return outcome == Outcome.SENT;
    }

    /** Whether no other mail can get through now either. */
    public boolean relayFailed() {
      return outcome == Outcome.UNREACHABLE || atConnect;
    }
  }

  private final MailSettings settings;
  private final String defaultFrom;
  private final Session session;
  private Transport transport;

  /**
   * @param defaultFrom the sender when neither {@code -f} nor the settings give one
   * @param extra further Jakarta Mail session properties (tests: a trust store), may be empty
   */
  public MailSender(MailSettings settings, String defaultFrom, Properties extra) {
    this.settings = settings;
    this.defaultFrom = defaultFrom;
    Properties p = new Properties();
    p.setProperty("mail.transport.protocol", "smtp");
    p.setProperty("mail.smtp.host", settings.host());
    p.setProperty("mail.smtp.port", Integer.toString(settings.port()));
    p.setProperty("mail.smtp.connectiontimeout", Long.toString(settings.connectTimeout().toMillis()));
    p.setProperty("mail.smtp.timeout", Long.toString(settings.timeout().toMillis()));
    p.setProperty("mail.smtp.writetimeout", Long.toString(settings.timeout().toMillis()));
    p.setProperty("mail.smtp.auth", Boolean.toString(settings.user().isPresent()));
    settings.helo().ifPresent(h -> p.setProperty("mail.smtp.localhost", h));
    switch (settings.security()) {
      case STARTTLS -> {
        p.setProperty("mail.smtp.starttls.enable", "true");
        p.setProperty("mail.smtp.starttls.required", "true");
      }
      case SMTPS -> p.setProperty("mail.smtp.ssl.enable", "true");
      default -> { }
    }
    // the relay's certificate must name it (and chain to the JVM's trust store), whatever the default
    p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
    p.putAll(extra);
    this.session = Session.getInstance(p);
  }

  /** Sends the entry's mail with its Message-ID; on any failure the connection is closed. */
  @Override
  public Result send(OutboxEntry e) {
    MimeMessage m;
    try {
      m = mime(e);
    } catch (MessagingException | RuntimeException ex) {
      return new Result(Outcome.PERMANENT, false, "cannot build the mail: " + ex.getMessage());
    }
    try {
      connect();
    } catch (MessagingException | RuntimeException ex) {
      disconnect();
      return classify(ex, true);
    }
    try {
      transport.sendMessage(m, m.getAllRecipients());
      return Result.SENT;
    } catch (MessagingException | RuntimeException ex) {
      disconnect();
      return classify(ex, false);
    }
  }

  private void connect() throws MessagingException {
    if (transport != null && transport.isConnected()) {
      return;
    }
    transport = session.getTransport("smtp");
    if (settings.user().isPresent()) {
      transport.connect(settings.host(), settings.port(), settings.user().get(), settings.password().orElse(""));
    } else {
      transport.connect();
    }
  }

  /** The mail as it goes on the wire: headers (with the entry's Message-ID) and body. */
  MimeMessage mime(OutboxEntry e) throws MessagingException {
    String id = e.messageId();
    MimeMessage m = new MimeMessage(session) {
      @Override
      protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", id); // the same on every attempt, so a duplicate can be told
      }
    };
    MailMessage mail = e.message();
    m.setFrom(new InternetAddress(mail.from().or(settings::from).orElse(defaultFrom), false));
    m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(String.join(",", mail.to()), false));
    m.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
    m.setSentDate(Date.from(mail.date()));
    m.setHeader("X-Mailer", MailMessage.MAILER);
    m.setText(mail.body(), StandardCharsets.UTF_8.name());
    m.saveChanges();
    return m;
  }

  /** An SMTP reply code in the exception chain decides; none means the relay could not be talked to. */
  static Result classify(Exception ex, boolean atConnect) {
    int code = replyCode(ex);
    String detail = describe(ex);
    if (code >= 500) {
      return new Result(Outcome.PERMANENT, atConnect, detail);
    }
    if (code >= 400) {
      return new Result(Outcome.TRANSIENT, atConnect, detail);
    }
    if (code == 0 || hasIoCause(ex)) {
      return new Result(Outcome.UNREACHABLE, atConnect, detail);
    }
    return new Result(Outcome.TRANSIENT, atConnect, detail);
  }

  private static int replyCode(Throwable ex) {
    for (Throwable t = ex; t != null; t = next(t)) {
      try {
        Method m = t.getClass().getMethod("getReturnCode"); // Angus's SMTP exceptions carry the reply code
        int code = (Integer) m.invoke(t);
        if (code >= 200) {
          return code;
        }
      } catch (ReflectiveOperationException | RuntimeException notAngus) {
        // fall back to the message text
      }
      Matcher mm = REPLY.matcher(String.valueOf(t.getMessage()));
      if (t instanceof MessagingException && mm.find()) {
        return Integer.parseInt(mm.group(1) != null ? mm.group(1) : mm.group(2));
      }
    }
    return 0;
  }

  private static boolean hasIoCause(Throwable ex) {
    for (Throwable t = ex; t != null; t = next(t)) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  private static Throwable next(Throwable t) {
    if (t instanceof MessagingException me && me.getNextException() != null && me.getNextException() != t) {
      return me.getNextException();
    }
    return t.getCause() == t ? null : t.getCause();
  }

  /** The chain's messages on one line, e.g. "Could not connect to SMTP host: ... (Connection refused)". */
  private static String describe(Throwable ex) {
    StringBuilder b = new StringBuilder();
    int depth = 0;
    for (Throwable t = ex; t != null && depth < 4; t = next(t), depth++) {
      String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
      if (b.indexOf(msg) < 0) {
        b.append(b.length() == 0 ? "" : " (").append(msg.replace('\n', ' '));
        if (depth > 0) {
          b.append(')');
        }
      }
    }
    return b.toString();
  }

  /** Closes the connection, if open; the next send opens a new one. */
  @Override
  public void disconnect() {
    Transport t = transport;
    transport = null;
    if (t != null) {
      try {
        t.close();
      } catch (MessagingException | RuntimeException ignored) {
        // closing a broken connection
      }
    }
  }

  @Override
  public void close() {
    disconnect();
  }
}
