package org.lvsmon.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvsmon.config.ServiceRef;
import org.lvsmon.control.DisabledState;
import org.lvsmon.service.OpStatus;
import org.lvsmon.service.PeriodState;
import org.lvsmon.service.ServiceState;

class StateJournalTest {
  @TempDir Path dir;

  private static final Instant T = Instant.ofEpochSecond(1796450000);

  @Test
  void aSnapshot_roundTrips_exactly() throws Exception {
    ServiceState failing = new ServiceState(OpStatus.FAIL, OpStatus.OK, 1, 3, 7, 2, T, T.plusSeconds(20),
        T.minusSeconds(60), T.plusSeconds(20), 1, "h1 h2", "detail\nline", "h1 h2\ndetail\nline", "out", T.plusSeconds(5),
        "alice: on it", Instant.EPOCH, true, true, Map.of("wd {Sun-Sat}", new PeriodState(T, 2, T, 1, 0)));
    ServiceState untested = new ServiceState(OpStatus.UNTESTED, OpStatus.UNTESTED, null, 0, 0, 0, null, Instant.EPOCH,
        Instant.EPOCH, null, -1, null, null, null, null, Instant.EPOCH, "", Instant.EPOCH, null, false, Map.of());
    StateJournal.Snapshot s = new StateJournal.Snapshot(T,
        Map.of(new ServiceRef("g", "s"), failing, new ServiceRef("g", "t"), untested),
        new DisabledState(Set.of("h2"), Set.of("w"), Set.of(new ServiceRef("g", "t"))), Map.of("node3", "kernel update"),
        java.util.List.of(new StateJournal.Weight(new ServiceRef("g", "s"), "tcp:10.0.0.1:22", "10.0.0.11:22", "h1", 37),
            new StateJournal.Weight(new ServiceRef("g", "s"), "tcp:10.0.0.1:22", "10.0.0.12:22", "h2", 0)));
    StateJournal j = new StateJournal(dir);
    j.write(s);
    assertThat(j.read()).contains(s);
  }

  @Test
  void noFile_isNoState() {
    assertThat(new StateJournal(dir).read()).isEmpty();
  }

  @Test
  void garbage_anotherVersion_orABadValue_areMovedAside() throws Exception {
    StateJournal j = new StateJournal(dir);
    for (String text : new String[] {"not json", "[]", "{\"version\": 2}",
        "{\"version\": 1, \"services\": [{\"group\": \"g\", \"service\": \"s\", \"opstatus\": 42}]}",
        "{\"version\": 1, \"weights\": [{\"group\": \"g\", \"service\": \"s\", \"weight\": \"heavy\"}]}"}) {
      Files.writeString(j.file(), text);
      assertThat(j.read()).as(text).isEmpty();
      assertThat(j.file()).as("moved aside: " + text).doesNotExist();
    }
    try (var files = Files.list(dir)) {
      assertThat(files.filter(p -> p.getFileName().toString().startsWith("lvsmon-state.json.bad-"))).isNotEmpty();
    }
  }
}
