package org.lvsmon.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The demo's mail relay: an SMTP server (GreenMail) on 127.0.0.1 at a free port that keeps every
 * mail it is given, so the daemon's mail.alert delivers to it exactly as to a site's relay.
 * Thread-safe.
 */
final class MailSink implements AutoCloseable {
  /** How many lines of a mail's body the demo shows. */
  static final int BODY_LINES = 2;

  private final GreenMail server;
  private int seen;

  /** One mail as it arrived: to whom, its subject, its Message-ID and its first non-empty body lines. */
  record Received(String to, String subject, String messageId, List<String> firstLines) {}

  private MailSink(GreenMail server) {
    this.server = server;
  }

  static MailSink start() {
    GreenMail g = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    g.start();
    return new MailSink(g);
  }

  int port() {
    return server.getSmtp().getPort();
  }

  /** Every mail received so far, in order (a mail to two recipients counts twice). */
  List<Received> all() {
    return Arrays.stream(server.getReceivedMessages()).map(MailSink::received).toList();
  }

  /** The mails received since the last call. */
  synchronized List<Received> arrived() {
    List<Received> all = all();
    List<Received> fresh = new ArrayList<>(all.subList(Math.min(seen, all.size()), all.size()));
    seen = all.size();
    return fresh;
  }

  private static Received received(MimeMessage m) {
    try {
      Address[] to = m.getAllRecipients();
      String recipients = to == null ? "?" : Arrays.stream(to).map(Address::toString).collect(Collectors.joining(", "));
      Object content = m.getContent();
      List<String> lines = content instanceof String text ? firstLines(text) : List.of();
      return new Received(recipients, m.getSubject(), m.getMessageID(), lines);
    } catch (MessagingException | IOException e) {
      return new Received("?", "(unreadable mail: " + e.getMessage() + ")", null, List.of());
    }
  }

  /**
   * The first {@value #BODY_LINES} non-empty lines of mail.alert's detailed text (the monitor's
   * lines, after the dashes), else of the whole body.
   */
  static List<String> firstLines(String body) {
    int dashes = body.indexOf("\n---");
    int detail = dashes < 0 ? -1 : body.indexOf('\n', dashes + 1);
    List<String> lines = firstLines(detail < 0 ? "" : body.substring(detail + 1), BODY_LINES);
    return lines.isEmpty() ? firstLines(body, BODY_LINES) : lines;
  }

  private static List<String> firstLines(String text, int n) {
    return text.lines().map(String::strip).filter(l -> !l.isEmpty()).limit(n).toList();
  }

  @Override
  public void close() {
    server.stop();
  }
}
