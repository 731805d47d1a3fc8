package org.lvsmon.alert.mail;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the {@link Outbox} on one thread ({@code lvsmon-mail}): oldest first, each mail sent and
 * then deleted, so after a crash or restart every pending mail is sent once more only if it had not
 * been deleted. The one duplicate that can happen: a relay that accepts the data and then hangs
 * before its reply (or a crash between the relay's reply and the delete) leaves the mail pending,
 * and it is sent again with the same Message-ID. A failed mail waits {@code first} and then twice
 * as long each time, up to {@code max} (its state survives restarts); when the relay itself fails
 * (no connection, a timeout, a refused greeting or login) the whole pass stops and the next waits
 * the same way. An idle thread looks again every {@link #IDLE_RESCAN} for mail queued by the
 * standalone mail.alert. With {@link StormControl} (off unless the settings ask) a pass sends what
 * {@link StormPlan} decides: digests and a global cap; a digest's entries are deleted only after the
 * relay accepted the digest, and a failed digest counts as a failed attempt of each. Thread-safe.
 */
public final class MailDelivery implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);
  public static final Duration FIRST_BACKOFF = Duration.ofSeconds(5);
  public static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
  /**
   * How often an idle thread looks at the outbox anyway: the standalone mail.alert queues mail from
   * another process, which cannot wake this one.
   */
  public static final Duration IDLE_RESCAN = Duration.ofMinutes(1);
  /** How long {@link #close()} waits for a send in progress; a hung relay is cut off by its own timeout. */
  static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

  private final Outbox outbox;
  private final MailRelay relay;
  private final Clock clock;
  private final Duration first;
  private final Duration max;
  private final StormControl storm;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Set<String> sentNotRemoved = new HashSet<>();
  private boolean woken;
  private boolean closed;
  private Thread thread;
  // only the delivery thread touches these
  private int relayFailures;
  private Instant relayRetryAt = Instant.MIN;
  private StormPlan.CapWindow window = StormPlan.CapWindow.NONE;

  /** With backoff 5 s doubling to 5 min. */
  public MailDelivery(Outbox outbox, MailRelay relay, Clock clock) {
    this(outbox, relay, clock, FIRST_BACKOFF, MAX_BACKOFF);
  }

  /** With backoff 5 s doubling to 5 min and {@code storm} control. */
  public MailDelivery(Outbox outbox, MailRelay relay, Clock clock, StormControl storm) {
    this(outbox, relay, clock, FIRST_BACKOFF, MAX_BACKOFF, storm);
  }

  public MailDelivery(Outbox outbox, MailRelay relay, Clock clock, Duration first, Duration max) {
    this(outbox, relay, clock, first, max, StormControl.OFF);
  }

  public MailDelivery(Outbox outbox, MailRelay relay, Clock clock, Duration first, Duration max,
      StormControl storm) {
    this.storm = storm;
    this.outbox = outbox;
    this.relay = relay;
    this.clock = clock;
    this.first = first;
    this.max = max;
  }

  /** Starts the thread, which delivers what is pending at once. */
  public void start() {
    lock.lock();
    try {
      if (thread != null || closed) {
        throw new IllegalStateException("mail delivery already started or closed");
      }
      thread = new Thread(this::loop, "lvsmon-mail");
      thread.setDaemon(true);
      thread.start();
    } finally {
      lock.unlock();
    }
  }

  /** Tells the thread a mail was enqueued; it is tried now unless the relay is in backoff. */
  public void wake() {
    lock.lock();
    try {
      woken = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops the thread: at once when idle, else after the send in progress (waiting at most 2 s). Pending mail stays in the outbox for the next start.
   */
  @Override
  public void close() {
    Thread t;
    lock.lock();
    try {
      closed = true;
      changed.signalAll();
      t = thread;
    } finally {
      lock.unlock();
    }
    if (t == null || t == Thread.currentThread()) {
      return;
    }
    try {
      t.join(CLOSE_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (t.isAlive()) {
      log.info("[mail] a send is still in progress on closing; it ends by the relay timeout, and an unsent mail"
          + " stays in {}", outbox.directory());
    }
  }

  private void loop() {
    while (!isClosed()) {
      Instant next;
      try {
        next = runPass();
        if (next == null) {
          next = clock.instant().plus(IDLE_RESCAN);
        }
      } catch (Throwable t) { // never die silently: log, wait, try again
        log.error("[mail] delivery pass over {} failed: {}; trying again in {}", outbox.directory(), t, first, t);
        next = clock.instant().plus(first);
      }
      awaitWork(next);
    }
  }

  private boolean isClosed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }

  /** Waits until {@code next}, a wake or close. */
  private void awaitWork(Instant next) {
    lock.lock();
    try {
      while (!closed && !woken) {
        long nanos = Duration.between(clock.instant(), next).toNanos();
        if (nanos <= 0) {
          break;
        }
        changed.await(nanos, TimeUnit.NANOSECONDS);
      }
      woken = false;
    } catch (InterruptedException e) {
      closed = true;
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  /**
   * One pass: every due mail, oldest first, until the relay fails. Returns when the next pass is
   * due, or null when nothing waits. Called by the delivery thread (tests call it directly).
   */
  Instant runPass() throws IOException {
    Instant now = clock.instant();
    if (now.isBefore(relayRetryAt)) {
      return relayRetryAt;
    }
    List<OutboxEntry> entries = new ArrayList<>(outbox.pending());
    entries.removeIf(e -> sentNotRemoved.contains(e.id()));
    StormPlan plan = StormPlan.plan(entries, now, storm, window);
    noteHeld(plan);
    window = plan.window();
    Instant next = plan.next();
    try {
      for (StormPlan.Send s : plan.sends()) {
        if (isClosed()) {
          break;
        }
        MailSender.Result r = relay.send(s.mail());
        if (r.sent()) {
          window = window.plusSent();
          if (s.digest()) {
            log.info("[mail] digest \"{}\" delivered for {} mail(s)", s.mail().message().subject(), s.covers().size());
          }
          s.covers().forEach(this::delivered);
          continue;
        }
        if (s.digest() && storm.cap().isPresent() && window.sent() == 0) {
          // the digest that opened this window failed: its mails are still held, and go as one again
          window = new StormPlan.CapWindow(now, 0, s.covers().size());
        }
        Instant retry = null;
        for (OutboxEntry e : s.covers()) {
          OutboxEntry f = outbox.recordFailure(e, now.plus(backoff(e.attempts() + 1)), r.detail());
          if (!r.relayFailed()) {
            logFailure(e, f, r);
          }
          retry = earliest(retry, f.nextAttempt());
        }
        if (r.relayFailed()) {
          relayDown(r, entries.size());
          return earliest(next, relayRetryAt);
        }
        next = earliest(next, retry);
      }
    } finally {
      relay.disconnect();
    }
    return next;
  }

  /** Logs once per window when the cap starts holding mail, and when held mail goes out. */
  private void noteHeld(StormPlan plan) {
    boolean rolled = !plan.window().end().equals(window.end());
    if (rolled && window.held() > 0) {
      log.info("[mail] max_mails window over: {} held mail(s) and those since go out as a digest", window.held());
    }
    if (!plan.held().isEmpty() && (rolled || window.held() == 0)) {
      log.warn("[mail] max_mails {} reached: {} mail(s) held, sent as one digest at {}", storm.cap().get(),
          plan.held().size(), plan.window().end());
    }
  }

  private void delivered(OutboxEntry e) {
    if (relayFailures > 0) {
      log.info("[mail] relay reachable again: mail is being delivered from {}", outbox.directory());
      relayFailures = 0;
      relayRetryAt = Instant.MIN;
    }
    if (e.attempts() > 0) {
      log.info("[mail] mail {} \"{}\" delivered after {} failed attempts", e.id(), e.message().subject(),
          e.attempts());
    } else {
      log.debug("[mail] mail {} \"{}\" delivered", e.id(), e.message().subject());
    }
    try {
      outbox.delivered(e.id());
    } catch (IOException | RuntimeException ex) {
      sentNotRemoved.add(e.id());
      log.error("[mail] mail {} was delivered but cannot be removed from {} ({}): it will be sent again after a"
          + " restart", e.id(), outbox.directory(), ex.toString());
    }
  }

  private void relayDown(MailSender.Result r, int waiting) {
    relayFailures++;
    Duration wait = backoff(relayFailures);
    relayRetryAt = clock.instant().plus(wait);
    if (relayFailures == 1) {
      log.warn("[mail] relay failed: {}; {} mail(s) wait in {}, retrying in {} (then doubling up to {})", r.detail(),
          waiting, outbox.directory(), wait, max);
    } else {
      log.debug("[mail] relay still failing ({} times): {}; next try in {}", relayFailures, r.detail(), wait);
    }
  }

  private void logFailure(OutboxEntry before, OutboxEntry after, MailSender.Result r) {
    boolean news = before.attempts() == 0 || !before.lastError().equals(after.lastError());
    if (r.outcome() == MailSender.Outcome.PERMANENT && news) {
      log.error("[mail] mail {} \"{}\" to {} rejected: {}; it is kept and retried at {}, and reported once older"
          + " than {}", after.id(), after.message().subject(), String.join(",", after.message().to()), r.detail(),
          after.nextAttempt(), outbox.ageLimit());
    } else if (news) {
      log.warn("[mail] mail {} \"{}\" not accepted yet: {}; retry at {}", after.id(), after.message().subject(),
          r.detail(), after.nextAttempt());
    }
  }

  /** {@code first} doubled for each attempt after the first, at most {@code max}. */
  Duration backoff(int attempts) {
    Duration d = first;
    for (int i = 1; i < attempts && d.compareTo(max) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(max) > 0 ? max : d;
  }

  private static Instant earliest(Instant a, Instant b) {
    return a == null || b.isBefore(a) ? b : a;
  }
}
