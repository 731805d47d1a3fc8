package org.lvsmon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Feeds thousands of mutated configs to the parser: whatever the input, it returns a model or throws
 * its own {@link ConfigException} with located problems, never anything else, and never hangs.
 */
class ConfigFuzzTest {
  private static final long SEED = 20261122L;
  private static final int MUTANTS = 6000;
  private static final String[] TOKENS = {
    "\n", "\n\n", " ", "\\", "\\\n", "#", "=", ":", ";;", "{", "}", "\"", "'", "-", "exit=", "period ",
    "service ", "watch ", "hostgroup ", "alertafter ", "alertevery ", "1d", "0s", "1.5m", "99999999999999s",
    "wd {", "hr {25}", "SELF:", "&&", "\r", "\t", "\u00e9", "\u0000", "interval", "VAR=", "none", "yd {366}"};

  @Test
  void mutatedConfigs_onlyEverYieldAModelOrAConfigException() throws IOException {
    List<String> seeds = seeds();
    Random random = new Random(SEED);
    MonConfigParser parser = new MonConfigParser();
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      int rejected = 0;
      for (int i = 0; i < MUTANTS; i++) {
        String mutant = mutate(seeds.get(random.nextInt(seeds.size())), random);
        try {
          parser.parse(mutant, Path.of("fuzz.cf"));
        } catch (ConfigException e) {
          rejected++;
          assertThat(e.problems()).as("a rejection names at least one error").isNotEmpty();
          e.problems().forEach(p -> assertThat(p.line()).isBetween(0, (int) mutant.lines().count() + 1));
        } catch (RuntimeException | StackOverflowError e) {
          fail("seed " + SEED + " mutant " + i + " threw " + e + " for:\n" + mutant, e);
        }
      }
      // the mutations must actually exercise the error paths
      assertThat(rejected).isBetween(MUTANTS / 10, MUTANTS - MUTANTS / 20);
    });
  }

  private static List<String> seeds() throws IOException {
    List<String> texts = new ArrayList<>();
    for (String dir : List.of("test-fixtures/mon-examples", "test-fixtures/real-mon/configs")) {
      try (Stream<Path> files = Files.list(Path.of(dir))) {
        for (Path f : files.sorted().toList()) {
          texts.add(Files.readString(f, StandardCharsets.ISO_8859_1));
        }
      }
    }
    assertThat(texts).hasSizeGreaterThan(5);
    return texts;
  }

  private static String mutate(String text, Random random) {
    StringBuilder b = new StringBuilder(text);
    int edits = 1 + random.nextInt(6);
    for (int e = 0; e < edits && b.length() > 0; e++) {
      int at = random.nextInt(b.length());
      switch (random.nextInt(5)) {
        case 0 -> b.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
        case 1 -> b.deleteCharAt(at);
        case 2 -> b.setCharAt(at, (char) (32 + random.nextInt(95)));
        case 3 -> { // delete a whole line
          int start = at == 0 ? 0 : b.lastIndexOf("\n", at - 1) + 1;
          int end = b.indexOf("\n", at);
          b.delete(start, end < 0 ? b.length() : end + 1);
        }
        default -> { // duplicate a line elsewhere
          int start = at == 0 ? 0 : b.lastIndexOf("\n", at - 1) + 1;
          int end = b.indexOf("\n", at);
          String line = b.substring(start, end < 0 ? b.length() : end);
          b.insert(random.nextInt(b.length() + 1), line + "\n");
        }
      }
    }
    return b.toString();
  }
}
