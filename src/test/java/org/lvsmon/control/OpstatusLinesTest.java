package org.lvsmon.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lvsmon.control.Fixture.service;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.lvsmon.config.Service;
import org.lvsmon.service.OpStatus;
import org.lvsmon.service.ServiceState;

/** The remembered opstatus lines: the same text as {@link OpstatusLine}, formatted again whenever an input changed. */
class OpstatusLinesTest {
  private static final Instant NOW = Instant.ofEpochSecond(1795311497);
  private final Service ssh = service("login", "ssh");
  private final ServiceState failing = StateBuilder.of(ssh).status(OpStatus.FAIL, OpStatus.FAIL).exit(1)
      .checked(1795311497, 1).failing(1795311487, 1795311493).build();
  private final OpstatusLines lines = new OpstatusLines();

  private static ServiceStatus status(Service s, ServiceState st, long timer, boolean running, String trapHost) {
    return new ServiceStatus(s, st, timer, running, 0, trapHost);
  }

  @Test
  void unchangedInputs_sameSecond_reuseTheLine() {
    String first = lines.of(status(ssh, failing, 3, false, ""), NOW);

    String again = lines.of(status(ssh, failing, 3, false, ""), NOW.plusMillis(900));

    assertThat(again).isSameAs(first).isEqualTo(OpstatusLine.of(status(ssh, failing, 3, false, ""), NOW));
  }

  @Test
  void eachChangedInput_formatsTheLineAgain() {
    ServiceStatus base = status(ssh, failing, 3, false, "");
    lines.of(base, NOW);
    Service reparsed = Fixture.parse(Fixture.CONFIG).service(ssh.ref()).orElseThrow(); // a reset's new config
    ServiceState acked = StateBuilder.of(ssh).status(OpStatus.FAIL, OpStatus.FAIL).exit(1)
        .checked(1795311497, 1).failing(1795311487, 1795311493).acked(1795311495, "looking").build();

    for (ServiceStatus changed : new ServiceStatus[] {status(ssh, acked, 3, false, ""), status(ssh, failing, 2, false, ""),
        status(ssh, failing, 3, true, ""), status(ssh, failing, 3, false, "10.0.0.9"),
        status(reparsed, failing, 3, false, "")}) {
      assertThat(lines.of(changed, NOW)).isEqualTo(OpstatusLine.of(changed, NOW));
      lines.of(base, NOW);
    }
  }

  @Test
  void nextSecond_countsFailureDurationOnward() {
    ServiceStatus s = status(ssh, failing, 3, false, "");
    lines.of(s, NOW);

    assertThat(lines.of(s, NOW.plusSeconds(1))).endsWith(" failure_duration=11")
        .isEqualTo(OpstatusLine.of(s, NOW.plusSeconds(1)));
  }
}
