package org.lvsmon.alert.mail;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One alert mail, composed but not yet sent: sender (empty: the settings' {@code from}), recipients,
 * subject, plain-text body and the time it stands for (its {@code Date:}). Immutable.
 */
public record MailMessage(Optional<String> from, List<String> to, String subject, String body, Instant date) {
  /** The {@code X-Mailer} header (mon's mail.alert puts its own path there). */
  public static final String MAILER = "lvsmon mail.alert";

  // Perl's scalar localtime(): "Sun Nov  3 01:33:22 2026", the day padded with a space.
  private static final DateTimeFormatter PERL_LOCALTIME =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US);
  private static final int COLUMNS = 76; // Text::Wrap's default $columns
  private static final String MEMBERS_INDENT = "\t\t\t";
  private static final int TAB = 8;

  public MailMessage {
    to = List.copyOf(to);
  }

  /**
   * Composes the mail exactly as mon's mail.alert does: subject {@code ALERT|UPALERT group/service:
   * summary (Sun Nov 3 01:33:22)}, the summary being stdin's first line unless {@code -S} replaces
   * it; the body lists group, service, time, {@code -l} and the members ({@code -h}, wrapped as
   * Text::Wrap does), then the rest of stdin verbatim. Pure.
   *
   * @param stdin what mon writes on the alert's stdin; null is empty
   * @param zone the zone the times are shown in (mon: the director's local time)
   * @param now the time used when the arguments carry no {@code -t}
   */
  public static MailMessage compose(MailAlertArgs args, String stdin, ZoneId zone, Instant now) {
    String input = stdin == null ? "" : stdin;
    int eol = input.indexOf('\n');
    String summary = eol < 0 ? input : input.substring(0, eol);
    String detail = eol < 0 ? "" : input.substring(eol + 1);
    Instant time = args.time().orElse(now);
    String noticed = PERL_LOCALTIME.format(time.atZone(zone));
    String[] w = noticed.trim().split("\\s+"); // wday mon day hh:mm:ss, as mon's split does
    String subject = (args.up() ? "UPALERT" : "ALERT") + " " + args.group() + "/" + args.service() + ": "
        + args.subject().orElse(summary) + " (" + w[0] + " " + w[1] + " " + w[2] + " " + w[3] + ")";
    String body = "\n"
        + "Group                 : " + args.group() + "\n"
        + "Service               : " + args.service() + "\n"
        + "Time noticed          : " + noticed + "\n"
        + "Secs until next alert : " + args.secsUntilNext() + "\n"
        + wrap("Members               : " + args.hosts()) + "\n"
        + "\n"
        + "Detailed text (if any) follows:\n"
        + "-------------------------------\n"
        + detail;
    return new MailMessage(args.from(), args.recipients(), subject, body, time);
  }

  /**
   * The Message-ID of the outbox entry {@code entryId} sent from {@code hostName}: the same for
   * every attempt, so a duplicate after a relay hang can be recognised.
   */
  public static String messageId(String entryId, String hostName) {
    return "<" + entryId + ".lvsmon@" + hostName + ">";
  }

  /** Text::Wrap's wrap("", "\t\t\t", text) at 76 columns, tabs as its unexpand makes them. */
  static String wrap(String text) {
    List<String> lines = new ArrayList<>();
    String lead = "";
    int limit = COLUMNS - 1;
    int pos = 0;
    while (pos < text.length() && !text.substring(pos).isBlank()) {
      int take = -1;
      for (int c = Math.min(limit, text.length() - pos); c >= 0; c--) {
        int end = pos + c;
        if (end == text.length() || Character.isWhitespace(text.charAt(end))) {
          take = c;
          break;
        }
      }
      String line;
      if (take >= 0) {
        line = text.substring(pos, pos + take);
        pos += take + (pos + take < text.length() ? 1 : 0); // the break (one blank) is eaten
      } else { // a word longer than the line is cut, as with $huge = 'wrap'
        line = text.substring(pos, pos + limit);
        pos += limit;
      }
      lines.add(unexpand(lead + line));
      lead = MEMBERS_INDENT;
      limit = COLUMNS - TAB * MEMBERS_INDENT.length() - 1;
    }
    return String.join("\n", lines);
  }

  /** Text::Tabs' unexpand: in each full 8-column chunk a run of two or more trailing blanks becomes a tab. */
  static String unexpand(String line) {
    StringBuilder expanded = new StringBuilder();
    for (char c : line.toCharArray()) {
      if (c == '\t') {
        expanded.append(" ".repeat(TAB - expanded.length() % TAB));
      } else {
        expanded.append(c);
      }
    }
    StringBuilder out = new StringBuilder();
    int full = expanded.length() / TAB * TAB;
    for (int i = 0; i < full; i += TAB) {
      out.append(expanded.substring(i, i + TAB).replaceFirst(" {2,}$", "\t"));
    }
    return out.append(expanded.substring(full)).toString();
  }
}
