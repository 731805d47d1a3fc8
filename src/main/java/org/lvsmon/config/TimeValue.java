package org.lvsmon.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * mon's time values ({@code dhmstos}): a number with an optional fraction and a mandatory unit
 * {@code s m h d}, case-insensitive, for example {@code 30s}, {@code 1.5h}. A bare number has no unit
 * and is rejected, as mon rejects it.
 */
public final class TimeValue {
  private static final Pattern TIMEVAL =
      Pattern.compile("^\\s*(\\d+(?:\\.\\d+)?)([dhms])\\s*$", Pattern.CASE_INSENSITIVE);
  private static final Pattern INTEGER_TIMEVAL = Pattern.compile("^(\\d+)([hms])$");

  private TimeValue() {}

  /** Parses {@code text} as mon does; empty when it is not a time value. Never throws. */
  public static Optional<Duration> parse(String text) {
    Matcher m = TIMEVAL.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(toDuration(new BigDecimal(m.group(1)), m.group(2)));
  }

  /**
   * Parses the restricted form {@code alertafter} accepts: an integer with unit {@code h m s}, no
   * fraction and no {@code d}.
   */
  public static Optional<Duration> parseInteger(String text) {
    Matcher m = INTEGER_TIMEVAL.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(toDuration(new BigDecimal(m.group(1)), m.group(2)));
  }

  private static Duration toDuration(BigDecimal number, String unit) {
    long factor =
        switch (unit.toLowerCase(Locale.ROOT)) {
          case "d" -> 86_400;
          case "h" -> 3_600;
          case "m" -> 60;
          default -> 1;
        };
    BigDecimal nanos = number.multiply(BigDecimal.valueOf(factor)).movePointRight(9);
    return Duration.ofNanos(nanos.longValueExact());
  }

  /** Formats a duration in mon's notation, choosing the largest unit that divides it evenly. */
  public static String format(Duration d) {
    long s = d.getSeconds();
    if (d.getNano() != 0) {
      return BigDecimal.valueOf(d.toNanos()).movePointLeft(9).stripTrailingZeros().toPlainString() + "s";
    }
    if (s != 0 && s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    if (s != 0 && s % 3_600 == 0) {
      return s / 3_600 + "h";
    }
    if (s != 0 && s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }

  /** Seconds as a double, the unit mon uses in its protocol and environment. */
  public static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
