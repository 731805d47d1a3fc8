package org.lvsmon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares {@link TimePeriod} with the real Perl Time::Period 1.25 on a few hundred generated specs
 * (valid and malformed) at instants spread over the leap year 2024 and a few century edges. Needs
 * {@code perl} and the Debian package {@code libtime-period-perl}; fails, never skips, without
 * them.
 */
@Tag("system")
class TimePeriodPerlDifferentialSystemIT {

  private static final long SEED = 0x5EED_2024_0229L;
  private static final int SPEC_COUNT = 500;
  private static final int RANDOM_INSTANT_COUNT = 60;
  private static final long PERL_TIMEOUT_SECONDS = 60;

  /** Reads "epoch TAB spec" lines and prints inPeriod's answer (1, 0 or -1) for each. */
  private static final String PERL_SCRIPT =
      "chomp; my ($t, $p) = split /\\t/, $_, 2; print inPeriod($t, $p), \"\\n\";";

  private static final List<String> EDGE_INSTANTS =
      List.of(
          "1971-06-15T12:00:00",
          "1999-12-31T23:59:59",
          "2000-01-01T00:00:00",
          "2000-02-29T12:00:00",
          "2023-03-01T00:00:00",
          "2023-12-31T23:59:59",
          "2024-01-01T00:00:00",
          "2024-01-07T12:00:00",
          "2024-01-08T06:59:59",
          "2024-01-08T07:00:00",
          "2024-01-08T19:59:59",
          "2024-01-08T20:00:00",
          "2024-02-29T23:59:59",
          "2024-03-01T00:00:00",
          "2024-06-01T10:00:00",
          "2024-06-02T00:00:00",
          "2024-06-30T23:59:59",
          "2024-09-01T00:00:00",
          "2024-09-07T23:59:59",
          "2024-09-08T00:00:00",
          "2024-12-31T12:00:00",
          "2024-12-31T23:59:59",
          "2025-01-01T00:00:00",
          "2025-03-30T12:00:00",
          "2099-12-31T23:59:59",
          "2100-03-01T12:30:30");

  @Test
  void javaAnswersLikePerlForGeneratedSpecs(@TempDir Path dir) throws Exception {
    System.out.println("TimePeriod vs Perl differential test, random seed " + SEED);
    requirePerlTimePeriod(dir);
    Random random = new Random(SEED);
    List<GeneratedSpec> specs = new SpecGenerator(random).specs(SPEC_COUNT);
    List<ZonedDateTime> instants = instants(random);

    List<String> perl = runPerl(dir, specs, instants);
    Tally tally = new Tally();
    List<String> mismatches = compare(specs, instants, perl, tally);

    System.out.println("TimePeriod vs Perl: " + tally);
    assertThat(mismatches)
        .as("Java TimePeriod vs Perl Time::Period (seed %d): %s; the first ones", SEED, tally)
        .isEmpty();
    tally.assertCoversAllOutcomes();
  }

  // ---------------------------------------------------------------- comparison

  private static List<String> compare(
      List<GeneratedSpec> specs, List<ZonedDateTime> instants, List<String> perl, Tally tally) {
    List<String> mismatches = new ArrayList<>();
    for (int s = 0; s < specs.size(); s++) {
      JavaVerdict verdict = JavaVerdict.of(specs.get(s));
      tally.countSpec(verdict);
      for (int i = 0; i < instants.size(); i++) {
        ZonedDateTime when = instants.get(i);
        String perlAnswer = perl.get(s * instants.size() + i);
        String expected = verdict.expectedPerlAnswer(when);
        tally.countAnswer(perlAnswer);
        if (!perlAnswer.equals(expected) && tally.countMismatch() <= 25) {
          mismatches.add(
              String.format(
                  "\"%s\" at %s: perl %s, java expects %s%s",
                  specs.get(s).text(), when, perlAnswer, expected, verdict.describe()));
        }
      }
    }
    return mismatches;
  }

  /** What Java makes of one spec, and so what Perl must answer at a given time. */
  private record JavaVerdict(GeneratedSpec spec, TimePeriod period, String error) {

    static JavaVerdict of(GeneratedSpec spec) {
      try {
        return new JavaVerdict(spec, TimePeriod.parse(spec.text()), null);
      } catch (InvalidPeriodException e) {
        return new JavaVerdict(spec, null, e.getMessage());
      }
    }

    /**
     * For a malformed spec Perl evaluates sub-periods left to right and answers 1 as soon as one
     * matches, so it only reports -1 once it reaches the first malformed one.
     */
    String expectedPerlAnswer(ZonedDateTime when) {
      if (period != null) {
        return period.includes(when) ? "1" : "0";
      }
      for (String subPeriod : spec.subPeriods()) {
        TimePeriod alone = parseAsOnlySubPeriod(subPeriod);
        if (alone == null) {
          return "-1";
        }
        if (alone.includes(when)) {
          return "1";
        }
      }
      throw new AssertionError(
          "Java rejected \"" + spec.text() + "\" (" + error + ") but each sub-period parses alone");
    }

    /** A blank or "none" piece is malformed as one of several sub-periods, though valid alone. */
    private static TimePeriod parseAsOnlySubPeriod(String subPeriod) {
      String trimmed = subPeriod.strip();
      if (trimmed.isEmpty() || trimmed.equalsIgnoreCase("none")) {
        return null;
      }
      try {
        return TimePeriod.parse(subPeriod);
      } catch (InvalidPeriodException e) {
        return null;
      }
    }

    String describe() {
      return error == null ? "" : " (java: " + error + ")";
    }
  }

  /** Counts outcomes so that a degenerate generator cannot make the comparison pass vacuously. */
  private static final class Tally {
    private int validSpecs;
    private int malformedSpecs;
    private int ones;
    private int zeros;
    private int minusOnes;
    private int mismatches;

    void countSpec(JavaVerdict verdict) {
      if (verdict.period() != null) {
        validSpecs++;
      } else {
        malformedSpecs++;
      }
    }

    void countAnswer(String perlAnswer) {
      switch (perlAnswer) {
        case "1" -> ones++;
        case "0" -> zeros++;
        case "-1" -> minusOnes++;
        default -> fail("unexpected output from perl: \"" + perlAnswer + "\"");
      }
    }

    /** Returns how many mismatches there have been, this one included. */
    int countMismatch() {
      return ++mismatches;
    }

    void assertCoversAllOutcomes() {
      assertThat(validSpecs).as("valid specs").isGreaterThan(SPEC_COUNT / 2);
      assertThat(malformedSpecs).as("malformed specs").isGreaterThan(SPEC_COUNT / 20);
      assertThat(ones).as("perl answers 1").isGreaterThan(1000);
      assertThat(zeros).as("perl answers 0").isGreaterThan(1000);
      assertThat(minusOnes).as("perl answers -1").isGreaterThan(1000);
    }

    @Override
    public String toString() {
      return String.format(
          "%d valid and %d malformed specs; perl answered 1 x%d, 0 x%d, -1 x%d; %d mismatches",
          validSpecs, malformedSpecs, ones, zeros, minusOnes, mismatches);
    }
  }

  // ---------------------------------------------------------------- perl

  private static void requirePerlTimePeriod(Path dir) throws IOException, InterruptedException {
    Path out = dir.resolve("version.txt");
    Process process;
    try {
      process =
          perl(List.of("-MTime::Period", "-e", "print $Time::Period::VERSION"))
              .redirectOutput(out.toFile())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      throw new AssertionError(
          "perl is not installed; install the Debian packages perl and libtime-period-perl", e);
    }
    int exit = await(process);
    String output = Files.readString(out, StandardCharsets.UTF_8).strip();
    if (exit != 0) {
      fail(
          "Perl module Time::Period is missing; install the Debian package libtime-period-perl ("
              + output
              + ")");
    }
    assertThat(output)
        .as("Time::Period version (the Java port follows 1.25 from libtime-period-perl)")
        .isEqualTo("1.25");
  }

  private static List<String> runPerl(
      Path dir, List<GeneratedSpec> specs, List<ZonedDateTime> instants)
      throws IOException, InterruptedException {
    Path in = dir.resolve("requests.tsv");
    Path out = dir.resolve("answers.txt");
    Path err = dir.resolve("stderr.txt");
    Files.write(in, requests(specs, instants), StandardCharsets.ISO_8859_1);
    Process process =
        perl(List.of("-MTime::Period", "-ne", PERL_SCRIPT))
            .redirectInput(in.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    int exit = await(process);
    assertThat(exit).as("perl exit status; stderr: %s", Files.readString(err)).isZero();
    List<String> answers = Files.readAllLines(out, StandardCharsets.ISO_8859_1);
    assertThat(answers).hasSize(specs.size() * instants.size());
    return answers;
  }

  private static List<String> requests(List<GeneratedSpec> specs, List<ZonedDateTime> instants) {
    List<String> lines = new ArrayList<>();
    for (GeneratedSpec spec : specs) {
      for (ZonedDateTime when : instants) {
        lines.add(when.toEpochSecond() + "\t" + spec.text());
      }
    }
    return lines;
  }

  /** Perl's localtime must use the same zone as the Java side. */
  private static ProcessBuilder perl(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add("perl");
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("TZ", "UTC");
    return builder;
  }

  private static int await(Process process) throws InterruptedException {
    if (!process.waitFor(PERL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("perl did not finish within " + PERL_TIMEOUT_SECONDS + " s");
    }
    return process.exitValue();
  }

  // ---------------------------------------------------------------- inputs

  private static List<ZonedDateTime> instants(Random random) {
    List<ZonedDateTime> instants = new ArrayList<>();
    for (String edge : EDGE_INSTANTS) {
      instants.add(LocalDateTime.parse(edge).atZone(ZoneOffset.UTC));
    }
    long start = LocalDateTime.parse("2024-01-01T00:00:00").toEpochSecond(ZoneOffset.UTC);
    long end = LocalDateTime.parse("2025-01-01T00:00:00").toEpochSecond(ZoneOffset.UTC);
    for (int i = 0; i < RANDOM_INSTANT_COUNT; i++) {
      long epoch = start + (long) (random.nextDouble() * (end - start));
      instants.add(Instant.ofEpochSecond(epoch).atZone(ZoneOffset.UTC));
    }
    return instants;
  }

  /** A generated spec and the sub-periods it was joined from (none of them contains a comma). */
  private record GeneratedSpec(String text, List<String> subPeriods) {}

  /** Random specs in Time::Period syntax: mostly valid, some deliberately broken. */
  private static final class SpecGenerator {
    private static final List<String> SPECIAL =
        List.of("", " ", "\t", "none", "NONE", " nOnE ", ",", " , ", ",,");
    private static final List<String> SCALES =
        List.of("yr", "mo", "wk", "yd", "md", "wd", "hr", "min", "sec");
    private static final List<String> LONG_SCALES =
        List.of("year", "month", "week", "yday", "mday", "wday", "hour", "minute", "second");
    private static final List<String> BAD_SCALES = List.of("foo", "w", "days", "hours", "", "m");
    private static final List<String> MONTHS =
        List.of(
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december");
    private static final List<String> WEEKDAYS =
        List.of("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday");

    /** Lone yday values that Perl converts to a number before checking them. */
    private static final List<String> ODD_YDAYS =
        List.of(
            "5x",
            "+60",
            "59.0",
            "6e1",
            "1.5",
            "0x5",
            "inf",
            "366.",
            "1_0",
            "5.000000000000002",
            ".5e1",
            "1e+2",
            "nan",
            "1.#inf",
            "1.#i",
            "367x");

    private static final List<String> SPACES = List.of("", "", " ", " ", "  ", "\t");

    private final Random random;

    SpecGenerator(Random random) {
      this.random = random;
    }

    List<GeneratedSpec> specs(int count) {
      List<GeneratedSpec> specs = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        specs.add(spec());
      }
      return specs;
    }

    private GeneratedSpec spec() {
      if (chance(4)) {
        String special = pick(SPECIAL);
        return new GeneratedSpec(special, List.of(special));
      }
      List<String> subPeriods = new ArrayList<>();
      int count = chance(70) ? 1 : 2 + random.nextInt(2);
      for (int i = 0; i < count; i++) {
        subPeriods.add(subPeriod());
      }
      if (chance(10)) {
        breakStructure(subPeriods);
      } else if (chance(4)) {
        subPeriods.add(pick(SPACES)); // a trailing comma, which Perl ignores
      }
      return new GeneratedSpec(join(subPeriods), List.copyOf(subPeriods));
    }

    private String join(List<String> subPeriods) {
      StringBuilder text = new StringBuilder(pick(SPACES));
      for (int i = 0; i < subPeriods.size(); i++) {
        if (i > 0) {
          text.append(pick(SPACES)).append(',').append(pick(SPACES));
        }
        text.append(subPeriods.get(i));
      }
      return text.append(pick(SPACES)).toString();
    }

    private String subPeriod() {
      StringBuilder text = new StringBuilder();
      int clauses = 1 + random.nextInt(3);
      for (int i = 0; i < clauses; i++) {
        if (i > 0) {
          text.append(pick(SPACES));
        }
        text.append(clause(random.nextInt(SCALES.size())));
      }
      return text.toString();
    }

    private String clause(int scale) {
      String name = mixCase(chance(50) ? SCALES.get(scale) : LONG_SCALES.get(scale));
      StringBuilder ranges = new StringBuilder();
      int count = chance(3) ? 0 : 1 + random.nextInt(3);
      for (int i = 0; i < count; i++) {
        if (i > 0) {
          ranges.append(chance(80) ? " " : pick(List.of("  ", "\t", " \t")));
        }
        ranges.append(range(SCALES.get(scale)));
      }
      return name + pick(SPACES) + "{" + pick(SPACES) + ranges + pick(SPACES) + "}";
    }

    private String range(String scale) {
      if (chance(55)) {
        return scale.equals("yd") && chance(15) ? pick(ODD_YDAYS) : value(scale);
      }
      String dash = pick(List.of("-", "-", "-", " - ", " -", "- "));
      return value(scale) + dash + value(scale);
    }

    private String value(String scale) {
      if (chance(3)) {
        return pick(List.of("0", "100", "1969", "13", "24", "32", "60", "367", "x", "*", "5x"));
      }
      return switch (scale) {
        case "yr" -> year();
        case "mo" -> chance(50) ? number(1, 12) : name(MONTHS, 3);
        case "wk" -> number(1, 6);
        case "yd" -> number(1, 366);
        case "md" -> number(1, 31);
        case "wd" -> chance(40) ? number(1, 7) : name(WEEKDAYS, 2);
        case "hr" -> hour();
        default -> number(0, 59);
      };
    }

    private String year() {
      int roll = random.nextInt(10);
      if (roll < 4) {
        return number(0, 99);
      }
      if (roll < 6) {
        return pick(List.of("23", "24", "25", "99", "00", "0", "024"));
      }
      return Integer.toString(1970 + random.nextInt(140));
    }

    private String hour() {
      int roll = random.nextInt(10);
      if (roll < 4) {
        return number(0, 23);
      }
      if (roll < 8) {
        return (1 + random.nextInt(12)) + mixCase(chance(50) ? "am" : "pm");
      }
      return pick(List.of("12noon", "12NOON", "11noon", "13am", "0pm", "00am", "13pm", "012am"));
    }

    /** A name cut to at least its significant letters, sometimes with junk after them. */
    private String name(List<String> names, int significant) {
      String full = pick(names);
      int length = significant + random.nextInt(full.length() - significant + 1);
      String text = full.substring(0, length) + (chance(10) ? pick(List.of("y", "x1", "_")) : "");
      return mixCase(chance(5) ? text.substring(0, significant - 1) : text);
    }

    private String number(int min, int max) {
      String digits = Integer.toString(min + random.nextInt(max - min + 1));
      return chance(8) ? "0" + digits : digits;
    }

    private String mixCase(String text) {
      StringBuilder mixed = new StringBuilder();
      for (char c : text.toCharArray()) {
        mixed.append(chance(30) ? Character.toUpperCase(c) : c);
      }
      return mixed.toString();
    }

    /** One structural fault: brace, scale name, stray text, empty or "none" sub-period. */
    private void breakStructure(List<String> subPeriods) {
      int at = random.nextInt(subPeriods.size());
      String victim = subPeriods.get(at);
      switch (random.nextInt(8)) {
        case 0 -> subPeriods.set(at, victim.substring(0, victim.lastIndexOf('}')));
        case 1 -> subPeriods.set(at, victim.replaceFirst("\\{", ""));
        case 2 -> subPeriods.set(at, victim + pick(List.of(" x", " 5", "}", "{", " {1}")));
        case 3 -> subPeriods.add(at, pick(SPACES));
        case 4 -> subPeriods.add(at, pick(List.of("none", "None")));
        case 5 -> subPeriods.set(at, pick(BAD_SCALES) + " {1}");
        case 6 -> subPeriods.addAll(at, List.of("hr {1", "3}")); // what "hr {1,3}" splits into
        default -> subPeriods.set(at, victim.replaceFirst("[a-zA-Z]+", pick(BAD_SCALES)));
      }
    }

    private boolean chance(int percent) {
      return random.nextInt(100) < percent;
    }

    private <T> T pick(List<T> options) {
      return options.get(random.nextInt(options.size()));
    }
  }
}
