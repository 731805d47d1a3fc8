package org.lvsmon.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.lvsmon.alert.mail.MailSettings;
import org.lvsmon.balance.BalancePlan;
import org.lvsmon.balance.BalanceSpec;
import org.lvsmon.config.KeywordRegistry;
import org.lvsmon.config.MonConfig;
import org.lvsmon.config.MonConfigParser;
import org.lvsmon.monitor.MonitorTimeout;
import org.lvsmon.monitor.ssh.LoadLine;

/** The demo's parts without sockets: its config, the nodes' load curves, the screen, the mail lines. */
class DemoPartsTest {
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-05T10:00:00Z"));
  private final InstantSource clock = now::get;

  private void advance(Duration d) {
    now.set(now.get().plus(d));
  }

  @Test
  void template_isConfDemoCf_andRendersIntoAValidConfigWithOneBalancedWatch() throws Exception {
    String template = DemoConfig.template();
    assertThat(template).as("the jar carries conf/demo.cf unchanged").isEqualTo(Files.readString(Path.of("conf/demo.cf")));

    String rendered = DemoConfig.render(template, Map.of("SSH_PORT", "2222", "DEMO_DIR", "/run/demo"));
    KeywordRegistry keywords = new KeywordRegistry();
    MonitorTimeout.register(keywords);
    BalanceSpec.register(keywords);
    MailSettings.register(keywords);
    MonConfig config = new MonConfigParser(keywords).parse(rendered, Path.of("mon.cf"));

    assertThat(config.problems()).isEmpty();
    assertThat(rendered).contains("-p 2222 ", "-i /run/demo/id_ecdsa -k /run/demo/known_hosts")
        .as("comments keep their placeholders").contains("# reads it: @SSH_PORT@");
    BalancePlan plan = BalancePlan.of(config);
    assertThat(plan.problems()).isEmpty();
    assertThat(plan.bindings()).singleElement().satisfies(b -> {
      assertThat(b.spec().service()).hasToString("TCP 10.255.0.1:22");
      assertThat(b.realServers()).containsOnlyKeys("127.0.0.11", "127.0.0.12", "127.0.0.13", "127.0.0.14");
    });
  }

  @Test
  void render_placeholderWithoutValue_isNamed() {
    assertThatThrownBy(() -> DemoConfig.render("monitor x -p @PORT@\n", Map.of("SSH_PORT", "1")))
        .hasMessageContaining("@PORT@");
  }

  @Test
  void loadCurve_rampsInAStraightLine_andReadsAsProcLoadavg() {
    LoadCurve curve = new LoadCurve(clock, 4, 1.0, 0);
    curve.rampTo(5.0, Duration.ofSeconds(10));
    advance(Duration.ofSeconds(5));
    double half = curve.load1();
    advance(Duration.ofSeconds(20));
    double end = curve.load1();

    assertThat(half).isBetween(3.0 * 0.9, 3.0 * 1.1); // the wobble is at most 8 %
    assertThat(end).isBetween(5.0 * 0.9, 5.0 * 1.1);
    LoadLine.Load parsed = LoadLine.parse(curve.loadavg() + " " + curve.cpusOnline());
    assertThat(parsed.cpus()).isEqualTo(4);
    assertThat(parsed.load1()).isCloseTo(curve.load1(), org.assertj.core.data.Offset.offset(0.006));
    assertThat(parsed.load5()).as("the 5-minute average lags").isBetween(1.0, parsed.load1());
  }

  @Test
  void mailLines_areTheDetailedText_elseTheBody() {
    String body = "\nGroup                 : login\nService               : load\n\nDetailed text (if any) follows:\n"
        + "-------------------------------\n127.0.0.12 refused\n127.0.0.11 load 0.5\n127.0.0.13 load 0.6\n";

    assertThat(MailSink.firstLines(body)).containsExactly("127.0.0.12 refused", "127.0.0.11 load 0.5");
    assertThat(MailSink.firstLines("\nhello\n\nworld\nmore\n")).containsExactly("hello", "world");
  }

  @Test
  void screen_plain_printsStoryAtOnce_andEachLogLineOnce() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Screen screen = new Screen(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, Duration.ofSeconds(60), 0);

    screen.event(Duration.ofSeconds(65), "node2 stops");
    screen.frame(Duration.ofSeconds(66), List.of("node1 up"), "TABLE\n", List.of("a"));
    screen.frame(Duration.ofSeconds(67), List.of("node1 up"), "TABLE\n", List.of("a", "b"));

    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).startsWith("1:05  node2 stops\n").contains("1:06 of 1:00").doesNotContain("\033[");
    assertThat(out.split("log: a", -1)).hasSize(2);
    assertThat(out.split("log: b", -1)).hasSize(2);
  }

  @Test
  void screen_live_redrawsInPlace_cutToWidth() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Screen screen = new Screen(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, Duration.ofSeconds(60), 20);

    screen.event(Duration.ZERO, "a story line much longer than twenty");
    assertThat(bytes.size()).as("live: the story waits for the frame").isZero();
    screen.frame(Duration.ofSeconds(1), List.of(), "", List.of());

    assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("\033[H\033[2J").contains("  0:00  a story l...\n");
  }
}
