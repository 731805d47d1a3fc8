package org.lvsmon.alert.mail;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;

/**
 * The built-in {@code mail.alert}: mon's mail.alert's mail ({@link MailMessage#compose}) sent
 * through the {@link Outbox}. In the daemon ({@link #queue}) the mail is written to the outbox and
 * the delivery thread woken; the alert counts as sent once the mail is on disk. Standalone ({@link
 * #sendOrQueue}, for classic mon and humans) it is sent at once and queued for the daemon only when
 * that fails. Every outcome is printed as one line starting with {@code [group/service]}.
 * Thread-safe if the relays the supplier gives are used by one call each.
 */
public final class MailAlert {
  /** Exit status: sent, or queued durably. */
  public static final int OK = 0;
  /** Exit status: neither sent nor durably queued: the mail is lost. */
  public static final int FAILED = 1;
  /** Exit status: the arguments are not mail.alert's; nothing was sent. */
  public static final int USAGE = 2;

  private final Outbox outbox;
  private final Supplier<MailRelay> relays;
  private final Runnable wake;
  private final ZoneId zone;
  private final Clock clock;

  /**
   * @param relays a new relay for each direct send (the delivery thread keeps its own)
   * @param wake tells the delivery thread a mail was queued ({@link MailDelivery#wake}); a no-op standalone
   * @param zone the zone of the times in the mail (the director's local time, as mon)
   */
  public MailAlert(Outbox outbox, Supplier<MailRelay> relays, Runnable wake, ZoneId zone, Clock clock) {
    this.outbox = outbox;
    this.relays = relays;
    this.wake = wake;
    this.zone = zone;
    this.clock = clock;
  }

  /**
   * The daemon's way: the mail goes into the outbox and the delivery thread sends it. When the
   * outbox cannot hold it (disk full, read-only) that is printed as an error and the mail is sent
   * directly, once.
   *
   * @param argv the arguments after the program name, as mon passes them
   * @param stdin the alert's stdin (summary line first); may be null
   * @return {@link #OK}, {@link #FAILED} or {@link #USAGE}
   */
  public int queue(List<String> argv, String stdin, PrintWriter out) {
    Prepared p = prepare(argv, stdin, out);
    if (p == null) {
      return USAGE;
    }
    OutboxEntry e = p.entry();
    String who = p.who();
    try {
      outbox.enqueue(e);
      out.println(who + " queued as " + e.id());
      wake.run();
      return OK;
    } catch (Outbox.NotDurableException ex) {
      out.println(who + ": ERROR " + ex.getMessage() + "; sending it directly");
    }
    MailSender.Result r = sendDirectly(e);
    out.println(who + (r.sent() ? " sent directly (not durable)" : " NOT sent: " + describe(r) + "; it is lost"));
    return r.sent() ? OK : FAILED;
  }

  /**
   * The standalone way: the mail is sent at once; when that fails (relay unreachable, or a
   * rejection) it is queued in the outbox for the lvsmon daemon to deliver, and the line says so.
   *
   * @return {@link #OK} when sent or durably queued, {@link #FAILED} or {@link #USAGE}
   */
  public int sendOrQueue(List<String> argv, String stdin, PrintWriter out) {
    Prepared p = prepare(argv, stdin, out);
    if (p == null) {
      return USAGE;
    }
    OutboxEntry e = p.entry();
    String who = p.who();
    MailSender.Result r = sendDirectly(e);
    if (r.sent()) {
      out.println(who + " sent");
      return OK;
    }
    try {
      outbox.enqueue(e);
      out.println(who + " not sent (" + describe(r) + "); queued as " + e.id() + " in " + outbox.directory()
          + " for the lvsmon daemon to deliver");
      return OK;
    } catch (Outbox.NotDurableException ex) {
      out.println(who + " NOT sent (" + describe(r) + ") and NOT queued: " + ex.getMessage());
      return FAILED;
    }
  }

  private MailSender.Result sendDirectly(OutboxEntry e) {
    MailRelay relay = relays.get();
    try {
      return relay.send(e);
    } finally {
      relay.disconnect();
    }
  }

  private static String describe(MailSender.Result r) {
    return switch (r.outcome()) {
      case UNREACHABLE -> "relay unreachable: " + r.detail();
      case PERMANENT -> "rejected: " + r.detail();
      default -> "deferred: " + r.detail();
    };
  }

  /** The composed mail as a new outbox entry, and the start of its lines; null (printed) on bad arguments. */
  private Prepared prepare(List<String> argv, String stdin, PrintWriter out) {
    MailAlertArgs args;
    try {
      args = MailAlertArgs.parse(argv);
    } catch (MailAlertArgs.UsageException e) {
      out.println("mail.alert: " + e.getMessage() + "; nothing sent");
      out.println("mail.alert: " + MailAlertArgs.USAGE);
      return null;
    }
    OutboxEntry e = outbox.newEntry(MailMessage.compose(args, stdin, zone, clock.instant()));
    return new Prepared(e, "[" + args.entity() + "] mail \"" + e.message().subject() + "\" to "
        + String.join(",", args.recipients()));
  }

  private record Prepared(OutboxEntry entry, String who) {}
}
