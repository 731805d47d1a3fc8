package org.lvsmon.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shipped mon example (conf/, but the demo's) and every example and lab config in test-fixtures parses without error. */
class MonExamplesTest {
  static Stream<Path> configs() throws IOException {
    List<Path> all = new java.util.ArrayList<>();
    for (String dir : List.of("conf", "test-fixtures/mon-examples", "test-fixtures/real-mon/configs")) {
      try (Stream<Path> files = Files.list(Path.of(dir))) {
        // demo.cf uses lvsmon's own keywords (balance, mailsettings); DemoPartsTest parses it with them
        files.filter(f -> f.toString().endsWith(".cf") && !List.of("auth.cf", "demo.cf").contains(f.getFileName().toString()))
            .sorted().forEach(all::add);
      }
    }
    assertThat(all).hasSizeGreaterThanOrEqualTo(10);
    return all.stream();
  }

  @ParameterizedTest
  @MethodSource("configs")
  void exampleConfig_parsesWithoutErrors(Path file) throws Exception {
    MonConfig c = new MonConfigParser().parse(file, null);

    assertThat(c.watches()).isNotEmpty();
    assertThat(c.services()).allSatisfy(s -> assertThat(s.name()).isNotBlank());
    assertThat(c.problems(ConfigProblem.Kind.ERROR)).isEmpty();
  }
}
