package org.lvsmon.config;

import java.util.List;

/**
 * Whitespace as Perl's {@code \\s} sees it (space, tab, newline, carriage return, form feed, vertical
 * tab), which is what mon trims and splits on. Java's {@code strip()} and {@code
 * Character.isWhitespace} also count \\x1C-\\x1F and Unicode spaces, which mon keeps as text.
 */
public final class PerlSpace {
  private PerlSpace() {}

  public static boolean is(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
  }

  public static String trim(String s) {
    int end = s.length();
    while (end > 0 && is(s.charAt(end - 1))) {
      end--;
    }
    return trimLeading(s.substring(0, end));
  }

  public static String trimLeading(String s) {
    int start = 0;
    while (start < s.length() && is(s.charAt(start))) {
      start++;
    }
    return s.substring(start);
  }

  public static boolean isBlank(String s) {
    return trim(s).isEmpty();
  }

  /** The words of {@code s} separated by runs of whitespace, as Perl's {@code split(/\\s+/)} after a trim. */
  public static List<String> words(String s) {
    String t = trim(s);
    return t.isEmpty() ? List.of() : List.of(t.split("[ \\t\\n\\r\\f\\x0B]+"));
  }
}
