package org.lvsmon.monitor.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvsmon.monitor.CheckResult;
import org.lvsmon.monitor.HostMetrics;
import org.lvsmon.monitor.HostState;
import org.lvsmon.monitor.LoopbackServer;
import org.lvsmon.monitor.ParallelProbes;

/**
 * ssh-load.monitor against in-process MINA servers on loopback that run {@link FakeLoadCommand}:
 * sessions persist across runs, slow nodes are overloaded rather than down, a lost node is
 * reconnected with backoff, a changed host key fails loudly, and nothing leaks.
 */
class SshLoadMonitorTest {
  private static final InetAddress LO = LoopbackServer.loopback(1);
  private static KeyPair hostKey;
  private static KeyPair clientKey;
  private static ParallelProbes probes;

  @TempDir Path dir;
  private final List<AutoCloseable> closing = new ArrayList<>();
  private FakeLoadCommand fake;
  private TestSshd sshd;
  private SshLoadMonitor monitor;
  private Path identity;

  @BeforeAll
  static void keys() {
    hostKey = TestSshd.newKey();
    clientKey = TestSshd.newKey();
    probes = new ParallelProbes("ssh-load-test", 8);
  }

  @AfterAll
  static void stopPool() {
    probes.close();
  }

  @AfterEach
  void stop() throws Exception {
    if (monitor != null) {
      monitor.close();
    }
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  private TestSshd start(int port, KeyPair key) throws Exception {
    FakeLoadCommand f = fake != null ? fake : new FakeLoadCommand();
    fake = f;
    TestSshd d = TestSshd.start(LO, port, key, clientKey.getPublic(), s -> f.on(s));
    closing.add(d);
    return d;
  }

  private List<String> args(String... more) throws Exception {
    if (identity == null) {
      identity = KeyFiles.writePrivate(clientKey, Files.createTempFile(dir, "id", ""), null);
    }
    Path kh = Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + sshd.port() + " "
        + PublicKeyText.of(hostKey) + "\n");
    List<String> a = new ArrayList<>(List.of("-i", identity.toString(), "-k", kh.toString(), "-p", "" + sshd.port(),
        "-t", "1", "-b", "1", "-T", "5", "-e", "0.5"));
    a.addAll(List.of(more));
    a.add("127.0.0.1");
    return a;
  }

  private CheckResult check(List<String> args) throws InterruptedException {
    if (monitor == null) {
      // sessions idle: no allowance, so a host the current run does not ask for is closed at once
      monitor = new SshLoadMonitor(probes, new SshDefaults(dir, "tester"), Clock.systemUTC(), Duration.ZERO);
    }
    return monitor.check(args, null);
  }

  @Test
  void samples_overOneSessionAcrossRuns_withMetrics() throws Exception {
    sshd = start(0, hostKey);
    List<String> a = args();

    CheckResult first = check(a);
    fake.load = "2.00 1.00 0.50 3/200 99 0-7";
    CheckResult second = check(a);
    CheckResult third = check(a);

    assertThat(first.exitValue()).as(first.output()).isZero();
    assertThat(first.output()).isEqualTo("\n\n127.0.0.1 load 0.50 0.40 0.30 cpus 4 (0.13 per cpu)\n");
    HostMetrics m = second.metrics().get("127.0.0.1");
    assertThat(m.state()).isEqualTo(HostState.UP);
    assertThat(m.load1()).isEqualTo(2.0);
    assertThat(m.load5()).isEqualTo(1.0);
    assertThat(m.load15()).isEqualTo(0.5);
    assertThat(m.cpus()).isEqualTo(8);
    assertThat(m.normalizedLoad1()).isEqualTo(0.25);
    assertThat(third.exitValue()).isZero();
    assertThat(fake.started).as("one long-lived command for three samples").hasSize(1);
    assertThat(fake.started.get(0)).isEqualTo(LoadStream.DEFAULT_COMMAND);
    assertThat(monitor.openSessions()).isEqualTo(1);
  }

  @Test
  void threshold_failsHostsAboveIt_perCpu() throws Exception {
    sshd = start(0, hostKey);
    fake.load = "6.00 5.00 4.00 4"; // 1.5 per cpu

    CheckResult under = check(args("-L", "2"));
    CheckResult over = check(args("-L", "1.25"));

    assertThat(under.exitValue()).isZero();
    assertThat(over.exitValue()).isEqualTo(1);
    assertThat(over.output()).isEqualTo("127.0.0.1\n\n127.0.0.1 high load: 6.00 5.00 4.00 cpus 4 (1.50 per cpu)"
        + " above the threshold 1.25 per cpu\n");
    assertThat(over.metrics().get("127.0.0.1").state()).isEqualTo(HostState.UP);
  }

  @Test
  void slowNode_isOverloadedNotDown_keepsItsSession_andTheLateAnswerIsDropped() throws Exception {
    sshd = start(0, hostKey);
    check(args());
    fake.delayMillis = 900;
    fake.load = "9.00 9.00 9.00 1";

    CheckResult slow = check(args());
    CheckResult slowWithThreshold = check(args("-L", "5"));
    fake.delayMillis = 0;
    fake.load = "0.10 0.10 0.10 1";
    Thread.sleep(1000); // let the late answers arrive: they must not be taken for the next sample
    CheckResult back = check(args());

    assertThat(slow.exitValue()).as(slow.output()).isZero();
    assertThat(slow.output()).startsWith("\n\n127.0.0.1 overloaded: no load sample within 0.5s, but sshd sent its banner in ");
    assertThat(slow.metrics().get("127.0.0.1").state()).isEqualTo(HostState.OVERLOADED);
    assertThat(slowWithThreshold.exitValue()).isEqualTo(1);
    assertThat(slowWithThreshold.output()).startsWith("127.0.0.1\n\n127.0.0.1 overloaded: ");
    assertThat(back.metrics().get("127.0.0.1").load1()).isEqualTo(0.1);
    assertThat(fake.started).as("the session survived").hasSize(1);
  }

  @Test
  void lostNode_isRefused_thenBacksOff_thenComesBackOnANewSession() throws Exception {
    sshd = start(0, hostKey);
    int port = sshd.port();
    List<String> a = args();
    assertThat(check(a).exitValue()).isZero();

    sshd.close();
    CheckResult lost = check(a);
    CheckResult waiting = check(a);
    sshd = start(port, hostKey);
    Thread.sleep(1100); // the first backoff is 1 s
    CheckResult back = check(a);

    assertThat(lost.exitValue()).isEqualTo(1);
    assertThat(lost.output()).startsWith("127.0.0.1\n\n127.0.0.1 refused: connect to 127.0.0.1 port " + port);
    assertThat(lost.metrics().get("127.0.0.1").state()).isEqualTo(HostState.DOWN);
    assertThat(waiting.output()).contains("refused: ").contains("(failed 1 time; next attempt in 1 s)");
    assertThat(back.exitValue()).as(back.output()).isZero();
    assertThat(fake.started).hasSize(2);
  }

  @Test
  void changedHostKey_isALoudFailure_neverAccepted() throws Exception {
    sshd = start(0, hostKey);
    int port = sshd.port();
    List<String> a = args();
    check(a);
    sshd.close();
    sshd = start(port, TestSshd.newKey());

    CheckResult r = check(a);

    assertThat(r.exitValue()).isEqualTo(1);
    assertThat(r.output()).contains("127.0.0.1 host key mismatch: ");
    assertThat(fake.started).hasSize(1);
  }

  @Test
  void sshdThatHangsAfterItsBanner_isAnSshTimeoutOfTheLogin_withinItsDeadline() throws Exception {
    sshd = start(0, hostKey); // for the known_hosts line only
    LoopbackServer hung = LoopbackServer.sending(LO, 0, "SSH-2.0-OpenSSH_9.2p1\r\n", false);
    closing.add(hung);
    List<String> a = args("-T", "0.5");
    a.set(a.indexOf("" + sshd.port()), "" + hung.port());

    long t0 = System.nanoTime();
    CheckResult r = check(a);
    Duration took = Duration.ofNanos(System.nanoTime() - t0);

    assertThat(r.exitValue()).isEqualTo(1);
    assertThat(r.output()).startsWith("127.0.0.1\n\n127.0.0.1 ssh timeout: no answer within 0.5s during key exchange");
    assertThat(r.metrics().get("127.0.0.1").state()).isEqualTo(HostState.DOWN);
    assertThat(took).isLessThan(Duration.ofSeconds(3));
    assertThat(monitor.openSessions()).isZero();
  }

  @Test
  void connectionDroppedMidSession_isReconnectedInTheSameRun() throws Exception {
    sshd = start(0, hostKey);
    List<String> a = args();
    check(a);
    fake.started.clear();
    sshd.dropSessions();

    CheckResult r = check(a);

    assertThat(r.exitValue()).as(r.output()).isZero();
    assertThat(fake.started).as("a new session and command in this run").hasSize(1);
  }

  @Test
  void garbage_isBadOutput_andChatterBeforeTheAnswers_isSkipped() throws Exception {
    sshd = start(0, hostKey);
    fake.chatter = "Welcome to the login node\nmodule: loaded\n";
    fake.load = "lots of load";

    CheckResult r = check(args());

    assertThat(r.exitValue()).isEqualTo(1);
    assertThat(r.output()).startsWith("127.0.0.1\n\n127.0.0.1 bad output: bad load line \"lots of load\": ");
  }

  @Test
  void execMode_runsTheCommandOncePerSample() throws Exception {
    sshd = start(0, hostKey);
    fake.load = "1.00 2.00 3.00 2";
    List<String> a = args("--exec", "default");

    CheckResult first = check(a);
    CheckResult second = check(a);

    assertThat(first.exitValue()).as(first.output()).isZero();
    assertThat(second.metrics().get("127.0.0.1").load5()).isEqualTo(2.0);
    assertThat(fake.started).containsExactly(SshLoadOptions.DEFAULT_EXEC_COMMAND, SshLoadOptions.DEFAULT_EXEC_COMMAND);
  }

  @Test
  void droppedHost_andClose_endTheSessionsAndTheirThreads() throws Exception {
    sshd = start(0, hostKey);
    List<String> a = args();
    check(a);
    assertThat(sessionThreads()).isEqualTo(1);

    List<String> none = new ArrayList<>(a.subList(0, a.size() - 1));
    none.add("127.0.0.2"); // nothing listens there on that port
    check(none);

    assertThat(sshd.awaitNoSessions(Duration.ofSeconds(5))).isZero();
    assertThat(sessionThreads()).isZero();
    assertThat(monitor.openSessions()).isZero();
  }

  @Test
  void closeAllBut_afterAReload_endsTheSessionsOfHostsNoLongerInTheConfig_atOnce() throws Exception {
    sshd = start(0, hostKey);
    check(args());
    assertThat(monitor.openSessions()).isEqualTo(1);

    assertThat(monitor.closeAllBut(java.util.Set.of("127.0.0.1"))).as("kept: still in the config").isZero();
    assertThat(monitor.openSessions()).isEqualTo(1);
    assertThat(monitor.closeAllBut(java.util.Set.of("node9"))).isEqualTo(1);

    assertThat(sshd.awaitNoSessions(Duration.ofSeconds(5))).isZero();
    assertThat(monitor.openSessions()).isZero();
  }

  private static long sessionThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("Connect thread 127.0.0.1")).count();
  }

  /** The public key as known_hosts writes it. */
  private static final class PublicKeyText {
    static String of(KeyPair k) {
      return org.apache.sshd.common.config.keys.PublicKeyEntry.toString(k.getPublic());
    }
  }

}
