package org.lvsmon.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvsmon.config.KeywordRegistry;
import org.lvsmon.config.MonConfig;
import org.lvsmon.config.MonConfigParser;
import org.lvsmon.config.ServiceRef;
import org.lvsmon.control.DisabledState;
import org.lvsmon.service.OpStatus;
import org.lvsmon.service.PeriodState;
import org.lvsmon.service.ServiceState;

class MonStateFilesTest {
  @TempDir Path dir;

  private static final ServiceRef GS = new ServiceRef("g", "s");

  private static MonConfig config() throws Exception {
    return new MonConfigParser(new KeywordRegistry()).parse("""
        hostgroup g h1 h2

        watch g
            service s
                interval 10s
                monitor x.monitor
                period wd {Sun-Sat}
                    alert mail.alert admin
        """, Path.of("t.cf"));
  }

  @Test
  void disabled_isWrittenInMonsFormat_andReadBack() throws Exception {
    DisabledState d = new DisabledState(Set.of("h1"), Set.of("g"), Set.of(GS));
    MonStateFiles.writeDisabled(dir, d);
    assertThat(Files.readString(dir.resolve("disabled")))
        .isEqualTo("disable host h1\ndisable watch g\ndisable service g s\n");
    assertThat(MonStateFiles.readDisabled(dir)).isEqualTo(d);
  }

  @Test
  void disabled_readsMonsOwnFile_skippingOtherLines() throws Exception {
    Files.writeString(dir.resolve("disabled"), "# a comment\ndisable host h1 h2\ndisable   watch g\ngarbage\n"
        + "disable service g s\ndisable service onlygroup\n");
    DisabledState d = MonStateFiles.readDisabled(dir);
    assertThat(d.hosts()).containsExactly("h1", "h2");
    assertThat(d.watches()).containsExactly("g");
    assertThat(d.services()).containsExactly(GS);
  }

  @Test
  void opstatus_roundTripsTheStateMonSaves_withEscapedTexts() throws Exception {
    MonConfig config = config();
    ServiceState initial = ServiceState.initial(config.service(GS).orElseThrow());
    Instant t = Instant.ofEpochSecond(1795310965);
    ServiceState failing = new ServiceState(OpStatus.FAIL, OpStatus.OK, 1, 3, 7, 2, t, t.plusSeconds(20),
        t.minusSeconds(60), t.plusSeconds(20), 1, "h1 h2", "h1 refused\th2 timed out", "h1 h2\nh1 refused",
        "h1 h2\nh1 refused", t.plusSeconds(5), "alice: on it", Instant.EPOCH, null, false,
        Map.of("wd {Sun-Sat}", new PeriodState(t, 2, Instant.EPOCH, 0, 0)));
    MonStateFiles.writeOpstatus(dir, config, Map.of(GS, failing), ref -> "");
    String line = Files.readString(dir.resolve("opstatus"));
    assertThat(line).startsWith("group=g\tservice=s\top_status=0\tfailure_count=7\talert_count=2\t")
        .contains("\tlast_summary=h1\\20h2\t", "\tack_comment=alice:\\20on\\20it\t",
            "\twd\\20{Sun-Sat}:alert_sent=2".replace("\\20", " ")).endsWith("\n");

    Map<ServiceRef, ServiceState> current = new LinkedHashMap<>();
    current.put(GS, initial);
    ServiceState read = MonStateFiles.readOpstatus(dir, config, current).get(GS);
    assertThat(read.opStatus()).isEqualTo(OpStatus.FAIL);
    assertThat(read.lastOpStatus()).isEqualTo(OpStatus.OK);
    assertThat(read.failureCount()).isEqualTo(7);
    assertThat(read.consecutiveFailures()).isEqualTo(3);
    assertThat(read.firstFailure()).isEqualTo(t);
    assertThat(read.lastSummary()).isEqualTo("h1 h2");
    assertThat(read.lastDetail()).isEqualTo("h1 refused\th2 timed out");
    assertThat(read.ackComment()).isEqualTo("alice: on it");
    assertThat(read.exitValue()).isEqualTo(1);
    assertThat(read.period("wd {Sun-Sat}").alertsSent()).isEqualTo(2);
    assertThat(read.period("wd {Sun-Sat}").lastAlert()).isEqualTo(t);
  }

  @Test
  void opstatus_skipsServicesThatNoLongerExist_andGarbageFields() throws Exception {
    MonConfig config = config();
    Files.writeString(dir.resolve("opstatus"), "group=gone\tservice=x\top_status=0\n"
        + "group=g\tservice=s\top_status=banana\tfailure_count=99999999999\tnoequals\n");
    Map<ServiceRef, ServiceState> current = Map.of(GS, ServiceState.initial(config.service(GS).orElseThrow()));
    Map<ServiceRef, ServiceState> read = MonStateFiles.readOpstatus(dir, config, current);
    assertThat(read).containsOnlyKeys(GS);
    assertThat(read.get(GS).opStatus()).isEqualTo(OpStatus.UNTESTED);
    assertThat(read.get(GS).failureCount()).isZero();
    assertThat(List.of(Files.readAllLines(dir.resolve("opstatus")).size())).containsExactly(2);
  }
}
