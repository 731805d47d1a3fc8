package org.lvsmon.alert.mail;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Records every mail it is given and answers with the queued results, then SENT. Thread-safe. */
final class RecordingRelay implements MailRelay {
  static final MailSender.Result DOWN = new MailSender.Result(MailSender.Outcome.UNREACHABLE, true,
      "Couldn't connect to host (Connection refused)");
  static final MailSender.Result REJECTED = new MailSender.Result(MailSender.Outcome.PERMANENT, false,
      "550 5.1.1 no such user");

  private final Deque<MailSender.Result> answers = new ArrayDeque<>();
  private final List<String> sent = new ArrayList<>();
  private final List<String> tried = new ArrayList<>();
  private final List<OutboxEntry> sentEntries = new ArrayList<>();
  private int disconnects;

  synchronized RecordingRelay answer(MailSender.Result... results) {
    answers.addAll(List.of(results));
    return this;
  }

  @Override
  public synchronized MailSender.Result send(OutboxEntry entry) {
    tried.add(entry.message().subject());
    MailSender.Result r = answers.isEmpty() ? new MailSender.Result(MailSender.Outcome.SENT, false, "")
        : answers.poll();
    if (r.sent()) {
      sent.add(entry.message().subject());
      sentEntries.add(entry);
    }
    return r;
  }

  @Override
  public synchronized void disconnect() {
    disconnects++;
  }

  synchronized List<String> sent() {
    return List.copyOf(sent);
  }

  /** The accepted mails themselves, for their bodies and Message-IDs. */
  synchronized List<OutboxEntry> sentEntries() {
    return List.copyOf(sentEntries);
  }

  synchronized List<String> tried() {
    return List.copyOf(tried);
  }

  synchronized int disconnects() {
    return disconnects;
  }
}
