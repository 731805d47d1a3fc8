package org.lvsmon.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MonReportTest {
  @Test
  void noFailure_noOutput_exitZero() {
    MonReport r = new MonReport();

    assertThat(r.output()).isEmpty();
    assertThat(r.exitValue()).isZero();
  }

  @Test
  void failures_sortedSummary_emptyLine_detailsInOrder() {
    MonReport r = new MonReport().fail("node3", "node3 timeout").fail("node10", "node10 x").fail("Node2", "Node2 y");

    assertThat(r.exitValue()).isEqualTo(1);
    assertThat(r.output()).isEqualTo("Node2 node10 node3\n\nnode3 timeout\nnode10 x\nNode2 y\n");
  }

  @Test
  void perlSort_comparesCodePoints() {
    assertThat(MonReport.perlCompare("a", "b")).isNegative();
    assertThat(MonReport.perlCompare("ab", "a")).isPositive();
    assertThat(MonReport.perlCompare("\uffff", "\ud83d\ude00")).isNegative();
    assertThat(MonReport.perlCompare("x", "x")).isZero();
  }
}
