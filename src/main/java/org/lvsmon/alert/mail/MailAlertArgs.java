package org.lvsmon.alert.mail;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * mail.alert's arguments: mon's ({@code -s SVC -g GRP -h HOSTS -t EPOCH [-l SECS]} and an event
 * flag {@code -u}, {@code -a}, {@code -D}, {@code -T} or {@code -O}), mon's mail.alert's own
 * ({@code -S SUBJECT}, {@code -f FROM}) and the recipients. Parsed like Perl's getopts: single
 * letters, clustered ({@code -uu}), values attached or in the next word, options end at the first
 * word that is not one (or at {@code --}); every later word is a recipient.
 *
 * @param up {@code -u}: an upalert (subject {@code UPALERT}); any other flag is an {@code ALERT}, as
 *     in mon's mail.alert
 * @param hosts {@code -h} as given (mon passes the group's hosts, space separated); empty when absent
 * @param time {@code -t}; empty when absent (the caller then uses the time of the call)
 * @param secsUntilNext {@code -l} as given, or empty (mon never passes it)
 * @param subject {@code -S}: replaces the summary (stdin's first line) in the subject
 * @param from {@code -f}: the envelope and header sender, over the settings file's {@code from}
 * @param recipients the addresses after the options, at least one
 */
public record MailAlertArgs(boolean up, String group, String service, String hosts, Optional<Instant> time,
    String secsUntilNext, Optional<String> subject, Optional<String> from, List<String> recipients) {
  public static final String USAGE = "usage: mail.alert [-S SUBJECT] [-f FROM] [-u] [mon's -s -g -h -t -l] ADDRESS...";

  /** Every option, one a line, for {@code --help}. */
  public static final String USAGE_TEXT = ""
      + "  -S SUBJECT          replaces the summary (stdin's first line) in the subject%n"
      + "  -f FROM             sender address (envelope and From:); default: the settings file's from%n"
      + "  -u                  an up alert (UPALERT); -a -D -T -O are accepted and mail as ALERT, as mon's%n"
      + "  -s -g -h -t -l      mon's own arguments: service, group, hosts, epoch of the alert, secs to next%n"
      + "  ADDRESS...          the recipients (the To: header); at least one";

  private static final String WITH_VALUE = "sghtlSf";
  private static final String FLAGS = "uaDTO";

  public MailAlertArgs {
    recipients = List.copyOf(recipients);
  }

  /** The arguments are not mail.alert's; the message says which and why. */
  public static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /**
   * @throws UsageException naming the option and the value when the arguments are not mail.alert's
   */
  public static MailAlertArgs parse(List<String> argv) throws UsageException {
    boolean up = false;
    String[] values = new String[WITH_VALUE.length()];
    int i = 0;
    options:
    for (; i < argv.size(); i++) {
      String a = argv.get(i);
      if (a.equals("--")) {
        i++;
        break;
      }
      if (!a.startsWith("-") || a.length() < 2) {
        break;
      }
      for (int j = 1; j < a.length(); j++) {
        char c = a.charAt(j);
        if (FLAGS.indexOf(c) >= 0) {
          up |= c == 'u';
        } else if (WITH_VALUE.indexOf(c) >= 0) {
          if (j + 1 < a.length()) {
            values[WITH_VALUE.indexOf(c)] = a.substring(j + 1);
          } else if (i + 1 < argv.size()) {
            values[WITH_VALUE.indexOf(c)] = argv.get(++i);
          } else {
            throw new UsageException("option -" + c + " needs a value");
          }
          continue options;
        } else {
          throw new UsageException("unknown option -" + c);
        }
      }
    }
    List<String> recipients = argv.subList(i, argv.size());
    if (recipients.isEmpty()) {
      throw new UsageException("no recipient: give one or more addresses after the options");
    }
    for (String r : recipients) {
      if (r.isBlank() || r.startsWith("-")) {
        throw new UsageException("recipient \"" + r + "\" is not an address (options go before the addresses)");
      }
    }
    String from = value(values, 'f');
    if (from != null && from.isBlank()) {
      throw new UsageException("-f \"" + from + "\" is not an address");
    }
    return new MailAlertArgs(up, orEmpty(value(values, 'g')), orEmpty(value(values, 's')),
        orEmpty(value(values, 'h')), time(value(values, 't')), orEmpty(value(values, 'l')),
        Optional.ofNullable(value(values, 'S')), Optional.ofNullable(from), recipients);
  }

  private static String value(String[] values, char option) {
    return values[WITH_VALUE.indexOf(option)];
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static Optional<Instant> time(String text) throws UsageException {
    if (text == null) {
      return Optional.empty();
    }
    if (!text.matches("\\d{1,12}")) {
      throw new UsageException("-t \"" + text + "\" is not a time in seconds since the epoch");
    }
    return Optional.of(Instant.ofEpochSecond(Long.parseLong(text)));
  }

  /** {@code group/service} for log lines, or {@code mail.alert} when mon's -g and -s were not given. */
  public String entity() {
    return group.isEmpty() && service.isEmpty() ? "mail.alert" : group + "/" + service;
  }
}
