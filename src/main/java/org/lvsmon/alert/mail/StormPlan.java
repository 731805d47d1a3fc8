package org.lvsmon.alert.mail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one delivery pass sends, decided without I/O from the pending entries, the time and the
 * {@link StormControl}: a list of {@link Send}s, each naming the outbox entries it covers (one, or
 * several for a digest), the entries held back, and when to look again. Pure.
 *
 * @param sends in order; each covered entry is deleted only after its send was accepted
 * @param held entries over the cap in this window, sent as a digest when it rolls over
 * @param next when a held or forming mail, or one in backoff, is due; null when none
 * @param window the cap's window after this plan (before counting the sends)
 */
record StormPlan(List<Send> sends, List<OutboxEntry> held, Instant next, CapWindow window) {
  /** How many lines of each mail's body a digest quotes. */
  static final int DIGEST_LINES = 6;

  /** One mail to send: {@code mail} itself, or a digest built from {@code covers}. */
  record Send(OutboxEntry mail, List<OutboxEntry> covers) {
    Send {
      covers = List.copyOf(covers);
    }

    boolean digest() {
      return covers.size() > 1 || covers.get(0) != mail;
    }
  }

  /**
   * The cap's current window: it ends at {@code end} (MIN: none open), {@code sent} mails went out
   * in it and {@code held} entries wait for its end.
   */
  record CapWindow(Instant end, int sent, int held) {
    static final CapWindow NONE = new CapWindow(Instant.MIN, 0, 0);

    CapWindow plusSent() {
      return new CapWindow(end, sent + 1, held);
    }
  }

  /**
   * The plan for {@code pending} (oldest first) at {@code now}. Entries not yet due (backoff) wait.
   * With a digest, each recipient list's mails are cut into clusters of mails queued within {@code
   * within} of the cluster's first; a cluster is held until that time has passed, then goes out as
   * one digest when it has {@code count} or more, else one by one. With a cap, at most {@code max}
   * sends per window; the rest is held, and when a window that held mail rolls over, everything
   * ready goes out as one digest per recipient list.
   */
  static StormPlan plan(List<OutboxEntry> pending, Instant now, StormControl storm, CapWindow window) {
    List<OutboxEntry> due = new ArrayList<>();
    Instant next = null;
    for (OutboxEntry e : pending) {
      if (e.nextAttempt().isAfter(now)) {
        next = earliest(next, e.nextAttempt());
      } else {
        due.add(e);
      }
    }
    List<Send> sends = new ArrayList<>();
    if (storm.digest().isEmpty()) {
      due.forEach(e -> sends.add(new Send(e, List.of(e))));
    } else {
      next = earliest(next, digests(due, now, storm.digest().get(), sends));
    }
    if (storm.cap().isEmpty()) {
      return new StormPlan(sends, List.of(), next, window);
    }
    StormControl.Cap cap = storm.cap().get();
    List<Send> ready = sends;
    if (!now.isBefore(window.end())) {
      if (window.held() > 0) {
        ready = byRecipients(sends).values().stream().map(l -> digest(l, now)).toList();
      }
      window = new CapWindow(now.plus(cap.window()), 0, 0);
    }
    int room = Math.max(0, cap.max() - window.sent());
    if (ready.size() <= room) {
      return new StormPlan(ready, List.of(), next, window);
    }
    List<OutboxEntry> held = new ArrayList<>();
    ready.subList(room, ready.size()).forEach(s -> held.addAll(s.covers()));
    return new StormPlan(List.copyOf(ready.subList(0, room)), held, earliest(next, window.end()),
        new CapWindow(window.end(), window.sent(), held.size()));
  }

  /** Adds the sends of the clusters that are complete; returns when the first forming one is. */
  private static Instant digests(List<OutboxEntry> due, Instant now, StormControl.Digest rule, List<Send> sends) {
    Instant next = null;
    for (List<OutboxEntry> same : byRecipientsOfEntries(due).values()) {
      int i = 0;
      while (i < same.size()) {
        Instant closes = same.get(i).created().plus(rule.within());
        int j = i;
        while (j < same.size() && same.get(j).created().isBefore(closes)) {
          j++;
        }
        List<OutboxEntry> cluster = same.subList(i, j);
        if (now.isBefore(closes)) {
          next = earliest(next, closes); // a digest may still be forming
        } else if (cluster.size() >= rule.count()) {
          sends.add(digest(cluster.stream().map(e -> new Send(e, List.of(e))).toList(), now));
        } else {
          cluster.forEach(e -> sends.add(new Send(e, List.of(e))));
        }
        i = j;
      }
    }
    sends.sort((a, b) -> a.covers().get(0).id().compareTo(b.covers().get(0).id()));
    return next;
  }

  private static Map<List<Object>, List<OutboxEntry>> byRecipientsOfEntries(List<OutboxEntry> entries) {
    Map<List<Object>, List<OutboxEntry>> m = new LinkedHashMap<>();
    entries.forEach(e -> m.computeIfAbsent(recipients(e), k -> new ArrayList<>()).add(e));
    return m;
  }

  private static Map<List<Object>, List<Send>> byRecipients(List<Send> sends) {
    Map<List<Object>, List<Send>> m = new LinkedHashMap<>();
    sends.forEach(s -> m.computeIfAbsent(recipients(s.mail()), k -> new ArrayList<>()).add(s));
    return m;
  }

  private static List<Object> recipients(OutboxEntry e) {
    return List.of(e.message().from(), e.message().to());
  }

  /**
   * One mail for {@code sends} (one recipient list): subject counting them, body listing each
   * subject and the first {@value #DIGEST_LINES} lines of its body. A single plain send stays as it
   * is. Its Message-ID derives from the first entry's, so a retry of the same digest keeps it.
   */
  static Send digest(List<Send> sends, Instant now) {
    List<OutboxEntry> covers = new ArrayList<>();
    sends.forEach(s -> covers.addAll(s.covers()));
    if (covers.size() == 1) {
      return sends.get(0);
    }
    OutboxEntry first = covers.get(0);
    StringBuilder body = new StringBuilder("\n").append(covers.size())
        .append(" alert mails, queued from ").append(first.created()).append(" to ")
        .append(covers.get(covers.size() - 1).created()).append(", sent as one digest by lvsmon's storm control.\n");
    for (OutboxEntry e : covers) {
      body.append("\n=== ").append(e.message().subject()).append('\n');
      e.message().body().lines().filter(l -> !l.isBlank()).limit(DIGEST_LINES)
          .forEach(l -> body.append("    ").append(l).append('\n'));
    }
    String subject = "DIGEST " + covers.size() + " alerts: " + first.message().subject() + " and "
        + (covers.size() - 1) + " more";
    MailMessage m = new MailMessage(first.message().from(), first.message().to(), subject, body.toString(), now);
    String id = first.id() + "-digest" + covers.size();
    String messageId = first.messageId().replaceFirst("^<" + Pattern.quote(first.id()),
        "<" + Matcher.quoteReplacement(id));
    return new Send(new OutboxEntry(id, messageId, now, m, 0, now, "", false), covers);
  }

  private static Instant earliest(Instant a, Instant b) {
    return a == null || b.isBefore(a) ? b : a;
  }
}
