package org.lvsmon.service;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How mon cuts and prints monitor output, reproduced where Perl and Java differ. */
final class MonText {
  static final String NO_SUMMARY = "(NO SUMMARY)";

  /** Perl's scalar {@code localtime}, e.g. {@code Sun Nov  2 01:29:30 2026}. */
  private static final DateTimeFormatter CTIME =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ENGLISH);

  private MonText() {}

  /**
   * The summary as {@code split("\n", $output, 2)} gives it: null for a null or empty output
   * (Perl's split returns no fields then), else the text before the first newline.
   */
  static String firstLine(String output) {
    if (output == null || output.isEmpty()) {
      return null;
    }
    int nl = output.indexOf('\n');
    return nl < 0 ? output : output.substring(0, nl);
  }

  /** The detail as the same split gives it: null unless the output has a newline. */
  static String detail(String output) {
    int nl = output == null ? -1 : output.indexOf('\n');
    return nl < 0 ? null : output.substring(nl + 1);
  }

  /** The summary mon logs and compares: the first line, or {@code (NO SUMMARY)} when blank. */
  static String summaryOf(String output) {
    String first = firstLine(output);
    return isBlank(first) ? NO_SUMMARY : first;
  }

  /** Null, empty, or only Perl {@code \s} characters. */
  static boolean isBlank(String s) {
    if (s == null) {
      return true;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isPerlSpace(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The text with every Perl {@code \s} character removed, as {@code unack_summary} compares. */
  static String stripWhitespace(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      if (!isPerlSpace(s.charAt(i))) {
        b.append(s.charAt(i));
      }
    }
    return b.toString();
  }

  /** A duration in seconds as Perl prints a number: {@code 5}, {@code 1.5}. */
  static String perlNumber(Duration d) {
    BigDecimal seconds = BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9));
    return seconds.stripTrailingZeros().toPlainString();
  }

  static String ctime(ZonedDateTime t) {
    return CTIME.format(t);
  }

  private static boolean isPerlSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
  }
}
