package org.lvsmon.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rejected traps are logged at most once per sender per window, with a count of the rest. */
class RejectionLogTest {
  private final StepClock clock = new StepClock();
  private final List<String> lines = new ArrayList<>();
  private final RejectionLog log = new RejectionLog(lines::add, clock, Duration.ofSeconds(10));

  @Test
  void flood_fromOneSender_givesOneLinePerWindow_withTheCount() throws Exception {
    InetAddress a = InetAddress.getByName("192.0.2.1");
    for (int i = 0; i < 1000; i++) {
      log.rejected(a, "bad password for user \"alice\"");
    }
    assertThat(lines).containsExactly("[traps] rejected a trap from 192.0.2.1: bad password for user \"alice\"");
    clock.advance(Duration.ofSeconds(10));
    log.rejected(a, "unknown user \"bob\"");
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).isEqualTo("[traps] rejected a trap from 192.0.2.1: unknown user \"bob\""
        + " (999 more rejected from it since 2026-11-02T01:29:30Z)");
  }

  @Test
  void senders_areLimitedSeparately() throws Exception {
    log.rejected(InetAddress.getByName("192.0.2.1"), "r");
    log.rejected(InetAddress.getByName("192.0.2.2"), "r");
    log.rejected(InetAddress.getByName("192.0.2.1"), "r");
    assertThat(lines).hasSize(2);
  }

  @Test
  void spoofedSenderFlood_isBounded() throws Exception {
    for (int i = 0; i < 5000; i++) {
      log.rejected(InetAddress.getByAddress(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i}), "r");
    }
    assertThat(lines).hasSize(RejectionLog.MAX_SENDERS + 1);
    assertThat(lines.get(lines.size() - 1)).contains("(one of many senders)");
  }
}
