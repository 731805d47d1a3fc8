package org.lvsmon.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Getopt::Std's splitting, plus long options. */
class MonitorArgsTest {
  private static final Set<String> VALUE = Set.of("-p", "-i", "--alias");
  private static final Set<String> FLAG = Set.of("-A", "-v", "--auth");

  private static MonitorArgs parse(String... args) throws MonitorUsageException {
    return MonitorArgs.parse(List.of(args), VALUE, FLAG);
  }

  @Test
  void valuesAttachedOrNext_flagsBundled_operandsAfter() throws Exception {
    MonitorArgs a = parse("-p22", "-Av", "-i", "k1", "--alias=vip", "h1", "h2");

    assertThat(a.value("-p")).contains("22");
    assertThat(a.has("-A")).isTrue();
    assertThat(a.has("-v")).isTrue();
    assertThat(a.value("--alias")).contains("vip");
    assertThat(a.operands()).containsExactly("h1", "h2");
  }

  @Test
  void bundledFlagThenValueOption_takesTheRestAsValue() throws Exception {
    MonitorArgs a = parse("-Ap2222", "h");

    assertThat(a.has("-A")).isTrue();
    assertThat(a.value("-p")).contains("2222");
  }

  @Test
  void parsingStopsAtTheFirstOperandOrDoubleDash() throws Exception {
    assertThat(parse("h1", "-p", "22").operands()).containsExactly("h1", "-p", "22");
    assertThat(parse("-p", "22", "--", "-h").operands()).containsExactly("-h");
    assertThat(parse("-", "x").operands()).containsExactly("-", "x");
  }

  @Test
  void repeatedOption_keepsAllValues_lastWins() throws Exception {
    MonitorArgs a = parse("-i", "a", "-i", "b", "--alias", "x", "--alias", "y");

    assertThat(a.values("-i")).containsExactly("a", "b");
    assertThat(a.value("--alias")).contains("y");
    assertThat(a.values("-p")).isEmpty();
    assertThat(a.value("-p")).isEmpty();
  }

  @Test
  void unknownOrIncompleteOptions_areUsageErrors() {
    assertThatThrownBy(() -> parse("-x", "h")).isInstanceOf(MonitorUsageException.class).hasMessage("unknown option -x");
    assertThatThrownBy(() -> parse("-Ax")).hasMessage("unknown option -x");
    assertThatThrownBy(() -> parse("--bogus")).hasMessage("unknown option --bogus");
    assertThatThrownBy(() -> parse("-p")).hasMessage("option -p needs a value");
    assertThatThrownBy(() -> parse("--alias")).hasMessage("option --alias needs a value");
    assertThatThrownBy(() -> parse("--auth=yes")).hasMessage("option --auth takes no value, got \"yes\"");
  }

  @Test
  void secondsAndPorts() throws Exception {
    assertThat(MonitorArgs.parseSeconds("-t", "2.5")).isEqualTo(Duration.ofMillis(2500));
    assertThat(MonitorArgs.parseSeconds("-t", ".25")).isEqualTo(Duration.ofMillis(250));
    assertThat(MonitorArgs.seconds(Duration.ofMillis(2500))).isEqualTo("2.5s");
    assertThat(MonitorArgs.seconds(Duration.ofSeconds(10))).isEqualTo("10s");
    assertThat(MonitorArgs.parsePort("-p", "65535")).isEqualTo(65535);
    assertThatThrownBy(() -> MonitorArgs.parseSeconds("-t", "0")).hasMessageStartingWith("-t: bad time \"0\"");
    assertThatThrownBy(() -> MonitorArgs.parsePort("-p", "0")).hasMessage("-p: bad port \"0\" (expected a number 1-65535)");
  }
}
