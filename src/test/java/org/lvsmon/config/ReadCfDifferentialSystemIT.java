package org.lvsmon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvsmon.config.ReadCfCorpus.Case;

/**
 * Differential test of lvsmon's parser against the real mon's {@code read_cf}: every config of
 * {@link ReadCfCorpus} goes through {@code test-fixtures/real-mon/read-cf.pl} (which loads {@code
 * read_cf} from {@code /usr/sbin/mon} and runs it, all cases in one Perl process) and through {@link
 * MonConfigParser}. Both must accept or both reject; when both reject, lvsmon's first error must be on
 * mon's line; when both accept, the models must be equal in the form {@link ReadCfSummary} gives.
 * Cases where lvsmon differs on purpose ({@link #DOCUMENTED}) or by a bug not yet fixed ({@link
 * #KNOWN_BUGS}) are asserted to still differ in the stated way, so neither table can go stale. Needs
 * {@code perl} and the Debian packages {@code mon} and {@code libtime-period-perl}; fails, never
 * skips, without them.
 */
@Tag("system")
class ReadCfDifferentialSystemIT {
  private static final Path MON = Path.of("/usr/sbin/mon");
  private static final String HARNESS = "test-fixtures/real-mon/read-cf.pl";
  private static final String PREREQUISITES =
      "install perl and the Debian packages mon and libtime-period-perl (test-fixtures/install-prereqs.sh)";
  private static final long PERL_TIMEOUT_SECONDS = 60;
  private static final int MIN_WRITTEN_CASES = 60;

  /** read-cf.pl's two result forms (after "FILE TAB"). */
  private static final Pattern OK =
      Pattern.compile("^OK (groups=\\d+ watches=\\d+ services=\\d+ periods=\\d+) (\\{.*\\})$");
  private static final Pattern ERR = Pattern.compile("^ERR line=(\\d+) msg=(.*)$");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How a listed case differs; {@code detail} is what the difference must show. */
  enum Kind {
    /** mon accepts; lvsmon rejects, its first error message containing {@code detail}. */
    LVSMON_REJECTS,
    /** mon rejects with a message containing {@code detail}; lvsmon accepts. */
    MON_REJECTS,
    /** Both accept; the models differ at a path containing {@code detail}. */
    MODEL_DIFFERS
  }

  record Divergence(Kind kind, String detail, String reason) {}

  /** Deliberate differences, each backed by README.md ("Differences from mon" and check-config). */
  static final Map<String, Divergence> DOCUMENTED = Map.ofEntries(
      Map.entry("monitor-unbalanced-quote", new Divergence(Kind.LVSMON_REJECTS, "unbalanced \" quote",
          "README: a monitor line with an unbalanced quote is an error; mon runs it with no arguments")),
      Map.entry("redistribute-unbalanced-quote", new Divergence(Kind.LVSMON_REJECTS, "unbalanced ' quote",
          "README: a redistribute line with an unbalanced quote is an error")),
      Map.entry("alert-unbalanced-quote", new Divergence(Kind.LVSMON_REJECTS, "unbalanced \" quote",
          "README: an alert line with an unbalanced quote is an error")),
      Map.entry("alert-exit-not-a-range", new Divergence(Kind.LVSMON_REJECTS, "invalid exit value range \"foo\"",
          "README: exit= prefixes that are not N or N-M are an error; mon takes exit=foo as the alert's name")),
      Map.entry("alert-exit-empty-range", new Divergence(Kind.LVSMON_REJECTS, "is empty (3 > 1)",
          "README: a bad exit= range is an error; mon would never match exit=3-1")),
      Map.entry("global-unack-summary-bare", new Divergence(Kind.MON_REJECTS, "invalid unack_summary value ''",
          "README: unack_summary with no value means yes, as documented; mon rejects it")),
      Map.entry("unack-summary-bare", new Divergence(Kind.MON_REJECTS, "invalid unack_summary value ''",
          "README: unack_summary with no value means yes, as documented; mon rejects it")),
      Map.entry("global-maxprocs-not-a-number", new Divergence(Kind.LVSMON_REJECTS, "is not a whole number",
          "README: numeric globals must be whole numbers; mon uses a non-number as 0")),
      Map.entry("global-histlength-negative", new Divergence(Kind.LVSMON_REJECTS, "is not a whole number",
          "README: numeric globals must be whole numbers")),
      Map.entry("global-authfile-missing", new Divergence(Kind.MON_REJECTS, "authfile '/nonexistent/",
          "README (check-config): an unreadable authfile is an environment problem of this machine, not a"
              + " config error; mon checks it while parsing")),
      Map.entry("global-userfile-missing", new Divergence(Kind.MON_REJECTS, "userfile '/nonexistent/",
          "README (check-config): an unreadable userfile is an environment problem, not a config error")),
      Map.entry("alert-exit-without-program", new Divergence(Kind.LVSMON_REJECTS, "has an exit= range but no alert program",
          "README: a bad exit= prefix is an error; mon's do_alert needs a space after the range, so it takes a"
              + " bare \"exit=2\" as the alert's name, as it does exit=foo")),
      Map.entry("file:test-fixtures/mon-examples/05-seed-lab.cf", new Divergence(Kind.MON_REJECTS,
          "authfile '$WORK/cf/auth.cf'",
          "the lab config names its authfile as $WORK/..., unreadable here; an environment problem for"
              + " lvsmon (README, check-config)")),
      // -- stricter value checks (README, "Differences from mon")
      Map.entry("global-serverport-zero", new Divergence(Kind.LVSMON_REJECTS, "out of range",
          "README: ports must be 1-65535; mon does not check them")),
      Map.entry("global-logdir-empty", new Divergence(Kind.LVSMON_REJECTS, "missing value",
          "mon accepts an empty value for every path global (logdir, statedir, basedir, historicfile, ...)")),
      Map.entry("global-authtype-unknown", new Divergence(Kind.LVSMON_REJECTS, "unknown type",
          "mon stores any authtype word; only \"pam\" is checked (it loads Authen::PAM)")),
      Map.entry("global-clientallow-bad-regex", new Divergence(Kind.LVSMON_REJECTS, "invalid pattern",
          "mon does not compile clientallow patterns while parsing")),
      Map.entry("interval-zero-written-00s", new Divergence(Kind.LVSMON_REJECTS, "must be greater than 0",
          "dhmstos returns the string \"00\" for 00s, which is true in Perl, so mon accepts a zero interval"
              + " written 00s (0s is rejected)")),
      Map.entry("interval-zero-written-0.0s", new Divergence(Kind.LVSMON_REJECTS, "must be greater than 0",
          "dhmstos returns the string \"0.0\" for 0.0s, which is true in Perl, so mon accepts it")),
      Map.entry("monitor-without-program", new Divergence(Kind.LVSMON_REJECTS, "missing program name",
          "mon accepts a bare \"monitor\" line (an empty monitor that is never found)")),
      Map.entry("depend-empty", new Divergence(Kind.LVSMON_REJECTS, "missing expression",
          "mon accepts a bare \"depend\" line (an empty expression)")),
      Map.entry("alert-without-program", new Divergence(Kind.LVSMON_REJECTS, "missing program name",
          "mon accepts a bare \"alert\" line (do_alert then finds no alert \"\" and logs an error)")),
      Map.entry("alertevery-two-times-strict", new Divergence(Kind.LVSMON_REJECTS, "invalid value",
          "mon's alertevery mode regexes are unanchored at the start: \"1h 2h strict\" means 2h strict")),
      Map.entry("alertevery-summary-with-trailing-words", new Divergence(Kind.LVSMON_REJECTS, "invalid value",
          "mon's legacy \"summary\" regex is unanchored at the end: \"1h summary please\" means 1h")),
      Map.entry("alertafter-words-before-window", new Divergence(Kind.LVSMON_REJECTS, "invalid value",
          "mon's \"N T\" alertafter regex is unanchored at the start: \"at least 2 10m\" means 2 10m")),
      Map.entry("numalerts-ten-digits", new Divergence(Kind.LVSMON_REJECTS, "is too large",
          "README: numbers over 999999999 are an error; mon accepts any digit string")),
      Map.entry("alertafter-count-ten-digits", new Divergence(Kind.LVSMON_REJECTS, "is too large",
          "README: numbers over 999999999 are an error; mon accepts any digit string")),
      Map.entry("alertexitrange-reversed", new Divergence(Kind.LVSMON_REJECTS, "is empty (5 > 3)",
          "README: a reversed range is an error; mon accepts alertexitrange 5-3, which never matches")),
      Map.entry("alert-exit-spaced", new Divergence(Kind.LVSMON_REJECTS, "write the exit range without spaces",
          "read_cf accepts \"exit = 2 mail.alert\", but do_alert splits the line at whitespace and calls"
              + " the alert \"=\" with arguments \"2 mail.alert a\"; README: lvsmon rejects the spaced form")));

  /**
   * Undocumented differences found by this test, asserted to still differ so that whoever fixes one
   * must move it out of this table (or into {@link #DOCUMENTED}, with a README line, if it stays).
   */
  static final Map<String, Divergence> KNOWN_BUGS = Map.ofEntries();

  @TempDir static Path dir;

  private static List<Case> corpus;
  private static final Map<String, Outcome> MON_RESULTS = new LinkedHashMap<>();
  private static final Map<String, Outcome> LVSMON_RESULTS = new LinkedHashMap<>();

  /** One parser's verdict on one case. {@code model} and {@code counts} are set when it accepted. */
  record Outcome(boolean ok, int line, String message, String counts, Map<String, Object> model) {
    static Outcome rejected(int line, String message) {
      return new Outcome(false, line, message, null, null);
    }

    @Override
    public String toString() {
      return ok ? "accepts (" + counts + ")" : "rejects at line " + line + ": " + message;
    }
  }

  @BeforeAll
  static void runBothParsers() throws Exception {
    Path home = Path.of(System.getProperty("lvsmon.home", ".")).toAbsolutePath();
    assertThat(MON).as("%s is missing: %s", MON, PREREQUISITES).isRegularFile();
    Path harness = home.resolve(HARNESS);
    assertThat(harness).as("the harness %s", HARNESS).isRegularFile();

    corpus = ReadCfCorpus.build(home);
    List<String> files = new ArrayList<>();
    for (int i = 0; i < corpus.size(); i++) {
      String file = String.format("case-%03d.cf", i);
      Files.writeString(dir.resolve(file), corpus.get(i).content(), StandardCharsets.ISO_8859_1);
      files.add(file);
    }

    List<String> lines = runHarness(harness, files);
    assertThat(lines).as("read-cf.pl output lines (one per file)").hasSize(corpus.size());
    for (int i = 0; i < corpus.size(); i++) {
      String prefix = files.get(i) + "\t";
      assertThat(lines.get(i)).as("read-cf.pl output line %d", i + 1).startsWith(prefix);
      MON_RESULTS.put(corpus.get(i).name(), parseMonResult(lines.get(i).substring(prefix.length())));
      LVSMON_RESULTS.put(corpus.get(i).name(), lvsmon(corpus.get(i)));
    }
    long accepted = MON_RESULTS.values().stream().filter(Outcome::ok).count();
    System.out.printf("read_cf differential: %d cases (%d fixture files), mon accepts %d and rejects %d;"
            + " %d documented differences, %d known bugs%n", corpus.size(),
        corpus.size() - ReadCfCorpus.writtenCaseCount(corpus), accepted, corpus.size() - accepted,
        DOCUMENTED.size(), KNOWN_BUGS.size());
  }

  // ---------------------------------------------------------------- the tests

  @Test
  void lvsmon_decidesAndModelsLikeMon_onEveryCaseNotListedAsDivergence() {
    List<String> disagreements = new ArrayList<>();
    for (Case c : corpus) {
      if (DOCUMENTED.containsKey(c.name()) || KNOWN_BUGS.containsKey(c.name())) {
        continue;
      }
      List<String> diffs = differences(MON_RESULTS.get(c.name()), LVSMON_RESULTS.get(c.name()));
      if (!diffs.isEmpty()) {
        disagreements.add(describe(c, diffs));
      }
    }
    assertThat(disagreements)
        .as("cases where lvsmon disagrees with mon's read_cf (%d of %d cases); fix the parser, or list the"
            + " case in DOCUMENTED (with a README line) or KNOWN_BUGS", disagreements.size(), corpus.size())
        .isEmpty();
  }

  @Test
  void documentedDifferences_stillDifferAsDocumented() {
    assertStillDiffer(DOCUMENTED, "documented difference");
  }

  @Test
  void knownBugs_stillDiffer() {
    assertStillDiffer(KNOWN_BUGS, "known bug");
  }

  @Test
  void divergenceTables_nameCasesOfTheCorpusOnce() {
    Set<String> listed = new TreeSet<>(DOCUMENTED.keySet());
    listed.addAll(KNOWN_BUGS.keySet());
    corpus.forEach(c -> listed.remove(c.name()));
    assertThat(listed).as("listed cases that are not in the corpus").isEmpty();
    Set<String> both = new TreeSet<>(DOCUMENTED.keySet());
    both.retainAll(KNOWN_BUGS.keySet());
    assertThat(both).as("cases listed both as documented and as known bugs").isEmpty();
  }

  /** Guards the corpus itself: enough cases, both verdicts, and every error class read_cf has. */
  @Test
  void corpus_coversEveryErrorClassOfReadCf() {
    assertThat(ReadCfCorpus.writtenCaseCount(corpus)).as("hand-written cases").isGreaterThanOrEqualTo(MIN_WRITTEN_CASES);
    assertThat(MON_RESULTS.values()).as("cases mon accepts").filteredOn(Outcome::ok).hasSizeGreaterThan(50);
    assertThat(MON_RESULTS.values()).as("cases mon rejects").filteredOn(o -> !o.ok()).hasSizeGreaterThan(50);
    Set<String> monMessages = new TreeSet<>();
    MON_RESULTS.values().stream().filter(o -> !o.ok()).forEach(o -> monMessages.add(o.message()));
    List<String> missing = new ArrayList<>();
    for (String errorClass : List.of(
        "unknown variable '", "bad value '", "for randstart option", "for historictime command",
        "for cltimeout command", "for dep_memory option", "unknown dependency behavior '",
        "malformed exclude_period '", "invalid unack_summary value '", "authfile '", "userfile '",
        "already defined, line", "environment variable defined without a service", "invalid service tag '",
        "already defined for watch group", "need to specify service in watch record", "malformed period '",
        "period '", "invalid time interval '", "invalid interval specification '", "not sensible",
        "invalid upalertafter specification", "-numeric arg '", "invalid exit code range '",
        "unknown syntax [", "invalid interval '", "invalid traptimeout interval", "invalid trapduration interval",
        "invalid randskew time interval", "(syntax: dep_behavior = {m|a})")) {
      if (monMessages.stream().noneMatch(m -> m.contains(errorClass))) {
        missing.add(errorClass);
      }
    }
    assertThat(missing).as("read_cf error classes no case triggers; mon's messages were %s", monMessages).isEmpty();
  }

  // ---------------------------------------------------------------- comparison

  /** Why two outcomes disagree; empty when they agree. */
  private static List<String> differences(Outcome mon, Outcome lvsmon) {
    if (mon.ok() != lvsmon.ok()) {
      return List.of("mon " + (mon.ok() ? "accepts" : "rejects") + ", lvsmon " + (lvsmon.ok() ? "accepts" : "rejects"));
    }
    if (!mon.ok()) {
      return mon.line() == lvsmon.line()
          ? List.of()
          : List.of("mon's error is on line " + mon.line() + ", lvsmon's first error on line " + lvsmon.line());
    }
    List<String> diffs = new ArrayList<>();
    if (!mon.counts().equals(lvsmon.counts())) {
      diffs.add("counts: mon " + mon.counts() + ", lvsmon " + lvsmon.counts());
    }
    diff("", mon.model(), lvsmon.model(), diffs);
    return diffs;
  }

  /** Appends "path: mon X, lvsmon Y" for every leaf where the two trees differ. */
  private static void diff(String path, Object mon, Object lvsmon, List<String> out) {
    if (mon instanceof Map<?, ?> m && lvsmon instanceof Map<?, ?> l) {
      Set<Object> keys = new TreeSet<>();
      keys.addAll(m.keySet());
      keys.addAll(l.keySet());
      for (Object k : keys) {
        diff(path + "/" + k, m.get(k), l.get(k), out);
      }
    } else if (!Objects.equals(mon, lvsmon)) {
      out.add(path + ": mon " + mon + ", lvsmon " + lvsmon);
    }
  }

  private static void assertStillDiffer(Map<String, Divergence> table, String what) {
    List<String> stale = new ArrayList<>();
    table.forEach((name, d) -> {
      Outcome mon = MON_RESULTS.get(name);
      Outcome lvsmon = LVSMON_RESULTS.get(name);
      if (mon == null) {
        return; // reported by divergenceTables_nameCasesOfTheCorpusOnce
      }
      boolean holds = switch (d.kind()) {
        case LVSMON_REJECTS -> mon.ok() && !lvsmon.ok() && lvsmon.message().contains(d.detail());
        case MON_REJECTS -> !mon.ok() && mon.message().contains(d.detail()) && lvsmon.ok();
        case MODEL_DIFFERS -> mon.ok() && lvsmon.ok()
            && differences(mon, lvsmon).stream().anyMatch(s -> s.contains(d.detail()));
      };
      if (!holds) {
        stale.add(name + ": expected " + d.kind() + " (" + d.detail() + ") because " + d.reason()
            + "\n    mon:    " + mon + "\n    lvsmon: " + lvsmon
            + "\n    differences: " + differences(mon, lvsmon));
      }
    });
    assertThat(stale).as("%s entries that no longer differ as stated; update the table", what).isEmpty();
  }

  private static String describe(Case c, List<String> diffs) {
    return c.name() + "\n    mon:    " + MON_RESULTS.get(c.name()) + "\n    lvsmon: " + LVSMON_RESULTS.get(c.name())
        + "\n    " + String.join("\n    ", diffs) + "\n    config:\n" + c.content().indent(8);
  }

  // ---------------------------------------------------------------- the two parsers

  private static Outcome lvsmon(Case c) {
    try {
      MonConfig config = new MonConfigParser().parse(c.content(), Path.of(c.name()));
      return new Outcome(true, 0, null, ReadCfSummary.counts(config), ReadCfSummary.of(config));
    } catch (ConfigException e) {
      ConfigProblem first = e.problems().stream()
          .filter(p -> p.kind() == ConfigProblem.Kind.ERROR)
          .findFirst()
          .orElseThrow(() -> new AssertionError(c.name() + ": ConfigException without an error: " + e.problems()));
      return Outcome.rejected(first.line(), first.message());
    } catch (RuntimeException e) {
      return Outcome.rejected(-1, "lvsmon's parser crashed: " + e);
    }
  }

  private static Outcome parseMonResult(String result) throws IOException {
    Matcher m = OK.matcher(result);
    if (m.matches()) {
      return new Outcome(true, 0, null, m.group(1), JSON.readValue(m.group(2), new TypeReference<Map<String, Object>>() {}));
    }
    m = ERR.matcher(result);
    if (m.matches()) {
      return Outcome.rejected(Integer.parseInt(m.group(1)), m.group(2));
    }
    throw new AssertionError("unexpected read-cf.pl result: " + result);
  }

  private static List<String> runHarness(Path harness, List<String> files) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("perl", harness.toString()));
    command.addAll(files);
    Path out = dir.resolve("read-cf.out");
    Path err = dir.resolve("read-cf.err");
    Process p;
    try {
      p = new ProcessBuilder(command).directory(dir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    } catch (IOException e) {
      throw new AssertionError("cannot run perl: " + PREREQUISITES, e);
    }
    if (!p.waitFor(PERL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("read-cf.pl did not finish within " + PERL_TIMEOUT_SECONDS + " s");
    }
    if (p.exitValue() != 0) {
      fail("read-cf.pl failed with exit status " + p.exitValue() + " (" + PREREQUISITES + "): "
          + Files.readString(err, StandardCharsets.ISO_8859_1).strip());
    }
    return Files.readAllLines(out, StandardCharsets.ISO_8859_1);
  }
}
