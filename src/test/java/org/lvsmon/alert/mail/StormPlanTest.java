package org.lvsmon.alert.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pure plan: entries, time and storm control in, sends naming the entries they cover out. */
class StormPlanTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final StormControl DIGEST_3_IN_10S =
      new StormControl(Optional.empty(), Optional.of(new StormControl.Digest(3, Duration.ofSeconds(10))));

  private static OutboxEntry entry(int n, String to, long secs) {
    MailMessage m = new MailMessage(Optional.empty(), List.of(to), "s" + n, "body " + n, T0.plusSeconds(secs));
    String id = String.format("%04d", n);
    return new OutboxEntry(id, "<" + id + ".lvsmon@d1>", T0.plusSeconds(secs), m, 0, T0.plusSeconds(secs), "", false);
  }

  private static List<List<String>> covered(StormPlan p) {
    List<List<String>> out = new ArrayList<>();
    p.sends().forEach(s -> out.add(s.covers().stream().map(OutboxEntry::id).toList()));
    return out;
  }

  @Test
  void off_eachDueEntryAlone_inOrder_noneHeld() {
    StormPlan p = StormPlan.plan(List.of(entry(1, "a", 0), entry(2, "a", 0)), T0, StormControl.OFF,
        StormPlan.CapWindow.NONE);

    assertThat(covered(p)).containsExactly(List.of("0001"), List.of("0002"));
    assertThat(p.sends()).noneMatch(StormPlan.Send::digest);
    assertThat(p.next()).isNull();
  }

  @Test
  void digest_onlySameRecipientsJoin_othersGoAlone() {
    List<OutboxEntry> es = List.of(entry(1, "ops", 0), entry(2, "db", 1), entry(3, "ops", 2), entry(4, "ops", 3));

    StormPlan p = StormPlan.plan(es, T0.plusSeconds(11), DIGEST_3_IN_10S, StormPlan.CapWindow.NONE);

    assertThat(covered(p)).containsExactly(List.of("0001", "0003", "0004"), List.of("0002"));
    assertThat(p.sends().get(0).mail().message().to()).containsExactly("ops");
  }

  @Test
  void digest_clustersCutAtTheWindow_laterOnesStillForming() {
    List<OutboxEntry> es = List.of(entry(1, "ops", 0), entry(2, "ops", 1), entry(3, "ops", 2), entry(4, "ops", 12));

    StormPlan p = StormPlan.plan(es, T0.plusSeconds(15), DIGEST_3_IN_10S, StormPlan.CapWindow.NONE);

    assertThat(covered(p)).containsExactly(List.of("0001", "0002", "0003"));
    assertThat(p.next()).isEqualTo(T0.plusSeconds(22));
  }

  @Test
  void entryInBackoff_waits_andSetsNext() {
    OutboxEntry e = entry(1, "ops", 0).failed(T0.plusSeconds(5), "451 try later");

    StormPlan p = StormPlan.plan(List.of(e), T0, StormControl.OFF, StormPlan.CapWindow.NONE);

    assertThat(p.sends()).isEmpty();
    assertThat(p.next()).isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void cap_windowOpensAtFirstPass_countsSends_holdsRest() {
    StormControl cap = new StormControl(Optional.of(new StormControl.Cap(1, Duration.ofMinutes(1))), Optional.empty());

    StormPlan p = StormPlan.plan(List.of(entry(1, "ops", 0), entry(2, "db", 0)), T0, cap, StormPlan.CapWindow.NONE);

    assertThat(covered(p)).containsExactly(List.of("0001"));
    assertThat(p.held()).extracting(OutboxEntry::id).containsExactly("0002");
    assertThat(p.window()).isEqualTo(new StormPlan.CapWindow(T0.plusSeconds(60), 0, 1));
    assertThat(p.next()).isEqualTo(T0.plusSeconds(60));
  }
}
