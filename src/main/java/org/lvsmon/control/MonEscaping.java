package org.lvsmon.control;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * mon's hex escaping of protocol values ({@code esc_str}, {@code un_esc_str}) and Mon::Client's
 * parsing of a {@code list opstatus} line back into its fields. mon works on bytes; lvsmon's text is
 * UTF-8 throughout, so a character above 0x7e is escaped byte by byte in its UTF-8 form (é is
 * {@code \c3\a9}, as mon prints the UTF-8 output of a monitor). Stateless and thread-safe.
 */
public final class MonEscaping {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private MonEscaping() {}

  /**
   * mon's {@code esc_str($s, $inquotes)}: every byte at or below 0x20 or above 0x7e, and {@code "}
   * and {@code '}, becomes {@code \} plus two lowercase hex digits; with {@code inQuotes} a backslash
   * is doubled. A null string escapes to "" (mon's undef).
   */
  public static String escape(String s, boolean inQuotes) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if (c <= 0x20 || c > 0x7e || c == '"' || c == '\'') {
        b.append('\\').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      } else if (inQuotes && c == '\\') {
        b.append("\\\\");
      } else {
        b.append((char) c);
      }
    }
    return b.toString();
  }

  /**
   * mon's {@code un_esc_str}: each {@code \} followed by two <em>lowercase</em> hex digits becomes
   * that byte; nothing else changes (a doubled backslash stays doubled, as in mon). The bytes are
   * read as UTF-8. A null string gives "".
   */
  public static String unescape(String s) {
    if (s == null) {
      return "";
    }
    if (s.indexOf('\\') < 0) {
      return s;
    }
    return new String(unescapeBytes(s.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
  }

  /** {@link #unescape(String)} on bytes, as mon works: {@code \} and two lowercase hex digits become that byte. */
  static byte[] unescapeBytes(byte[] in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
    for (int i = 0; i < in.length; i++) {
      if (in[i] == '\\' && i + 2 < in.length && isLowerHex(in[i + 1]) && isLowerHex(in[i + 2])) {
        out.write(Character.digit(in[i + 1], 16) << 4 | Character.digit(in[i + 2], 16));
        i += 2;
      } else {
        out.write(in[i]);
      }
    }
    return out.toByteArray();
  }

  /**
   * The fields of one {@code list opstatus} line as Mon::Client's {@code _opstatus_to_vars} reads
   * them, in line order: repeatedly {@code key=} (the key is everything up to the next {@code =}
   * after leading spaces), then {@code '...'}, a run of non-space characters, or nothing; each value
   * unescaped. A later duplicate key replaces the earlier value.
   */
  public static Map<String, String> parseOpstatus(String line) {
    Map<String, String> fields = new LinkedHashMap<>();
    int i = 0;
    int n = line.length();
    while (true) {
      int keyStart = skipSpace(line, i);
      if (keyStart < n && line.charAt(keyStart) == '=' && keyStart > i) {
        keyStart--; // Perl backtracks: \s* gives its last space to the key ([^=]+)
      }
      int eq = line.indexOf('=', keyStart);
      if (keyStart >= n || eq <= keyStart) {
        return fields;
      }
      String key = line.substring(keyStart, eq);
      i = eq + 1;
      String value = "";
      int close = i < n && line.charAt(i) == '\'' ? line.indexOf('\'', i + 1) : -1;
      if (close > 0) {
        value = line.substring(i + 1, close);
        i = close + 1;
      } else if (i < n && !isSpace(line.charAt(i))) {
        int end = i;
        while (end < n && !isSpace(line.charAt(end))) {
          end++;
        }
        value = line.substring(i, end);
        i = end;
      } else {
        i = skipSpace(line, i);
      }
      fields.put(key, unescape(value));
    }
  }

  private static boolean isLowerHex(byte b) {
    return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f');
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && isSpace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** Perl's {@code \s}. */
  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
  }
}
