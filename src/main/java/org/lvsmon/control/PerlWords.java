package org.lvsmon.control;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lvsmon.config.ShellWords;

/** How mon's Perl cuts up request arguments, reproduced where Java's own methods differ. */
final class PerlWords {
  /** Perl's {@code \s+}. */
  static final Pattern SPACES = Pattern.compile("[ \\t\\n\\r\\f\\x0B]+");
  private static final Pattern NUMBER =
      Pattern.compile("^[ \\t\\n\\r\\f\\x0B]*([+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)");

  private PerlWords() {}

  /**
   * Perl's {@code split(/\s+/, $s, $limit)}: no fields for null or "", an empty first field for
   * leading whitespace; with {@code limit} 0 trailing empty fields are dropped, with a positive
   * limit the last field keeps the rest of the string.
   */
  static List<String> split(String s, int limit) {
    if (s == null || s.isEmpty()) {
      return List.of();
    }
    return List.of(SPACES.split(s, limit));
  }

  /** Perl's {@code split(' ', $s)}: like {@link #split} with leading whitespace ignored. */
  static List<String> words(String s) {
    if (s == null) {
      return List.of();
    }
    int i = 0;
    while (i < s.length() && MonEscaping.isSpace(s.charAt(i))) {
      i++;
    }
    return split(s.substring(i), 0);
  }

  /** Element {@code i} of {@code fields}, or null (Perl's undef) past the end. */
  static String field(List<String> fields, int i) {
    return i < fields.size() ? fields.get(i) : null;
  }

  /** A possibly undef value interpolated into a Perl string: undef is "". */
  static String str(String s) {
    return s == null ? "" : s;
  }

  /**
   * {@code un_esc_str((parse_line('\s+', 0, $s))[0])}, how mon reads the quoted comment of {@code
   * ack} and the value of {@code set}: the first shell word, unquoted, then unescaped. Where Perl's
   * parse_line gives up (an unbalanced quote anywhere, a trailing backslash) the result is "".
   */
  static String firstShellWord(String s) {
    if (s == null) {
      return "";
    }
    List<String> words;
    try {
      words = ShellWords.split(s);
    } catch (IllegalArgumentException e) {
      return "";
    }
    return words.isEmpty() ? "" : MonEscaping.unescape(words.get(0));
  }

  /** Perl's numeric value of a string: its leading decimal number, 0 if there is none. */
  static double number(String s) {
    if (s == null) {
      return 0;
    }
    Matcher m = NUMBER.matcher(s);
    if (!m.find()) {
      return 0;
    }
    return Double.parseDouble(m.group(1));
  }

  /** Splits {@code s} at {@code sep} (a single character), as Perl's {@code split(/,/, $s)}. */
  static List<String> splitOn(String s, char sep) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == sep) {
        out.add(s.substring(start, i));
        start = i + 1;
      }
    }
    out.add(s.substring(start));
    while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }
}
