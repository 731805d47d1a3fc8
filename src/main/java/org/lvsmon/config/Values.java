package org.lvsmon.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for the value types mon.cf keywords share; each failure names the keyword and the value. */
final class Values {
  private static final Pattern EXIT_RANGE = Pattern.compile("^\\s*(\\d+)(?:-(\\d+))?\\s*$");
  private static final Pattern DEP_TERM = Pattern.compile("[a-zA-Z0-9_.-]+:[a-zA-Z0-9_.-]+");

  private Values() {}

  /** A positive time value with a unit; mon rejects a missing unit and a zero. */
  static Duration positiveTime(String keyword, String value) throws BadValueException {
    Duration d =
        TimeValue.parse(value).orElseThrow(() -> new BadValueException(badTime(keyword, value)));
    if (d.isZero()) {
      throw new BadValueException(keyword + ": time value \"" + value + "\" must be greater than 0");
    }
    return d;
  }

  static String badTime(String keyword, String value) {
    String hint = value.contains("#") ? "; comments must be on a line of their own" : "";
    return keyword + ": invalid time value \"" + value
        + "\" (expected a number with a unit s, m, h or d, e.g. 30s, 5m, 1.5h" + hint + ")";
  }

  static int nonNegativeInt(String keyword, String value) throws BadValueException {
    if (value.matches("\\d{10,}")) {
      throw new BadValueException(keyword + ": " + value + " is too large (at most 999999999)");
    }
    if (!value.matches("\\d{1,9}")) {
      throw new BadValueException(
          keyword + ": \"" + value + "\" is not a whole number (expected 0 or more)");
    }
    return Integer.parseInt(value);
  }

  static int port(String keyword, String value) throws BadValueException {
    int p = nonNegativeInt(keyword, value);
    if (p < 1 || p > 65_535) {
      throw new BadValueException(keyword + ": port " + p + " out of range (expected 1-65535)");
    }
    return p;
  }

  static TimePeriod period(String keyword, String spec) throws BadValueException {
    try {
      return TimePeriod.parse(spec);
    } catch (InvalidPeriodException e) {
      throw new BadValueException(
          keyword + ": malformed period \"" + spec + "\": " + e.getMessage(), e);
    }
  }

  static ExitRange exitRange(String keyword, String text) throws BadValueException {
    Matcher m = EXIT_RANGE.matcher(text);
    if (!m.matches() || m.group(1).length() > 9 || (m.group(2) != null && m.group(2).length() > 9)) {
      throw new BadValueException(
          keyword + ": invalid exit value range \"" + text + "\" (expected N or N-M, e.g. 2 or 3-255)");
    }
    int low = Integer.parseInt(m.group(1));
    int high = m.group(2) == null ? low : Integer.parseInt(m.group(2));
    if (high < low) {
      throw new BadValueException(
          keyword + ": exit value range \"" + text + "\" is empty (" + low + " > " + high + ")");
    }
    return new ExitRange(low, high);
  }

  /** A program line: its first word and its shell-split arguments. */
  static CommandLine command(String keyword, String text) throws BadValueException {
    String trimmed = PerlSpace.trim(text);
    if (trimmed.isEmpty()) {
      throw new BadValueException(keyword + ": missing program name");
    }
    String[] parts = trimmed.split("[ \\t\\n\\r\\f\\x0B]+", 2);
    String argsText = parts.length > 1 ? parts[1] : "";
    try {
      return new CommandLine(parts[0], ShellWords.split(argsText), argsText);
    } catch (IllegalArgumentException e) {
      throw new BadValueException(
          keyword + ": cannot split arguments \"" + argsText + "\": " + e.getMessage(), e);
    }
  }

  /** A dependency expression, with SELF: replaced by the watch name as mon does. */
  static Dependency dependency(String keyword, String expression, String group)
      throws BadValueException {
    if (PerlSpace.isBlank(expression)) {
      throw new BadValueException(keyword + ": missing expression (expected e.g. \"group:service\")");
    }
    String resolved = expression.replace("SELF:", group + ":");
    List<ServiceRef> terms = new ArrayList<>();
    Matcher m = DEP_TERM.matcher(resolved);
    while (m.find()) {
      String[] gs = m.group().split(":", 2);
      terms.add(new ServiceRef(gs[0], gs[1]));
    }
    return new Dependency(resolved, terms);
  }

  /** mon's yes/no reading of {@code unack_summary}: a "y" anywhere is yes, else an "n" is no. */
  static boolean unackSummary(String value) throws BadValueException {
    if (value.isEmpty() || value.toLowerCase().contains("y") || value.equals("1")) {
      return true;
    }
    if (value.toLowerCase().contains("n") || value.equals("0")) {
      return false;
    }
    throw new BadValueException(
        "unack_summary: invalid value \"" + value + "\" (expected 0, 1, y, yes, n or no)");
  }
}
