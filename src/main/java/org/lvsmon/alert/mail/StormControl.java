package org.lvsmon.alert.mail;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lvsmon.config.TimeValue;

/**
 * Storm control for the delivery thread, on top of mon's alert rules (which stay exact): an
 * optional global {@link Cap} and an optional {@link Digest}. Both are off unless the mail settings
 * ask ({@code max_mails = 20 per 10m}, {@code digest = 5 within 30s}). Immutable.
 */
public record StormControl(Optional<Cap> cap, Optional<Digest> digest) {
  /** Neither cap nor digest: every mail goes out at once, on its own, as before. */
  public static final StormControl OFF = new StormControl(Optional.empty(), Optional.empty());
  /** A digest window longer than this would hold single mails too long. */
  public static final Duration MAX_DIGEST_WITHIN = Duration.ofMinutes(5);

  private static final Pattern CAP = Pattern.compile("(\\d{1,6})\\s+per\\s+(\\S+)");
  private static final Pattern DIGEST = Pattern.compile("(\\d{1,6})\\s+within\\s+(\\S+)");

  /**
   * At most {@code max} mails (a digest counts as one) per {@code window}; a window opens at the
   * first pass after the last one ended. Mails over the cap are held and go out as one digest per
   * recipient list when the window rolls over.
   */
  public record Cap(int max, Duration window) {
    @Override
    public String toString() {
      return max + " per " + TimeValue.format(window);
    }
  }

  /**
   * {@code count} or more mails to the same recipients queued within {@code within} of the first go
   * out as one digest; fewer go out one by one, each at most {@code within} late.
   */
  public record Digest(int count, Duration within) {
    @Override
    public String toString() {
      return count + " within " + TimeValue.format(within);
    }
  }

  /** Whether either is on. */
  public boolean on() {
    return cap.isPresent() || digest.isPresent();
  }

  /** Parses {@code N per DURATION}; empty when absent or bad (a bad value adds a problem naming key and value). */
  static Optional<Cap> parseCap(String key, String text, String where, List<String> problems) {
    return countAndDuration(CAP, 1, key, text, where, problems, "N per DURATION", "20 per 10m")
        .map(c -> new Cap(c.count(), c.duration()));
  }

  /** Parses {@code N within DURATION} (N 2 or more, at most {@link #MAX_DIGEST_WITHIN}). */
  static Optional<Digest> parseDigest(String key, String text, String where, List<String> problems) {
    Optional<Digest> d = countAndDuration(DIGEST, 2, key, text, where, problems, "N within DURATION", "5 within 30s")
        .map(c -> new Digest(c.count(), c.duration()));
    if (d.isPresent() && d.get().within().compareTo(MAX_DIGEST_WITHIN) > 0) {
      problems.add(where + key + " \"" + text + "\": " + TimeValue.format(d.get().within()) + " is above "
          + TimeValue.format(MAX_DIGEST_WITHIN) + "; every mail may be held that long, keep it short");
      return Optional.empty();
    }
    return d;
  }

  private record CountAndDuration(int count, Duration duration) { }

  private static Optional<CountAndDuration> countAndDuration(Pattern form, int least, String key, String text,
      String where, List<String> problems, String shape, String example) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = form.matcher(text);
    Optional<Duration> d = m.matches() ? positive(m.group(2)) : Optional.empty();
    if (d.isEmpty() || Integer.parseInt(m.group(1)) < least) {
      problems.add(where + key + " \"" + text + "\" is not \"" + shape + "\" with N " + least + " or more and a"
          + " duration above zero (e.g. " + example + ")");
      return Optional.empty();
    }
    return Optional.of(new CountAndDuration(Integer.parseInt(m.group(1)), d.get()));
  }

  private static Optional<Duration> positive(String text) {
    return TimeValue.parse(text).filter(x -> !x.isZero() && !x.isNegative());
  }

  @Override
  public String toString() {
    return (cap.map(c -> "max_mails " + c).orElse("") + digest.map(d -> " digest " + d).orElse("")).strip();
  }
}
