package org.lvsmon.alert.mail;

/**
 * Where outbox mail goes: {@link MailSender} (SMTP) in production, a recording fake in tests. Used
 * by one thread at a time.
 */
public interface MailRelay {
  /** Sends one mail; never throws: every failure is a classified {@link MailSender.Result}. */
  MailSender.Result send(OutboxEntry entry);

  /** Ends a connection kept open between sends, if any. */
  void disconnect();
}
