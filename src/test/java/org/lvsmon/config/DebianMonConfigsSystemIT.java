package org.lvsmon.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The example configs shipped in Debian's own {@code mon} package parse in place (the compressed ones
 * are unpacked to a temporary directory first; the {@code .m4} one goes through the real m4). Needs the
 * Debian packages {@code mon} and {@code m4}; a missing one fails the test, naming it.
 */
class DebianMonConfigsSystemIT {
  private static final Path EXAMPLES = Path.of("/usr/share/doc/mon/examples");

  @TempDir static Path unpacked;

  static Stream<Path> configs() throws IOException {
    require(Path.of("/etc/mon/mon.cf"), "mon");
    require(EXAMPLES.resolve("example.cf.gz"), "mon");
    List<Path> files = new ArrayList<>(List.of(Path.of("/etc/mon/mon.cf"), EXAMPLES.resolve("very-simple.cf")));
    for (String gz : List.of("example.cf.gz", "example.m4.gz")) {
      Path out = unpacked.resolve(gz.replace(".gz", ""));
      try (InputStream in = new GZIPInputStream(Files.newInputStream(EXAMPLES.resolve(gz)))) {
        Files.copy(in, out);
      }
      files.add(out);
    }
    return files.stream();
  }

  private static void require(Path p, String debianPackage) {
    assertThat(p).as("%s is missing: install the Debian package %s (test-fixtures/install-prereqs.sh)", p, debianPackage)
        .exists();
  }

  @ParameterizedTest
  @MethodSource("configs")
  void debianExampleConfig_parses(Path file) throws Exception {
    if (file.toString().endsWith(".m4")) {
      require(Path.of("/usr/bin/m4"), "m4");
    }
    MonConfig c = new MonConfigParser().parse(file, null);

    assertThat(c.watches()).isNotEmpty();
    assertThat(c.services()).allSatisfy(s -> assertThat(s.periods()).isNotNull());
  }

  @Test
  void m4Error_isReportedWithM4sOwnMessage(@TempDir Path dir) throws Exception {
    require(Path.of("/usr/bin/m4"), "m4");
    Path f = dir.resolve("broken.m4");
    Files.writeString(f, "include(`/nonexistent/file')\n");

    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> new MonConfigParser().parse(f, null));

    assertThat(t).isInstanceOf(ConfigException.class).hasMessageContaining("m4 failed with exit status 1")
        .hasMessageContaining("/nonexistent/file");
  }

  @Test
  void m4Config_expandsMacrosBeforeParsing(@TempDir Path dir) throws Exception {
    require(Path.of("/usr/bin/m4"), "m4");
    Path f = dir.resolve("mon.m4");
    Files.writeString(f, "define(`NODES', `n1 n2')dnl\nhostgroup login NODES\n\nwatch login\n    service s\n        interval 1m\n");

    MonConfig c = new MonConfigParser().parse(f, null);

    assertThat(c.hosts("login")).containsExactly("n1", "n2");
  }
}
