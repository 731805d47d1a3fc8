package org.lvsmon.ipvs.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * lvsmon's {@code lvs.alert} as mon.cf's alert and upalert, run by the whole daemon on a real kernel
 * (UML): the failing hosts of the monitor's summary are quiesced (weight 0, not deleted), and
 * restored to {@code -W} on the upalert. The daemon runs the alert in-process.
 */
class LvsAlertKernelSystemIT {
  private static Map<String, String> out;

  @BeforeAll
  static void runInsideTheKernel() {
    String jar = System.getProperty("lvsmon.jar");
    assertThat(jar).as("system property lvsmon.jar (set by the system profile)").isNotNull();
    IpvsVm.Result r = IpvsVm.runMain(LvsAlertDaemonKernelChecks.class, Duration.ofMinutes(3), jar,
        Path.of("alerts").toAbsolutePath().toString());
    System.out.println("[LvsAlertKernelSystemIT] one boot, " + r.elapsed().toMillis() + " ms");
    assertThat(r.exit()).as("test-fixtures/ipvs-vm/run.sh failed (%s):\n%s", IpvsVm.PREREQUISITES, r.stderr())
        .isNotEqualTo(IpvsVm.HARNESS_FAILED);
    assertThat(r.exit()).as("LvsAlertDaemonKernelChecks; stderr:\n%s\nstdout:\n%s", r.stderr(), r.stdout()).isZero();
    out = r.sections();
    assertThat(out).as(r.stdout()).containsKey("end");
  }

  @Test
  void failingHostsOfTheSummary_areQuiesced_andTheUpalertRestoresThem() {
    String log = out.get("daemon-log");
    assertThat(out.get("two-failing")).as(log).contains("-r 10.0.0.2:22 -g -w 0").contains("-r 10.0.0.3:22 -g -w 0")
        .contains("-r 10.0.0.1:22 -g -w 30");
    assertThat(out.get("recovered")).as(log).contains("-r 10.0.0.2:22 -g -w 30").contains("-r 10.0.0.3:22 -g -w 30");
    assertThat(log).contains("is lvsmon's built-in lvs.alert: running it in-process");
  }
}
