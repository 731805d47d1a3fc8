package org.lvsmon.monitor.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lvsmon.config.CommandLine;
import org.lvsmon.config.MonitorCommand;
import org.lvsmon.config.ServiceRef;
import org.lvsmon.monitor.CheckResult;
import org.lvsmon.monitor.LoopbackServer;
import org.lvsmon.monitor.MonitorRequest;
import org.lvsmon.monitor.ParallelProbes;

/** tcp.monitor against loopback sockets: open, closed, SYN-dropping (full accept queue), unresolvable. */
class TcpMonitorTest {
  private static final InetAddress LO = LoopbackServer.loopback(1);
  private static ParallelProbes probes;
  private final List<AutoCloseable> servers = new ArrayList<>();
  private final Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

  @BeforeAll
  static void pool() {
    probes = new ParallelProbes("tcptest", 16);
  }

  @AfterAll
  static void stopPool() {
    probes.close();
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable s : servers) {
      s.close();
    }
  }

  private <T extends AutoCloseable> T keep(T s) {
    servers.add(s);
    return s;
  }

  private CheckResult check(String... args) throws InterruptedException {
    return new TcpMonitor(probes, clock).check(List.of(args), null);
  }

  @Test
  void openPort_passesWithNoOutput() throws Exception {
    ServerSocket open = keep(new ServerSocket(0, 50, LO));

    CheckResult r = check("-p", "" + open.getLocalPort(), "127.0.0.1", "localhost");

    assertThat(r.exitValue()).isZero();
    assertThat(r.output()).isEmpty();
    assertThat(r.started()).isEqualTo(clock.instant());
  }

  @Test
  void closedPort_failsWithMonsExactOutput() throws Exception {
    int port = LoopbackServer.closedPort(LO);

    CheckResult r = check("-p", "" + port, "127.0.0.1");

    assertThat(r.exitValue()).isEqualTo(1);
    assertThat(r.output()).isEqualTo("127.0.0.1\n\n127.0.0.1 could not connect: Connection refused\n");
  }

  @Test
  void unresolvableNames_couldNotInetAton() throws Exception {
    // "bad..name" fails inside the resolver before any DNS query; "::1" is IPv6, which inet_aton refuses
    CheckResult r = check("-p", "1", "bad..name", "::1", "");

    assertThat(r.output()).isEqualTo(" ::1 bad..name\n\nbad..name could not inet_aton\n::1 could not inet_aton\n could not inet_aton\n");
  }

  @Test
  void synDropped_timesOutAtTheDeadline() throws Exception {
    LoopbackServer full = keep(LoopbackServer.fullBacklog(LO, 0));

    long t0 = System.nanoTime();
    CheckResult r = check("-p", "" + full.port(), "-t", "0.3", "127.0.0.1");
    Duration took = Duration.ofNanos(System.nanoTime() - t0);

    assertThat(r.output()).isEqualTo("127.0.0.1\n\n127.0.0.1 timeout\n");
    assertThat(took).isBetween(Duration.ofMillis(250), Duration.ofSeconds(3));
  }

  @Test
  void manySilentHosts_timeOutInParallel_notOneAfterAnother() throws Exception {
    int port = LoopbackServer.closedPort(LoopbackServer.loopback(10));
    List<String> args = new ArrayList<>(List.of("-p", "" + port, "-t", "0.3"));
    StringBuilder details = new StringBuilder();
    for (int n = 10; n < 18; n++) {
      keep(LoopbackServer.fullBacklog(LoopbackServer.loopback(n), port));
      args.add("127.0.0." + n);
      details.append("127.0.0.").append(n).append(" timeout\n");
    }

    long t0 = System.nanoTime();
    CheckResult r = new TcpMonitor(probes, clock).check(args, null);
    Duration took = Duration.ofNanos(System.nanoTime() - t0);

    assertThat(r.output()).isEqualTo(String.join(" ", args.subList(4, args.size())) + "\n\n" + details);
    // mon's script needs 8 x 0.3 s = 2.4 s (it probes one host after the other)
    assertThat(took).isLessThan(Duration.ofMillis(1800));
  }

  @Test
  void summaryIsSortedAsPerlSorts_detailsKeepArgumentOrder_duplicatesKept() throws Exception {
    int port = LoopbackServer.closedPort(LO);

    CheckResult r = check("-p", "" + port, "localhost", "127.0.0.1", "127.1", "localhost");

    assertThat(r.output()).isEqualTo("127.0.0.1 127.1 localhost localhost\n\n"
        + "localhost could not connect: Connection refused\n"
        + "127.0.0.1 could not connect: Connection refused\n"
        + "127.1 could not connect: Connection refused\n"
        + "localhost could not connect: Connection refused\n");
  }

  @Test
  void boundedPool_eachHostGetsItsWholeDeadlineFromWhenItStarts() throws Exception {
    LoopbackServer full = keep(LoopbackServer.fullBacklog(LO, 0));
    try (ParallelProbes two = new ParallelProbes("tcptwo", 2)) {
      long t0 = System.nanoTime();
      CheckResult r = new TcpMonitor(two, clock).check(
          List.of("-p", "" + full.port(), "-t", "0.2", "127.0.0.1", "127.0.0.1", "127.0.0.1", "127.0.0.1", "127.0.0.1", "127.0.0.1"), null);
      Duration took = Duration.ofNanos(System.nanoTime() - t0);

      assertThat(r.detail()).isEqualTo("\n" + "127.0.0.1 timeout\n".repeat(6));
      // 6 hosts on 2 threads: three rounds of 0.2 s
      assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(580)).isLessThan(Duration.ofSeconds(3));
      assertThat(two.threads()).isLessThanOrEqualTo(2);
    }
  }

  @Test
  void monitorTimeoutCap_endsTheRunEarly() throws Exception {
    LoopbackServer full = keep(LoopbackServer.fullBacklog(LO, 0));

    long t0 = System.nanoTime();
    CheckResult r = new TcpMonitor(probes, clock).check(List.of("-p", "" + full.port(), "-t", "20", "127.0.0.1"), Duration.ofMillis(300));
    Duration took = Duration.ofNanos(System.nanoTime() - t0);

    assertThat(r.output()).isEqualTo("127.0.0.1\n\n127.0.0.1 timeout\n");
    assertThat(took).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void usageError_exitsTwoAndSaysWhy() throws Exception {
    CheckResult r = check("-p", "ssh", "127.0.0.1");

    assertThat(r.exitValue()).isEqualTo(2);
    assertThat(r.output()).isEqualTo("tcp.monitor: -p: bad port \"ssh\" (expected a number 1-65535)\n");
  }

  @Test
  void noHosts_passes() throws Exception {
    CheckResult r = check("-p", "22");

    assertThat(r.exitValue()).isZero();
    assertThat(r.output()).isEmpty();
  }

  @Test
  void run_takesTheRequestsArgumentsAndHosts() throws Exception {
    int port = LoopbackServer.closedPort(LO);
    MonitorRequest req = MonitorRequest.of(new ServiceRef("login", "tcp"), Path.of("/usr/lib/lvsmon/mon.d/tcp.monitor"),
        new MonitorCommand(new CommandLine("tcp.monitor", List.of("-p", "" + port), "-p " + port), true, "tcp.monitor -p " + port),
        List.of("127.0.0.1"), Map.of());

    CheckResult r = new TcpMonitor(probes, clock).run(req);

    assertThat(r.output()).isEqualTo("127.0.0.1\n\n127.0.0.1 could not connect: Connection refused\n");
  }

  @Test
  void interruptingTheCaller_stopsTheRun() throws Exception {
    LoopbackServer full = keep(LoopbackServer.fullBacklog(LO, 0));
    Thread[] caller = new Thread[1];
    CompletableFuture<CheckResult> f = CompletableFuture.supplyAsync(() -> {
      caller[0] = Thread.currentThread();
      try {
        return new TcpMonitor(probes, clock).check(List.of("-p", "" + full.port(), "-t", "30", "127.0.0.1"), null);
      } catch (InterruptedException e) {
        throw new IllegalStateException("interrupted", e);
      }
    });
    while (caller[0] == null || probes.threads() == 0) {
      Thread.onSpinWait();
    }

    caller[0].interrupt();

    assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .hasRootCauseInstanceOf(InterruptedException.class);
  }
}
