package org.lvsmon.config;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mon.cf {@code period}/{@code exclude_period} spec in Perl Time::Period 1.25 syntax, compiled
 * once by {@link #parse} into an immutable, thread-safe value whose {@link #includes} answers
 * exactly as Perl's {@code inPeriod} does for the same wall-clock time. Unlike Perl, which only
 * notices a malformed sub-period when evaluation reaches it, {@link #parse} rejects a spec if any
 * part of it is malformed; {@code null} arguments throw {@link NullPointerException}.
 */
public final class TimePeriod {

  /** The blank spec: no restriction, so every time is inside it. */
  public static final TimePeriod ALWAYS = new TimePeriod("", null);

  private static final String NONE = "none";

  /** Digit strings saturate here, above any valid value and any year java.time can represent. */
  private static final long HUGE = 1_000_000_000_000L;

  /** Returned by value parsers for a malformed value. */
  private static final int INVALID = -1;

  /** Returned for a value Perl accepts but can never equal the clock (see {@link #ydaySingle}). */
  private static final int MATCHES_NOTHING = -2;

  private static final List<String> MONTH_NAMES =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
  private static final List<String> WEEKDAY_NAMES =
      List.of("su", "mo", "tu", "we", "th", "fr", "sa");

  /** Time::Period glues "v - v" into "v-v" before splitting on spaces (\w and \s are ASCII). */
  private static final Pattern SPACED_DASH = Pattern.compile("(\\w+)\\s*-\\s*(\\w+)");

  /** Prefixes that Perl's string-to-number conversion reads as infinite or NaN. */
  private static final Pattern PERL_NON_FINITE =
      Pattern.compile(
          "[+-]?(inf|nan|qnan|snan|1\\.#(inf|ind|nan|qnan|snan))", Pattern.CASE_INSENSITIVE);

  /** The decimal prefix Perl's string-to-number conversion reads ("0x5" stops after the 0). */
  private static final Pattern PERL_DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private final String spec;

  /** null for a blank spec (always); otherwise the ORed sub-periods, empty meaning never. */
  private final List<SubPeriod> subPeriods;

  private TimePeriod(String spec, List<SubPeriod> subPeriods) {
    this.spec = spec;
    this.subPeriods = subPeriods;
  }

  /**
   * Compiles a spec: blank means always, {@code none} (any case) means never.
   *
   * @throws InvalidPeriodException if any part of the spec is malformed
   */
  public static TimePeriod parse(String spec) throws InvalidPeriodException {
    Objects.requireNonNull(spec, "spec");
    if (spec.isEmpty()) {
      return ALWAYS;
    }
    String text = trim(spec);
    if (text.isEmpty()) {
      return new TimePeriod(spec, null);
    }
    if (lower(text).equals(NONE)) {
      return new TimePeriod(spec, List.of());
    }
    return new TimePeriod(spec, parseSubPeriods(text));
  }

  /** True iff {@code when}, read as wall-clock time in its own zone, lies inside this period. */
  public boolean includes(ZonedDateTime when) {
    Objects.requireNonNull(when, "when");
    if (subPeriods == null) {
      return true;
    }
    Moment moment = Moment.of(when);
    for (SubPeriod subPeriod : subPeriods) {
      if (subPeriod.includes(moment)) {
        return true;
      }
    }
    return false;
  }

  /** The spec exactly as given to {@link #parse}. */
  public String spec() {
    return spec;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TimePeriod other && spec.equals(other.spec);
  }

  @Override
  public int hashCode() {
    return spec.hashCode();
  }

  /** The spec text, which is also how mon names a period that has no label. */
  @Override
  public String toString() {
    return spec;
  }

  // ---------------------------------------------------------------- sub-periods

  private static List<SubPeriod> parseSubPeriods(String text) throws InvalidPeriodException {
    rejectCommaInsideBraces(text);
    List<SubPeriod> result = new ArrayList<>();
    for (String part : splitOnCommas(text)) {
      result.add(parseSubPeriod(part));
    }
    return List.copyOf(result);
  }

  /**
   * A comma always ends a sub-period, so one inside braces can only produce unbalanced pieces;
   * saying so directly gives a far better message than the brace error on the pieces.
   */
  private static void rejectCommaInsideBraces(String text) throws InvalidPeriodException {
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
      } else if (c == ',' && depth > 0) {
        throw new InvalidPeriodException(
            String.format("\",\" inside braces in \"%s\" (separate values with spaces)", text));
      }
    }
  }

  /**
   * Splits like Perl's split on commas: pieces are trimmed and trailing empty pieces vanish, so
   * "a," is just "a" and "," has no sub-period at all (never), while an empty piece before another
   * one is an error.
   */
  private static List<String> splitOnCommas(String text) {
    List<String> parts = new ArrayList<>();
    for (String piece : text.split(",", -1)) {
      parts.add(trim(piece));
    }
    while (!parts.isEmpty() && parts.get(parts.size() - 1).isEmpty()) {
      parts.remove(parts.size() - 1);
    }
    return parts;
  }

  private static SubPeriod parseSubPeriod(String text) throws InvalidPeriodException {
    if (text.isEmpty()) {
      throw new InvalidPeriodException("empty sub-period (stray \",\")");
    }
    if (lower(text).equals(NONE)) {
      throw new InvalidPeriodException(
          "\"none\" must be the whole period, not one of several sub-periods");
    }
    SubPeriod.Builder builder = new SubPeriod.Builder();
    int pos = 0;
    while (pos < text.length()) {
      pos = parseClause(text, pos, builder);
    }
    return builder.build();
  }

  /** Parses the {@code scale {ranges}} clause at {@code pos}; returns where the next one starts. */
  private static int parseClause(String text, int pos, SubPeriod.Builder builder)
      throws InvalidPeriodException {
    int nameEnd = pos;
    while (nameEnd < text.length() && isAsciiLetter(text.charAt(nameEnd))) {
      nameEnd++;
    }
    String name = text.substring(pos, nameEnd);
    if (name.isEmpty()) {
      throw missingScaleName(text, pos);
    }
    Scale scale = Scale.named(name);
    int open = skipSpace(text, nameEnd);
    if (open == text.length() || text.charAt(open) != '{') {
      throw missingOpenBrace(text, name, open);
    }
    int close = closingBrace(text, open);
    builder.addClause(scale, name, text.substring(open + 1, close));
    return skipSpace(text, close + 1);
  }

  private static InvalidPeriodException missingScaleName(String text, int pos) {
    String rest = text.substring(pos);
    if (rest.startsWith("}")) {
      return new InvalidPeriodException("unbalanced braces: unexpected \"}\" in \"" + text + "\"");
    }
    if (rest.startsWith("{")) {
      return new InvalidPeriodException("missing scale name before \"" + rest + "\"");
    }
    return new InvalidPeriodException("expected a scale name at \"" + rest + "\"");
  }

  private static InvalidPeriodException missingOpenBrace(String text, String name, int pos) {
    if (pos == text.length()) {
      return new InvalidPeriodException("missing \"{...}\" after scale \"" + name + "\"");
    }
    return new InvalidPeriodException(
        "expected \"{\" after scale \"" + name + "\" but found \"" + text.substring(pos) + "\"");
  }

  /** Time::Period allows neither nesting nor a missing "}": the next brace after "{" is "}". */
  private static int closingBrace(String text, int open) throws InvalidPeriodException {
    for (int i = open + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '}') {
        return i;
      }
      if (c == '{') {
        throw new InvalidPeriodException(
            "unbalanced braces: \"{\" inside \"{...}\" in \"" + text + "\"");
      }
    }
    throw new InvalidPeriodException(
        "unbalanced braces: missing \"}\" after \"" + text.substring(open) + "\"");
  }

  /**
   * The range tokens of a clause body. Perl reads the body only up to a newline (its "." stops
   * there), and collapses "v - v" before splitting, so "1 - 2 - 3" yields the malformed token "-".
   */
  private static List<String> rangeTokens(String body) {
    String data = body.substring(skipSpace(body, 0));
    int newline = data.indexOf('\n');
    if (newline >= 0) {
      data = data.substring(0, newline);
    }
    String collapsed = SPACED_DASH.matcher(data).replaceAll("$1-$2");
    List<String> tokens = new ArrayList<>();
    for (String token : collapsed.split("\\s+")) {
      if (!token.isEmpty()) {
        tokens.add(token);
      }
    }
    return tokens;
  }

  // ---------------------------------------------------------------- values

  /** A value in Time::Period's internal numbering for {@code scale} (not years), or INVALID. */
  private static int value(Scale scale, String text) {
    return switch (scale) {
      case MONTH -> namedOrNumber(text, MONTH_NAMES, 3);
      case WEEK -> numberIn(digits(text), 1, 6, 1);
      case YDAY -> numberIn(digits(text), 1, 366, 1);
      case MDAY -> numberIn(digits(text), 1, 31, 0);
      case WDAY -> namedOrNumber(text, WEEKDAY_NAMES, 2);
      case HOUR -> numberIn(hourNumber(text), 0, 23, 0);
      case MINUTE, SECOND -> numberIn(digits(text), 0, 59, 0);
      case YEAR -> throw new IllegalArgumentException("years are not numbered internally");
    };
  }

  private static int numberIn(long number, int min, int max, int offset) {
    return number >= min && number <= max ? (int) number - offset : INVALID;
  }

  /** Any ASCII letter makes the value a name, of which only {@code significant} letters count. */
  private static int namedOrNumber(String text, List<String> names, int significant) {
    String lower = lower(text);
    if (lower.chars().anyMatch(c -> c >= 'a' && c <= 'z')) {
      int index = names.indexOf(lower.substring(0, Math.min(significant, lower.length())));
      return index >= 0 ? index : INVALID;
    }
    return numberIn(digits(text), 1, names.size(), 1);
  }

  /** 12am is 0, 12pm and 12noon are 12, Nam is N and Npm is N+12 for other N ("13am" is 13). */
  private static long hourNumber(String text) {
    String lower = lower(text);
    long am = suffixedNumber(lower, "am");
    if (am >= 0) {
      return am == 12 ? 0 : am;
    }
    long pm = suffixedNumber(lower, "pm");
    if (pm >= 0) {
      return pm == 12 ? 12 : pm + 12;
    }
    long noon = suffixedNumber(lower, "noon");
    if (noon >= 0) {
      return noon == 12 ? 12 : INVALID;
    }
    return digits(lower);
  }

  private static long suffixedNumber(String lower, String suffix) {
    return lower.endsWith(suffix)
        ? digits(lower.substring(0, lower.length() - suffix.length()))
        : INVALID;
  }

  /** A year as written: 0-99 (expanded at evaluation time) or 1970 and later; INVALID otherwise. */
  private static long yearValue(String text) {
    long year = digits(text);
    return year >= 0 && (year <= 99 || year >= 1970) ? year : INVALID;
  }

  /**
   * A lone yday value is the one place where Time::Period converts to a number before checking for
   * digits: it takes Perl's numeric value of the text minus one and accepts it if that prints as a
   * plain integer in 0-365. So "5x", "+5", "5.0" and "5e0" all mean day 5, while a value that
   * prints as an integer without being one (e.g. "5.000000000000002") is accepted but never
   * matches.
   */
  private static int ydaySingle(String text) {
    double index = perlNumber(text) - 1.0;
    if (!Double.isFinite(index) || index < 0 || index > 365) {
      return INVALID;
    }
    if (index == Math.rint(index)) {
      return (int) index;
    }
    return printsAsInteger(index) ? MATCHES_NOTHING : INVALID;
  }

  /** Perl prints numbers with 15 significant digits, which can hide a tiny fractional part. */
  private static boolean printsAsInteger(double value) {
    BigDecimal shown = new BigDecimal(value).round(new MathContext(15)).stripTrailingZeros();
    return shown.scale() <= 0;
  }

  /** Perl's numeric value of a string: its leading number, if any, else 0. */
  private static double perlNumber(String text) {
    if (PERL_NON_FINITE.matcher(text).lookingAt()) {
      return Double.NaN;
    }
    Matcher decimal = PERL_DECIMAL.matcher(text);
    return decimal.lookingAt() ? Double.parseDouble(decimal.group()) : 0;
  }

  /** The value of an all-ASCII-digit string (saturating at HUGE), else INVALID. */
  private static long digits(String text) {
    if (text.isEmpty()) {
      return INVALID;
    }
    long value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return INVALID;
      }
      value = Math.min(value * 10 + (c - '0'), HUGE);
    }
    return value;
  }

  // ---------------------------------------------------------------- Perl's ASCII text rules

  /** Perl's \s on byte strings: space, \t, \n, vertical tab, \f, \r. */
  private static boolean isPerlSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean hasWordChar(String text) {
    return text.chars()
        .anyMatch(c -> isAsciiLetter((char) c) || (c >= '0' && c <= '9') || c == '_');
  }

  private static int skipSpace(String text, int pos) {
    int i = pos;
    while (i < text.length() && isPerlSpace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static String trim(String text) {
    int end = text.length();
    while (end > 0 && isPerlSpace(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(Math.min(skipSpace(text, 0), end), end);
  }

  /** Perl's lc on a byte string only touches A-Z, unlike Java's toLowerCase. */
  private static String lower(String text) {
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] >= 'A' && chars[i] <= 'Z') {
        chars[i] = (char) (chars[i] + ('a' - 'A'));
      }
    }
    return new String(chars);
  }

  // ---------------------------------------------------------------- compiled form

  private enum Scale {
    YEAR("yr", "year", 0, "0-99 or a year >= 1970"),
    MONTH("mo", "month", 11, "1-12 or jan..dec"),
    WEEK("wk", "week", 5, "1-6"),
    YDAY("yd", "yday", 365, "1-366"),
    MDAY("md", "mday", 31, "1-31"),
    WDAY("wd", "wday", 6, "1-7 with 1=Sunday, or su..sa"),
    HOUR("hr", "hour", 23, "0-23 or 12am..11pm"),
    MINUTE("min", "minute", 59, "0-59"),
    SECOND("sec", "second", 59, "0-59");

    private final String code;
    private final String longName;

    /** Largest internal value; internal values start at 0 except mday, which starts at 1. */
    private final int max;

    private final String expected;

    Scale(String code, String longName, int max, String expected) {
      this.code = code;
      this.longName = longName;
      this.max = max;
      this.expected = expected;
    }

    static Scale named(String name) throws InvalidPeriodException {
      String lower = lower(name);
      for (Scale scale : values()) {
        if (scale.code.equals(lower) || scale.longName.equals(lower)) {
          return scale;
        }
      }
      throw new InvalidPeriodException(
          String.format(
              "unknown scale \"%s\" (expected year/yr, month/mo, week/wk, yday/yd, mday/md,"
                  + " wday/wd, hour/hr, minute/min or second/sec)",
              name));
    }
  }

  /** A year range as written; 0-99 can only be expanded once the clock's century is known. */
  private record YearRange(long first, long last) {

    boolean contains(int year, int century) {
      long a = expand(first, century);
      long b = expand(last, century);
      // Years never wrap: a reversed range means the same span as the ordered one.
      return Math.min(a, b) <= year && year <= Math.max(a, b);
    }

    private static long expand(long year, int century) {
      return year <= 99 ? 100L * century + year : year;
    }
  }

  /** One comma-separated alternative: all its scales must match; a repeated scale adds values. */
  private static final class SubPeriod {
    /** Allowed internal values per named scale other than year; an empty set never matches. */
    private final Map<Scale, BitSet> allowed;

    /** null if the sub-period names no year scale. */
    private final List<YearRange> years;

    private SubPeriod(Map<Scale, BitSet> allowed, List<YearRange> years) {
      this.allowed = allowed;
      this.years = years;
    }

    boolean includes(Moment moment) {
      if (years != null && !anyYearContains(moment)) {
        return false;
      }
      for (Map.Entry<Scale, BitSet> entry : allowed.entrySet()) {
        if (!entry.getValue().get(moment.valueOf(entry.getKey()))) {
          return false;
        }
      }
      return true;
    }

    private boolean anyYearContains(Moment moment) {
      for (YearRange range : years) {
        if (range.contains(moment.year(), moment.century())) {
          return true;
        }
      }
      return false;
    }

    private static final class Builder {
      private final EnumMap<Scale, BitSet> allowed = new EnumMap<>(Scale.class);
      private List<YearRange> years;

      void addClause(Scale scale, String name, String body) throws InvalidPeriodException {
        // The scale counts as named even with no values: "wd {}" is valid and matches nothing.
        if (scale == Scale.YEAR) {
          years = years == null ? new ArrayList<>() : years;
        } else {
          allowed.computeIfAbsent(scale, s -> new BitSet());
        }
        for (String token : rangeTokens(body)) {
          addToken(scale, name, token);
        }
      }

      private void addToken(Scale scale, String name, String token) throws InvalidPeriodException {
        // Perl splits "v-v" at the last dash, so for names "jan-feb-mar" means jan..mar.
        int dash = token.lastIndexOf('-');
        if (dash < 0) {
          addSingle(scale, name, token);
          return;
        }
        String first = token.substring(0, dash);
        String last = token.substring(dash + 1);
        if (!hasWordChar(first) || !hasWordChar(last)) {
          throw new InvalidPeriodException(
              String.format("bad range \"%s\" for scale \"%s\" (expected v or v-v)", token, name));
        }
        if (scale == Scale.YEAR) {
          years.add(new YearRange(checkedYear(first, token, name), checkedYear(last, token, name)));
        } else {
          addRange(
              scale,
              checkedValue(scale, first, token, name),
              checkedValue(scale, last, token, name));
        }
      }

      private void addSingle(Scale scale, String name, String token) throws InvalidPeriodException {
        if (!hasWordChar(token)) {
          throw badValue(scale, name, token, token);
        }
        if (scale == Scale.YEAR) {
          long year = checkedYear(token, token, name);
          years.add(new YearRange(year, year));
          return;
        }
        int value = scale == Scale.YDAY ? ydaySingle(token) : value(scale, token);
        if (value == INVALID) {
          throw badValue(scale, name, token, token);
        }
        if (value != MATCHES_NOTHING) {
          allowed.get(scale).set(value);
        }
      }

      /** A first value above the last wraps around the end of the scale (never for years). */
      private void addRange(Scale scale, int first, int last) {
        BitSet set = allowed.get(scale);
        if (first <= last) {
          set.set(first, last + 1);
        } else {
          set.set(first, scale.max + 1);
          set.set(0, last + 1);
        }
      }

      private static int checkedValue(Scale scale, String text, String token, String name)
          throws InvalidPeriodException {
        int value = value(scale, text);
        if (value == INVALID) {
          throw badValue(scale, name, text, token);
        }
        return value;
      }

      private static long checkedYear(String text, String token, String name)
          throws InvalidPeriodException {
        long year = yearValue(text);
        if (year == INVALID) {
          throw badValue(Scale.YEAR, name, text, token);
        }
        return year;
      }

      private static InvalidPeriodException badValue(
          Scale scale, String name, String text, String token) {
        String where = text.equals(token) ? "" : " in \"" + token + "\"";
        return new InvalidPeriodException(
            String.format(
                "bad value \"%s\"%s for scale \"%s\" (expected %s)",
                text, where, name, scale.expected));
      }

      SubPeriod build() {
        return new SubPeriod(new EnumMap<>(allowed), years == null ? null : List.copyOf(years));
      }
    }
  }

  /** A wall-clock time broken down the way Time::Period numbers it. */
  private record Moment(
      int year,
      int century,
      int month,
      int week,
      int yday,
      int mday,
      int wday,
      int hour,
      int minute,
      int second) {

    static Moment of(ZonedDateTime t) {
      int mday = t.getDayOfMonth();
      int wday = t.getDayOfWeek().getValue() % 7; // Sunday is 0, as in C's struct tm
      return new Moment(
          t.getYear(),
          centuryDigits(t.getYear()),
          t.getMonthValue() - 1,
          weekOfMonth(mday, wday),
          t.getDayOfYear() - 1,
          mday,
          wday,
          t.getHour(),
          t.getMinute(),
          t.getSecond());
    }

    /** Week 0 runs from the 1st to the first Saturday; each later Sunday starts a new week. */
    static int weekOfMonth(int mday, int wday) {
      int wdayOfFirst = Math.floorMod(wday - (mday - 1), 7);
      return (mday - 1 + wdayOfFirst) / 7;
    }

    /**
     * Two-digit years take the first two characters of the current year's decimal form, so 24 is
     * 2024 in 2000-2099 (and 1924 in the 1900s); "-" counts as part of a negative year's prefix.
     */
    static int centuryDigits(int year) {
      return year < 0 ? -leadingDigits(-year, 10) : leadingDigits(year, 100);
    }

    private static int leadingDigits(int n, int limit) {
      int digits = n;
      while (digits >= limit) {
        digits /= 10;
      }
      return digits;
    }

    int valueOf(Scale scale) {
      return switch (scale) {
        case YEAR -> year;
        case MONTH -> month;
        case WEEK -> week;
        case YDAY -> yday;
        case MDAY -> mday;
        case WDAY -> wday;
        case HOUR -> hour;
        case MINUTE -> minute;
        case SECOND -> second;
      };
    }
  }
}
