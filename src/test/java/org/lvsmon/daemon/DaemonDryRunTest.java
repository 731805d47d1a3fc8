package org.lvsmon.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvsmon.alert.mail.MailSettings;
import org.lvsmon.balance.BalancePlan;
import org.lvsmon.config.KeywordRegistry;
import org.lvsmon.config.MonConfig;
import org.lvsmon.config.MonConfigParser;
import org.lvsmon.config.RunOptions;
import org.lvsmon.config.Settings;
import org.lvsmon.ipvs.memory.MemoryIpvs;

/**
 * {@code lvsmon run --dry-run}'s daemon: the monitor runs and alerts are decided as usual, but an
 * alert script is recorded, not run, and mail.alert's mail is written to a directory, not sent.
 */
class DaemonDryRunTest {
  @TempDir Path dir;
  private Daemon daemon;

  @AfterEach
  void close() {
    if (daemon != null) {
      daemon.close();
    }
  }


  @Test
  void aFailure_recordsTheAlertScriptInsteadOfRunningIt_andWritesTheMailToTheDirectory() throws Exception {
    TestScripts.write(dir, "down.monitor", "echo node3; exit 1\n");
    Path page = TestScripts.write(dir, "page.alert", "touch " + dir.resolve("paged") + "\n");
    Files.copy(Path.of("alerts/mail.alert"), dir.resolve("mail.alert"));
    Path dry = Files.createDirectories(dir.resolve("dry"));
    KeywordRegistry keywords = new KeywordRegistry();
    MailSettings.register(keywords);
    MonConfig config = new MonConfigParser(keywords).parse("statedir = " + dir + "\nlogdir = " + dir + "\n"
        + "mondir = " + dir + "\nalertdir = " + dir + "\n\nhostgroup g node3\n\nwatch g\n    service s\n"
        + "        interval 1s\n        monitor down.monitor\n        period wd {Sun-Sat}\n"
        + "            alertevery 1h\n            alert page.alert -p 1\n"
        + "            alert mail.alert ops@example.com\n", dir.resolve("mon.cf"));
    Settings settings = Settings.resolve(config, RunOptions.NONE, Settings.BuiltinDirs.NONE, Files::isDirectory);
    MemoryIpvs ipvs = new MemoryIpvs();
    daemon = Daemon.start(config, settings, Clock.systemUTC(), new BalancePlan(List.of(), List.of()), ipvs,
        () -> ipvs, new Daemon.Startup(false, () -> config, null, false, false, dir.resolve("no-mail.conf"), dry));

    Path mail = awaitFile(dry.resolve("mail"));
    String eml = Files.readString(mail, StandardCharsets.UTF_8);
    assertThat(eml).contains("Subject: ALERT g/s: node3").contains("To: ops@example.com").contains("Message-ID: <");
    Path log = dry.resolve("alerts.log");
    assertThat(Files.readAllLines(log)).singleElement().satisfies(l -> assertThat(l.split("\t"))
        .containsSubsequence("alert", "g/s").anySatisfy(f -> assertThat(f).startsWith(page + " -s s -g g -h node3 -t ")
            .endsWith(" -p 1")).endsWith("node3"));
    assertThat(dir.resolve("paged")).as("the alert script was not run").doesNotExist();
    try (Stream<Path> queued = Files.list(dir.resolve("outbox"))) {
      assertThat(queued.filter(p -> p.toString().endsWith(".json")).toList()).as("delivered, so not queued").isEmpty();
    }
  }

  private static Path awaitFile(Path directory) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      if (Files.isDirectory(directory)) {
        try (Stream<Path> files = Files.list(directory)) {
          List<Path> eml = files.filter(p -> p.toString().endsWith(".eml")).toList();
          if (!eml.isEmpty()) {
            return eml.get(0);
          }
        }
      }
      Thread.sleep(50); // the mail is written by the delivery thread, on the system clock
    }
    throw new AssertionError("no mail written into " + directory + " within 20 s");
  }
}
