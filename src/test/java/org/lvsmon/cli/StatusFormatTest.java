package org.lvsmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lvsmon.control.Reply;

/** {@code lvsmon status} as pure functions of the daemon's replies: the tables and the JSON. */
class StatusFormatTest {
  private static StatusReport report(Reply ipvs, Reply state) throws Exception {
    return StatusReport.parse("lvs1:2583", StatusFixture.opstatus(), ipvs, state, StatusFixture.servertime());
  }

  private static StatusReport report() throws Exception {
    return report(StatusFixture.ipvs(), StatusFixture.running());
  }

  @Test
  void text_unlimitedWidth_controlCharactersShownAsQuestionMarks() throws Exception {
    assertThat(StatusText.format(report(), 0, false)).isEqualTo("""
        lvs1:2583: scheduler running, 4 services (2 failing), 2 real servers

        GROUP  SERVICE  STATE         FOR    LAST CHECK  NEXT      ALERTS  SUMMARY
        login  ssh      FAIL          5m00s  10s ago     in 3s     1       127.0.0.1 localhost
        login  load     OK            1h00m  10s ago     running   0
        web    ssh      UNTESTED      -      never       in 2s     0
        web    load     FAIL (acked)  2d02h  7s ago      in 1m01s  2       load 12.5 11.0 10.2 >= 5 4 3 ?[2Jon every login node of the cluster

        VIRTUAL SERVICE      REAL SERVER   HOST   WEIGHT  CONNS  LOAD  CPUS  STATE    REASON
        tcp:10.99.203.43:22  10.0.0.11:22  node1  37/37   3/1    0.42  8     up       load 0.42/cpu
        tcp:10.99.203.43:22  10.0.0.12:22  node2  0/0     12/40  -     -     drained  drained: kernel upgrade
        """);
  }

  @Test
  void text_width100_cutsTheLastColumns() throws Exception {
    String text = StatusText.format(report(), 100, false);
    assertThat(text).contains("  2       load 12.5 11.0 10.2 >= 5 4 3 ?...\n")
        .contains("  drained  drained: kernel upg...\n");
    assertThat(text.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(100));
  }

  @Test
  void text_narrowTerminal_keepsTenCharactersOfTheSummary() throws Exception {
    assertThat(StatusText.format(report(), 40, false)).contains("  1       127.0.0...\n");
  }

  @Test
  void text_colour_stateCellsOnly_paddingOutsideTheCodes() throws Exception {
    String text = StatusText.format(report(), 0, true);
    assertThat(text).contains("login  ssh      \u001b[31mFAIL\u001b[0m          5m00s")
        .contains("login  load     \u001b[32mOK\u001b[0m            1h00m")
        .contains("web    ssh      UNTESTED      -")
        .contains("3/1    0.42  8     \u001b[32mup\u001b[0m       load")
        .contains("\u001b[33mdrained\u001b[0m  drained: kernel upgrade");
  }

  @Test
  void text_stoppedScheduler_nextIsStopped_withoutIpvs_noSecondTable() throws Exception {
    StatusReport r = report(Reply.status("520 unknown list command"),
        Reply.of(List.of("scheduler stopped since 1795311207"), "220 list state completed"));
    String text = StatusText.format(r, 0, false);
    assertThat(text).startsWith("lvs1:2583: scheduler STOPPED for 5m00s, 4 services (2 failing)\n\n")
        .contains("  running  0\n").contains("  stopped  0\n").doesNotContain("VIRTUAL SERVICE");
  }

  @Test
  void span_twoUnitsAtMost() {
    assertThat(List.of(-5L, 0L, 59L, 60L, 3599L, 3600L, 86399L, 86400L, 1000000L).stream().map(StatusText::span))
        .containsExactly("0s", "0s", "59s", "1m00s", "59m59s", "1h00m", "23h59m", "1d00h", "11d13h");
  }

  @Test
  void json_version1_everyKey() throws Exception {
    String json = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(new StatusJson().toJson(report()));
    try (InputStream golden = getClass().getResourceAsStream("status-v1.json")) {
      assertThat(json + "\n").isEqualTo(new String(golden.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
