package org.lvsmon.control;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes a trap datagram as mon's {@code handle_trap} does. The datagram is split into lines at
 * {@code \n} (a CR stays in its line); a line {@code key=value} ({@code key} of ASCII letters,
 * digits and {@code _}) sets {@code key}, a later line replacing an earlier one; one pair of quotes
 * around the whole value is removed, then mon's {@code un_esc_str} turns {@code \} and two lowercase
 * hex digits into that byte (a doubled backslash stays doubled); the bytes are read as UTF-8. Other
 * lines are skipped, as mon skips them after a syslog line. Pure, stateless and thread-safe.
 */
public final class TrapDecoder {
  /** mon's {@code $TRAP_PRO_VERSION}: traps of a lower {@code pro} are refused. */
  public static final double PROTOCOL_VERSION = 0.3807;

  private static final Pattern LINE = Pattern.compile("^([A-Za-z0-9_]+)=(.*)", Pattern.DOTALL);
  /** Perl's {@code ^'(.*)'$} on a line without {@code \n}: Java's {@code $} would also pass a final CR. */
  private static final Pattern QUOTED = Pattern.compile("^'(.*)'\\z", Pattern.DOTALL);
  private static final Pattern EXIT_VALUE = Pattern.compile("\\d{1,9}");
  /** The numeric prefix Perl reads from a string; anything else is 0 (or Inf/NaN). */
  private static final Pattern PERL_NUMBER = Pattern.compile(
      "^[ \\t\\n\\r\\f\\x0B]*([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?)");
  private static final Pattern PERL_INF_NAN = Pattern.compile(
      "^[ \\t\\n\\r\\f\\x0B]*[+-]?(inf|nan)", Pattern.CASE_INSENSITIVE);

  private TrapDecoder() {}

  /**
   * The trap in the first {@code length} bytes of {@code datagram}.
   *
   * @throws TrapFormatException if mon would refuse it: {@code pro} missing or below
   *     {@value #PROTOCOL_VERSION} (compared as Perl numbers, so {@code 1.0} passes), or {@code sta}
   *     missing; and, where mon would read any text as an exit value, an {@code sta} that is not a
   *     decimal number of at most 9 digits (Mon::Client sends only those)
   * @throws IndexOutOfBoundsException if {@code length} is not within {@code datagram}
   */
  public static Trap decode(byte[] datagram, int length) throws TrapFormatException {
    if (length < 0 || length > datagram.length) {
      throw new IndexOutOfBoundsException("length " + length + " outside a datagram buffer of " + datagram.length);
    }
    // ISO-8859-1 maps each byte to one char, so the line rules see mon's bytes
    String text = new String(datagram, 0, length, StandardCharsets.ISO_8859_1);
    // like Perl's split: trailing empty lines are dropped, and "" has no lines at all
    String[] lines = text.isEmpty() ? new String[0] : text.split("\n");
    Map<String, String> fields = new HashMap<>();
    int skipped = 0;
    for (String line : lines) {
      Matcher m = LINE.matcher(line);
      if (!m.find()) {
        skipped++;
        continue;
      }
      Matcher q = QUOTED.matcher(m.group(2));
      String value = q.find() ? q.group(1) : m.group(2);
      byte[] raw = MonEscaping.unescapeBytes(value.getBytes(StandardCharsets.ISO_8859_1));
      fields.put(m.group(1), new String(raw, StandardCharsets.UTF_8));
    }
    String pro = fields.get("pro");
    if (pro == null) {
      throw new TrapFormatException("not a mon trap: no pro= line (" + length + " bytes, "
          + fields.size() + " key=value fields, " + skipped + " other lines)");
    }
    if (perlNumber(pro) < PROTOCOL_VERSION) { // NaN passes, as in Perl
      throw new TrapFormatException("trap protocol pro='" + show(pro) + "' is older than "
          + PROTOCOL_VERSION + ", the oldest mon handles");
    }
    String sta = fields.get("sta");
    if (sta == null) {
      throw new TrapFormatException("trap has no sta= line (its exit value)");
    }
    if (!EXIT_VALUE.matcher(sta).matches()) {
      throw new TrapFormatException("trap sta='" + show(sta) + "' is not an exit value (expected 0 to 999999999)");
    }
    return new Trap(pro, get(fields, "usr"), get(fields, "pas"), get(fields, "typ"), get(fields, "spc"),
        get(fields, "seq"), get(fields, "grp"), get(fields, "svc"), Integer.parseInt(sta),
        get(fields, "tsp"), get(fields, "sum"), get(fields, "dtl"));
  }

  /** Perl's numeric value of {@code s}: its leading number, Inf or NaN, else 0. */
  static double perlNumber(String s) {
    Matcher m = PERL_NUMBER.matcher(s);
    if (m.find()) {
      return Double.parseDouble(m.group(1));
    }
    Matcher special = PERL_INF_NAN.matcher(s);
    if (special.find()) {
      boolean negative = s.strip().startsWith("-");
      return special.group(1).equalsIgnoreCase("nan") ? Double.NaN
          : negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    return 0;
  }

  private static String get(Map<String, String> fields, String key) {
    return fields.getOrDefault(key, "");
  }

  /** A field value fit for a log line: escaped as mon escapes, at most 40 characters. */
  static String show(String value) {
    String e = MonEscaping.escape(value, false);
    return e.length() > 40 ? e.substring(0, 40) + "..." : e;
  }
}
