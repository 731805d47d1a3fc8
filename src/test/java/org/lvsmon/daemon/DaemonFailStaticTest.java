package org.lvsmon.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvsmon.balance.BalancePlan;
import org.lvsmon.balance.BalanceSpec;
import org.lvsmon.config.KeywordRegistry;
import org.lvsmon.config.MonConfig;
import org.lvsmon.config.MonConfigParser;
import org.lvsmon.config.RunOptions;
import org.lvsmon.config.Settings;
import org.lvsmon.ipvs.ForwardingMethod;
import org.lvsmon.ipvs.RealServer;
import org.lvsmon.ipvs.ServiceKey;
import org.lvsmon.ipvs.VirtualService;
import org.lvsmon.ipvs.memory.MemoryIpvs;
import org.lvsmon.service.FailStaticAlerts;

/**
 * The whole daemon: a {@code balance} service whose monitor (a real script) reports every real
 * server failing at once keeps the kernel's weights and calls its fail-static alert (a real
 * script), and calls the up form once the servers answer again.
 */
class DaemonFailStaticTest {
  @TempDir Path dir;
  private Daemon daemon;

  @AfterEach
  void close() {
    if (daemon != null) {
      daemon.close();
    }
  }


  @Test
  void allServersFailingAtOnce_keepsTheWeights_andCallsTheFailStaticAlert_thenItsUpForm() throws Exception {
    // the monitor fails both hosts while the file "down" exists
    TestScripts.write(dir, "flip.monitor", "if [ -e " + dir.resolve("down") + " ]; then echo 127.0.0.1 127.0.0.2; exit 1; fi\n"
        + "echo ok; exit 0\n");
    TestScripts.write(dir, "rec.alert", "{ echo \"$LVSMON_EVENT|$MON_ALERTTYPE|$*\"; head -n 1; } | tr '\\n' '|' >> "
        + dir.resolve("calls") + "; echo >> " + dir.resolve("calls") + "\n");
    Files.createFile(dir.resolve("down"));
    KeywordRegistry keywords = new KeywordRegistry();
    BalanceSpec.register(keywords);
    FailStaticAlerts.register(keywords);
    MonConfig config = new MonConfigParser(keywords).parse("statedir = " + dir + "\nlogdir = " + dir + "\n"
        + "mondir = " + dir + "\nalertdir = " + dir + "\n\nhostgroup g 127.0.0.1 127.0.0.2\n\nwatch g\n"
        + "    service s\n        interval 1s\n        monitor flip.monitor\n"
        + "        balance tcp 10.99.0.1:22 slowstart=1s\n"
        + "        period wd {Sun-Sat}\n            failstaticalert rec.alert -x\n", dir.resolve("mon.cf"));
    MemoryIpvs ipvs = new MemoryIpvs();
    ServiceKey vip = ServiceKey.tcp("10.99.0.1", 22);
    ipvs.addService(VirtualService.of(vip, "wlc"));
    for (String h : List.of("127.0.0.1", "127.0.0.2")) {
      ipvs.addRealServer(vip, RealServer.of(new InetSocketAddress(h, 22), ForwardingMethod.ROUTE, 40));
    }
    Settings settings = Settings.resolve(config, RunOptions.NONE, Settings.BuiltinDirs.NONE, Files::isDirectory);
    daemon = Daemon.start(config, settings, false, Clock.systemUTC(), BalancePlan.of(config), ipvs, null);

    List<String> held = awaitCalls(1);
    assertThat(held.get(0)).startsWith("failstatic|failure|-s s -g g -h 127.0.0.1 127.0.0.2 -t ")
        .endsWith(" -x|FAIL-STATIC: weights of TCP 10.99.0.1:22 held|");
    assertThat(ipvs.realServers(vip)).extracting(RealServer::weight).containsExactly(40, 40);

    Files.delete(dir.resolve("down"));
    List<String> both = awaitCalls(2);
    assertThat(both.get(1)).startsWith("failstatic|up|-s s -g g -h 127.0.0.1 127.0.0.2 -t ")
        .contains(" -u -x|fail-static over: weights of TCP 10.99.0.1:22 follow the results again|");
    assertThat(Files.readAllLines(dir.resolve("calls"))).hasSize(2); // once per transition, not per result
  }

  @Test
  void sighup_withChangedBalanceLines_followsTheNewCeiling_andQuiescesAHostTakenOut() throws Exception {
    TestScripts.write(dir, "ok.monitor", "echo ok; exit 0\n");
    KeywordRegistry keywords = new KeywordRegistry();
    BalanceSpec.register(keywords);
    java.util.concurrent.atomic.AtomicReference<String> balance = new java.util.concurrent.atomic.AtomicReference<>(
        "127.0.0.1 127.0.0.2|ceiling=100");
    org.lvsmon.daemon.Daemon.ConfigLoader loader = () -> {
      String[] v = balance.get().split("\\|");
      return new MonConfigParser(keywords).parse("statedir = " + dir + "\nlogdir = " + dir + "\nmondir = " + dir
          + "\nalertdir = " + dir + "\n\nhostgroup g " + v[0] + "\n\nwatch g\n    service s\n        interval 1s\n"
          + "        monitor ok.monitor\n        balance tcp 10.99.0.1:22 slowstart=0s " + v[1] + "\n",
          dir.resolve("mon.cf"));
    };
    MonConfig config = loader.load();
    MemoryIpvs ipvs = new MemoryIpvs();
    ServiceKey vip = ServiceKey.tcp("10.99.0.1", 22);
    ipvs.addService(VirtualService.of(vip, "wlc"));
    Settings settings = Settings.resolve(config, RunOptions.NONE, Settings.BuiltinDirs.NONE, Files::isDirectory);
    daemon = Daemon.start(config, settings, Clock.systemUTC(), BalancePlan.of(config), ipvs, () -> ipvs,
        new Daemon.Startup(false, loader, null, false, false, dir.resolve("mail.conf")));
    awaitWeights(ipvs, vip, List.of(100, 100));

    balance.set("127.0.0.1 127.0.0.2|ceiling=60");
    assertThat(daemon.reload()).isTrue();
    awaitWeights(ipvs, vip, List.of(60, 60));
    balance.set("127.0.0.1|ceiling=60");
    assertThat(daemon.reload()).isTrue();

    assertThat(ipvs.realServers(vip)).as("taken out: quiesced at once, still in the table")
        .extracting(r -> r.endpoint().getAddress().getHostAddress() + "=" + r.weight())
        .containsExactlyInAnyOrder("127.0.0.1=60", "127.0.0.2=0");
  }

  private static void awaitWeights(MemoryIpvs ipvs, ServiceKey vip, List<Integer> want) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    List<Integer> have = List.of();
    while (Instant.now().isBefore(deadline)) {
      have = ipvs.realServers(vip).stream().sorted(java.util.Comparator.comparing(r -> r.endpoint().toString()))
          .map(RealServer::weight).toList();
      if (have.equals(want)) {
        return;
      }
      Thread.sleep(50); // results come from a real monitor script every second
    }
    throw new AssertionError("weights " + have + ", not " + want + ", after 20 s");
  }

  private List<String> awaitCalls(int n) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    Path calls = dir.resolve("calls");
    while (Instant.now().isBefore(deadline)) {
      if (Files.exists(calls) && Files.readAllLines(calls).size() >= n) {
        return Files.readAllLines(calls);
      }
      Thread.sleep(50); // polling a file a child process writes; no clock to inject into the child
    }
    throw new AssertionError("fewer than " + n + " fail-static alert calls within 20 s: "
        + (Files.exists(calls) ? Files.readAllLines(calls) : "none"));
  }
}
