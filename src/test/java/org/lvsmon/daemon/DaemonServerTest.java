package org.lvsmon.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvsmon.balance.BalancePlan;
import org.lvsmon.config.ConfigException;
import org.lvsmon.config.KeywordRegistry;
import org.lvsmon.config.MonConfig;
import org.lvsmon.config.MonConfigParser;
import org.lvsmon.config.RunOptions;
import org.lvsmon.config.ServiceRef;
import org.lvsmon.config.Settings;
import org.lvsmon.control.MonServer;
import org.lvsmon.control.MonServer.StateKind;
import org.lvsmon.ipvs.netlink.NetlinkIpvs;

/** The daemon's MonServer over a real (stopped) daemon: state files, reset and test config. */
class DaemonServerTest {
  @TempDir Path dir;
  private Daemon daemon;

  @AfterEach
  void close() {
    if (daemon != null) {
      daemon.close();
    }
  }

  private MonConfig parse(String extra) throws ConfigException {
    return new MonConfigParser(new KeywordRegistry()).parse("statedir = " + dir + "\nlogdir = " + dir + "\n"
        + "mondir = " + dir + "\nalertdir = " + dir + "\n\nhostgroup g h1 h2\n\nwatch g\n    service s\n"
        + "        interval 1h\n        monitor x.monitor\n" + extra, dir.resolve("mon.cf"));
  }

  private boolean journal;

  private MonServer start(Daemon.ConfigLoader loader) throws Exception {
    MonConfig config = parse("");
    Settings settings = Settings.resolve(config, RunOptions.NONE, Settings.BuiltinDirs.NONE, Files::isDirectory);
    daemon = Daemon.start(config, settings, Clock.systemUTC(), new BalancePlan(List.of(), List.of()), null,
        NetlinkIpvs::open, new Daemon.Startup(true, loader, null, false, journal,
        dir.resolve("mail.conf")));
    return daemon.server();
  }

  @Test
  void disabling_rewritesTheDisabledFile_andLoadstateReadsItBack() throws Exception {
    MonServer server = start(() -> parse(""));
    assertThat(server.disableHosts(List.of("h2"))).isEmpty();
    assertThat(server.setServiceDisabled(new ServiceRef("g", "s"), true, "bob")).isTrue();
    assertThat(Files.readString(dir.resolve("disabled"))).isEqualTo("disable host h2\ndisable service g s\n");

    server.enableHosts(List.of("h2"));
    server.setServiceDisabled(new ServiceRef("g", "s"), false, "bob");
    assertThat(server.disabled().hosts()).isEmpty();
    Files.writeString(dir.resolve("disabled"), "disable host h1\ndisable watch g\ndisable watch nosuch\n");
    server.loadState(Set.of(StateKind.DISABLED));
    assertThat(server.disabled().hosts()).containsExactly("h1");
    assertThat(server.disabled().watches()).containsExactly("g");
  }

  @Test
  void savestateOpstatus_writesEveryService() throws Exception {
    MonServer server = start(() -> parse(""));
    server.saveState(Set.of(StateKind.OPSTATUS));
    assertThat(Files.readString(dir.resolve("opstatus"))).startsWith("group=g\tservice=s\top_status=7\t");
  }

  @Test
  void reset_readsTheConfigAgain_keepingDisabledServicesOnlyWithKeepstate() throws Exception {
    AtomicReference<String> extra = new AtomicReference<>("");
    MonServer server = start(() -> parse(extra.get()));
    server.setServiceDisabled(new ServiceRef("g", "s"), true, "bob");
    extra.set("    service t\n        interval 1h\n        monitor x.monitor\n");

    assertThat(server.reset(false, true)).isTrue();
    assertThat(server.services()).hasSize(2);
    assertThat(server.disabled().services()).containsExactly(new ServiceRef("g", "s"));

    assertThat(server.reset(false, false)).isTrue();
    assertThat(server.disabled().services()).isEmpty();
    assertThat(server.stoppedSince()).as("started stopped (-S), and reset does not start it").isPresent();
  }

  @Test
  void aBadConfig_failsResetAndTestConfig_andTheRunningConfigStays() throws Exception {
    AtomicReference<Boolean> bad = new AtomicReference<>(false);
    MonServer server = start(() -> bad.get() ? parse("        interval banana\n") : parse(""));
    bad.set(true);
    assertThat(server.testConfig()).singleElement().asString().contains("mon.cf:", "banana");
    assertThat(server.reset(false, false)).isFalse();
    assertThat(server.services()).hasSize(1);
  }

  @Test
  void maxkeepAndStop_areTheEnginesOwn() throws Exception {
    MonServer server = start(() -> parse(""));
    server.setMaxKeep(7);
    assertThat(server.maxKeep()).isEqualTo(7);
    server.setStopped(false);
    assertThat(server.stoppedSince()).isEmpty();
    assertThat(server.get(new ServiceRef("g", "s"), "interval")).contains("3600");
    assertThat(server.get(new ServiceRef("g", "x"), "interval")).isEmpty();
  }

  @Test
  void theJournal_keepsWhatClientsDisabled_acrossARestart_unlessForgotten() throws Exception {
    journal = true;
    MonServer server = start(() -> parse(""));
    server.disableHosts(List.of("h2"));
    server.setWatchDisabled("g", true);
    server.setServiceDisabled(new ServiceRef("g", "s"), true, "bob");
    daemon.close();
    assertThat(dir.resolve("lvsmon-state.json")).exists();

    server = start(() -> parse(""));
    assertThat(server.disabled().hosts()).containsExactly("h2");
    assertThat(server.disabled().watches()).containsExactly("g");
    assertThat(server.disabled().services()).containsExactly(new ServiceRef("g", "s"));
    daemon.close();

    journal = false; // lvsmon run --forget: mon's behaviour
    server = start(() -> parse(""));
    assertThat(server.disabled().hosts()).isEmpty();
  }

  @Test
  void aCorruptJournal_isMovedAside_andTheDaemonStartsClean() throws Exception {
    journal = true;
    Files.writeString(dir.resolve("lvsmon-state.json"), "{\"version\": 1, \"services\": [{\"opstatus\": 99}]");
    MonServer server = start(() -> parse(""));
    assertThat(server.services()).hasSize(1);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("lvsmon-state.json.bad-"));
    }
  }

  @Test
  void sighupReload_appliesAValidConfig_andRefusesABadOne() throws Exception {
    AtomicReference<String> extra = new AtomicReference<>("");
    MonServer server = start(() -> parse(extra.get()));
    server.disableHosts(List.of("h2"));
    extra.set("        interval banana\n");
    assertThat(daemon.reload()).isFalse();
    extra.set("    service t\n        interval 1h\n        monitor x.monitor\n");
    assertThat(daemon.reload()).isTrue();
    assertThat(server.services()).extracting(s -> s.name()).containsExactly("s", "t");
    assertThat(server.disabled().hosts()).containsExactly("h2");
  }
}
