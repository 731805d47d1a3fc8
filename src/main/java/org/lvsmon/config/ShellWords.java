package org.lvsmon.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an argument string into words the way mon does ({@code Text::ParseWords::quotewords} with
 * whitespace as delimiter and quotes removed): double quotes group and honour backslash escapes,
 * single quotes group literally, a backslash outside quotes escapes the next character, and quoted
 * and unquoted parts touching each other join into one word. Where mon silently yields no words at
 * all (an unbalanced quote, a trailing lone backslash), this throws instead.
 */
public final class ShellWords {
  private ShellWords() {}

  /**
   * The words of {@code line}.
   *
   * @throws IllegalArgumentException naming the column of an unbalanced quote or trailing backslash
   */
  public static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    int i = 0;
    int n = line.length();
    while (i < n) {
      char c = line.charAt(i);
      if (c == '"' || c == '\'') {
        int close = closingQuote(line, i);
        String quoted = line.substring(i + 1, close);
        word = append(word, c == '"' ? unescape(quoted) : quoted);
        i = close + 1;
        continue;
      }
      int start = i;
      while (i < n && !PerlSpace.is(line.charAt(i)) && !isQuote(line.charAt(i))) {
        if (line.charAt(i) == '\\') {
          if (i + 1 >= n) {
            throw new IllegalArgumentException("trailing backslash at column " + (i + 1));
          }
          i++;
        }
        i++;
      }
      word = append(word, unescape(line.substring(start, i)));
      int delim = i;
      while (i < n && PerlSpace.is(line.charAt(i))) {
        i++;
      }
      if (i > delim) {
        words.add(word.toString());
        word = null;
      }
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }

  private static boolean isQuote(char c) {
    return c == '"' || c == '\'';
  }

  private static int closingQuote(String line, int open) {
    char q = line.charAt(open);
    for (int i = open + 1; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == q) {
        return i;
      }
    }
    throw new IllegalArgumentException("unbalanced " + q + " quote at column " + (open + 1));
  }

  private static StringBuilder append(StringBuilder word, String part) {
    return (word == null ? new StringBuilder() : word).append(part);
  }

  private static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        c = s.charAt(++i);
      }
      b.append(c);
    }
    return b.toString();
  }
}
