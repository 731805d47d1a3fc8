package org.lvsmon.ipvs.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A {@code balance} service's weights on a real kernel (Linux 6.1 under User-Mode Linux,
 * test-fixtures/ipvs-vm): one boot runs {@link BalanceKernelChecks}; ipvsadm reads back what lvsmon
 * wrote over netlink. Policy: floor 1, ceiling 100, full load 2.0 per CPU, no smoothing, dead-band
 * or slow start, step 100, so each step lands on its target.
 */
class BalanceKernelSystemIT {
  private static Map<String, String> steps;

  @BeforeAll
  static void runInsideTheKernel() {
    IpvsVm.Result r = IpvsVm.runMain(BalanceKernelChecks.class, Duration.ofMinutes(3));
    System.out.println("[BalanceKernelSystemIT] one boot, " + r.elapsed().toMillis() + " ms");
    assertThat(r.exit()).as("test-fixtures/ipvs-vm/run.sh failed (%s):\n%s", IpvsVm.PREREQUISITES, r.stderr())
        .isNotEqualTo(IpvsVm.HARNESS_FAILED);
    assertThat(r.exit()).as("BalanceKernelChecks; stderr:\n%s\nstdout:\n%s", r.stderr(), r.stdout()).isZero();
    steps = r.sections();
    assertThat(steps).containsKey("end");
  }

  private static String rs(String step, int node) {
    return steps.get(step).lines().filter(l -> l.contains("-r 10.0.0." + node + ":22")).findFirst().orElse("(absent)");
  }

  @Test
  void weightsFollowLoad_absolutely() {
    assertThat(rs("start", 1)).isEqualTo("-a -t 10.99.0.1:22 -r 10.0.0.1:22 -g -w 100");
    assertThat(rs("loads", 1)).contains("-w 100");
    assertThat(rs("loads", 2)).contains("-w 51"); // 1 + 99 * (1 - 1.0/2.0), rounded
    assertThat(rs("loads", 3)).contains("-w 1"); // above full load: the floor, never 0
  }

  @Test
  void failingServer_isQuiesced_notDeleted_andComesBackAtTheFloorThenItsTarget() {
    assertThat(rs("n2-down", 2)).isEqualTo("-a -t 10.99.0.1:22 -r 10.0.0.2:22 -g -w 0");
    assertThat(rs("n2-back", 2)).contains("-w 1"); // back from 0: the floor first
  }

  @Test
  void drift_isRepaired_andOnlyTheWeightIsWritten() {
    assertThat(rs("drift-repaired", 1)).isEqualTo("-a -t 10.99.0.1:22 -r 10.0.0.1:22 -g -w 100");
    // ipvsadm --thresholds (no weights shown): forwarding and the 500/100 thresholds as they were set
    for (String step : new String[] {"loads", "n2-down", "drift-repaired", "n2-back"}) {
      assertThat(steps.get(step + "/thresholds")).as(step).isEqualTo(steps.get("start/thresholds"))
          .containsPattern("10\\.0\\.0\\.1:22 +500 +100 ");
    }
  }

  @Test
  void realServerDeletedByHand_isAddedBack() {
    assertThat(rs("n3-re-added", 3)).startsWith("-a -t 10.99.0.1:22 -r 10.0.0.3:22 -g -w 1");
  }

  @Test
  void wholePoolFailingAtOnce_keepsTheWeights() {
    for (int n = 1; n <= 3; n++) {
      assertThat(rs("all-down-fail-static", n)).isEqualTo(rs("n3-re-added", n));
    }
  }
}
