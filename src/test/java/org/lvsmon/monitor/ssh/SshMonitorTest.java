package org.lvsmon.monitor.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
import org.lvsmon.monitor.LoopbackServer;
import org.lvsmon.monitor.ParallelProbes;

/**
 * ssh.monitor against in-process servers on loopback addresses (127.0.0.N): Apache MINA SSHD for
 * real SSH, plain sockets for a hung, garbled or dropping sshd, a full accept queue for a connect
 * timeout. Deadlines are a few hundred milliseconds, so the timeouts are real but short.
 */
class SshMonitorTest {
  private static final InetAddress LO = LoopbackServer.loopback(1);
  private static KeyPair hostKey;
  private static KeyPair clientKey;
  private static KeyPair otherKey;
  private static ParallelProbes probes;

  @TempDir Path dir;
  private final List<AutoCloseable> servers = new ArrayList<>();

  @BeforeAll
  static void keys() {
    hostKey = TestSshd.newKey();
    clientKey = TestSshd.newKey();
    otherKey = TestSshd.newKey();
    probes = new ParallelProbes("ssh", 8);
  }

  @AfterAll
  static void stopPool() {
    probes.close();
  }

  @AfterEach
  void stopServers() throws Exception {
    for (AutoCloseable s : servers) {
      s.close();
    }
  }

  private <T extends AutoCloseable> T keep(T server) {
    servers.add(server);
    return server;
  }

  private CheckResult check(List<String> args) throws InterruptedException {
    return new SshMonitor(probes, new SshDefaults(dir, "tester"), Clock.systemUTC()).check(args, null);
  }

  private CheckResult check(String... args) throws InterruptedException {
    return check(List.of(args));
  }

  private TestSshd sshd(int exitStatus) throws IOException {
    return keep(TestSshd.start(LO, 0, hostKey, clientKey.getPublic(), exitStatus));
  }

  private Path identity(KeyPair key) throws Exception {
    return KeyFiles.writePrivate(key, Files.createTempFile(dir, "id", ""), null);
  }

  private Path knownHosts(String... lines) throws IOException {
    return Files.writeString(Files.createTempFile(dir, "known_hosts", ""), String.join("\n", lines) + "\n");
  }

  /** --auth with the good client key and a known_hosts holding {@code d}'s key for 127.0.0.1. */
  private CheckResult auth(TestSshd d, String... more) throws Exception {
    List<String> a = new ArrayList<>(List.of("--auth", "-T", "2", "-i", identity(clientKey).toString(),
        "-k", knownHosts("[127.0.0.1]:" + d.port() + " " + d.hostKeyEntry()).toString(), "-p", "" + d.port()));
    a.addAll(List.of(more));
    a.add("127.0.0.1");
    return check(a);
  }

  private static String detail(CheckResult r) {
    return r.detail() == null ? "" : r.detail().strip();
  }

  // --- reachability (banner) ---

  @Test
  void normalServer_bannerOnly_passesWithNoOutput() throws Exception {
    TestSshd d = sshd(0);

    CheckResult r = check("-p", "" + d.port(), "127.0.0.1");

    assertThat(r.output()).isEmpty();
    assertThat(r.exitValue()).isZero();
    assertThat(d.commands()).isZero();
  }

  @Test
  void hungSshd_acceptsTcpButSendsNoBanner_reportsNoBannerAtTheBannerDeadline() throws Exception {
    LoopbackServer hung = keep(LoopbackServer.silent(LO, 0));

    long t0 = System.nanoTime();
    CheckResult r = check("-p", "" + hung.port(), "-t", "5", "-b", "0.3", "127.0.0.1");
    Duration took = Duration.ofNanos(System.nanoTime() - t0);

    assertThat(r.exitValue()).isEqualTo(1);
    assertThat(r.output()).isEqualTo("127.0.0.1\n\n127.0.0.1 no banner: TCP connection to 127.0.0.1 port " + hung.port()
        + " accepted, but no SSH banner within 0.3s (hung sshd?)\n");
    assertThat(took).isBetween(Duration.ofMillis(250), Duration.ofSeconds(3));
  }

  @Test
  void garbageBanner_thenClose_reportsBadBannerQuotingIt() throws Exception {
    LoopbackServer http = keep(LoopbackServer.sending(LO, 0, "HTTP/1.1 400 Bad Request\r\n\r\n", true));

    CheckResult r = check("-p", "" + http.port(), "127.0.0.1");

    assertThat(r.exitValue()).isEqualTo(1);
    assertThat(detail(r)).startsWith("127.0.0.1 bad banner: \"HTTP/1.1 400 Bad Request\" from 127.0.0.1 port "
        + http.port() + " is not an SSH-2.0 identification");
  }

  @Test
  void garbageBanner_connectionStaysOpen_reportsBadBannerAtTheDeadline() throws Exception {
    LoopbackServer junk = keep(LoopbackServer.sending(LO, 0, "\u0001\u0002junk", false));

    CheckResult r = check("-p", "" + junk.port(), "-b", "0.3", "127.0.0.1");

    assertThat(detail(r)).contains("bad banner: \"\\x01\\x02junk\"").contains("no SSH identification within 0.3s");
  }

  @Test
  void endlessLine_isABadBannerAtOnce_notReadForever() throws Exception {
    LoopbackServer flood = keep(LoopbackServer.sending(LO, 0, "x".repeat(300), false));

    long t0 = System.nanoTime();
    CheckResult r = check("-p", "" + flood.port(), "-b", "5", "127.0.0.1");

    assertThat(detail(r)).startsWith("127.0.0.1 bad banner: \"" + "x".repeat(60) + "...\"")
        .contains("(no SSH identification in the first ");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void protocolOneBanner_isABadBanner() throws Exception {
    LoopbackServer old = keep(LoopbackServer.sending(LO, 0, "SSH-1.5-OldServer\r\n", false));

    CheckResult r = check("-p", "" + old.port(), "127.0.0.1");

    assertThat(detail(r)).isEqualTo("127.0.0.1 bad banner: \"SSH-1.5-OldServer\" from 127.0.0.1 port " + old.port()
        + " is not SSH protocol 2");
  }

  @Test
  void linesBeforeTheIdentification_areAllowedAsTheRfcSays() throws Exception {
    LoopbackServer chatty = keep(LoopbackServer.sending(LO, 0, "Welcome\r\nto the cluster\r\nSSH-2.0-X\r\n", false));

    assertThat(check("-p", "" + chatty.port(), "127.0.0.1").output()).isEmpty();
  }

  @Test
  void serverDropsTheConnection_reportsClosed() throws Exception {
    LoopbackServer drop = keep(LoopbackServer.dropping(LO, 0));

    CheckResult r = check("-p", "" + drop.port(), "127.0.0.1");

    assertThat(detail(r)).isEqualTo("127.0.0.1 closed: connection to 127.0.0.1 port " + drop.port()
        + " closed by the server before the SSH banner");
  }

  @Test
  void nothingListening_reportsRefused() throws Exception {
    int port = LoopbackServer.closedPort(LO);

    CheckResult r = check("-p", "" + port, "127.0.0.1");

    assertThat(r.output()).isEqualTo("127.0.0.1\n\n127.0.0.1 refused: connect to 127.0.0.1 port " + port
        + ": Connection refused\n");
  }

  @Test
  void synDropped_reportsConnectTimeoutAtTheConnectDeadline() throws Exception {
    LoopbackServer full = keep(LoopbackServer.fullBacklog(LO, 0));

    long t0 = System.nanoTime();
    CheckResult r = check("-p", "" + full.port(), "-t", "0.3", "127.0.0.1");
    Duration took = Duration.ofNanos(System.nanoTime() - t0);

    assertThat(detail(r)).isEqualTo("127.0.0.1 connect timeout: no TCP connection to 127.0.0.1 port " + full.port()
        + " within 0.3s");
    assertThat(took).isBetween(Duration.ofMillis(250), Duration.ofSeconds(3));
  }

  @Test
  void unresolvableName_reportsUnresolved() throws Exception {
    // an empty label fails inside the resolver, before any DNS query: the test stays on this machine
    CheckResult r = check("bad..name");

    assertThat(r.output()).isEqualTo("bad..name\n\nbad..name unresolved: cannot resolve host name\n");
  }

  @Test
  void severalHosts_checkedInParallel_summarySortedAndDetailsInArgumentOrder() throws Exception {
    int port = LoopbackServer.closedPort(LoopbackServer.loopback(2));
    keep(TestSshd.start(LoopbackServer.loopback(2), port, hostKey, clientKey.getPublic(), 0));
    for (int n : new int[] {3, 5, 8}) {
      keep(LoopbackServer.silent(LoopbackServer.loopback(n), port));
    }

    long t0 = System.nanoTime();
    CheckResult r = check("-p", "" + port, "-b", "0.5", "127.0.0.5", "127.0.0.4", "127.0.0.2", "127.0.0.8", "127.0.0.3");
    Duration took = Duration.ofNanos(System.nanoTime() - t0);

    String noBanner = " no banner: TCP connection to %s port " + port + " accepted, but no SSH banner within 0.5s (hung sshd?)\n";
    assertThat(r.output()).isEqualTo("127.0.0.3 127.0.0.4 127.0.0.5 127.0.0.8\n\n"
        + "127.0.0.5" + noBanner.formatted("127.0.0.5")
        + "127.0.0.4 refused: connect to 127.0.0.4 port " + port + ": Connection refused\n"
        + "127.0.0.8" + noBanner.formatted("127.0.0.8")
        + "127.0.0.3" + noBanner.formatted("127.0.0.3"));
    // three hung hosts checked one after the other would take 1.5 s
    assertThat(took).isLessThan(Duration.ofMillis(1200));
  }

  // --- login ---

  @Test
  void auth_goodKeyAndKnownHostKey_logsInAndRunsTrue() throws Exception {
    TestSshd d = sshd(0);

    CheckResult r = auth(d);

    assertThat(r.output()).isEmpty();
    assertThat(r.exitValue()).isZero();
    assertThat(d.commands()).isEqualTo(1);
  }

  @Test
  void auth_keyTheServerRejects_reportsAuthenticationFailed() throws Exception {
    TestSshd d = sshd(0);
    Path kh = knownHosts("[127.0.0.1]:" + d.port() + " " + d.hostKeyEntry());
    Path wrong = identity(otherKey);

    CheckResult r = check("--auth", "-i", wrong.toString(), "-k", kh.toString(), "-u", "alice", "-p", "" + d.port(), "127.0.0.1");

    assertThat(detail(r)).startsWith("127.0.0.1 authentication failed: user alice: the server accepted none of the keys " + wrong);
    assertThat(d.commands()).isZero();
  }

  @Test
  void auth_hostKeyChanged_isALoudMismatchAndNeverLogsIn() throws Exception {
    TestSshd before = TestSshd.start(LO, 0, hostKey, clientKey.getPublic(), 0);
    int port = before.port();
    Path kh = knownHosts("[127.0.0.1]:" + port + " " + before.hostKeyEntry());
    before.close();
    KeyPair newHostKey = TestSshd.newKey();
    TestSshd after = keep(TestSshd.start(LO, port, newHostKey, clientKey.getPublic(), 0));

    CheckResult r = check("--auth", "-i", identity(clientKey).toString(), "-k", kh.toString(), "-p", "" + port, "127.0.0.1");

    assertThat(r.exitValue()).isEqualTo(1);
    assertThat(r.summary()).isEqualTo("127.0.0.1");
    String oldPrint = KnownHosts.fingerprint(blob(before.hostKeyEntry()));
    String newPrint = KnownHosts.fingerprint(blob(after.hostKeyEntry()));
    assertThat(detail(r)).startsWith("127.0.0.1 host key mismatch: server offers ecdsa-sha2-nistp256 " + newPrint
        + " but " + kh + ":1 ecdsa-sha2-nistp256 " + oldPrint + " holds a different key for [127.0.0.1]:" + port)
        .contains("POSSIBLE MAN-IN-THE-MIDDLE");
    assertThat(after.commands()).isZero();
    assertThat(Files.readString(kh)).isEqualTo("[127.0.0.1]:" + port + " " + before.hostKeyEntry() + "\n");
  }

  @Test
  void auth_hostNotInKnownHosts_reportsUnknownHostKeyAndNeverAddsIt() throws Exception {
    TestSshd d = sshd(0);
    Path kh = knownHosts("otherhost " + d.hostKeyEntry());

    CheckResult r = check("--auth", "-i", identity(clientKey).toString(), "-k", kh.toString(), "-p", "" + d.port(), "127.0.0.1");

    assertThat(detail(r)).startsWith("127.0.0.1 unknown host key: server offers ecdsa-sha2-nistp256 SHA256:")
        .contains("has no key of that type for [127.0.0.1]:" + d.port());
    assertThat(Files.readString(kh)).isEqualTo("otherhost " + d.hostKeyEntry() + "\n");
    assertThat(d.commands()).isZero();
  }

  @Test
  void auth_hashedKnownHostsEntry_matches() throws Exception {
    TestSshd d = sshd(0);
    byte[] salt = new byte[20];
    new java.util.Random(7).nextBytes(salt);
    Path kh = knownHosts(KnownHosts.hashedName("[127.0.0.1]:" + d.port(), salt) + " " + d.hostKeyEntry());

    CheckResult r = check("--auth", "-i", identity(clientKey).toString(), "-k", kh.toString(), "-p", "" + d.port(), "127.0.0.1");

    assertThat(r.output()).isEmpty();
  }

  @Test
  void auth_revokedHostKey_isRefused() throws Exception {
    TestSshd d = sshd(0);
    Path kh = knownHosts("[127.0.0.1]:" + d.port() + " " + d.hostKeyEntry(), "@revoked * " + d.hostKeyEntry());

    CheckResult r = check("--auth", "-i", identity(clientKey).toString(), "-k", kh.toString(), "-p", "" + d.port(), "127.0.0.1");

    assertThat(detail(r)).startsWith("127.0.0.1 host key revoked: ").contains(":2 ecdsa-sha2-nistp256");
    assertThat(d.commands()).isZero();
  }

  @Test
  void auth_hostKeyAlias_nodesSharingOneHostKeyAreCheckedAgainstOneEntry() throws Exception {
    int port = LoopbackServer.closedPort(LoopbackServer.loopback(6));
    TestSshd a = keep(TestSshd.start(LoopbackServer.loopback(6), port, hostKey, clientKey.getPublic(), 0));
    TestSshd b = keep(TestSshd.start(LoopbackServer.loopback(7), port, hostKey, clientKey.getPublic(), 0));
    Path kh = knownHosts("login-vip " + a.hostKeyEntry());
    String id = identity(clientKey).toString();

    CheckResult withAlias = check("--auth", "-i", id, "-k", kh.toString(), "--host-key-alias", "login-vip", "-p", "" + port,
        "127.0.0.6", "127.0.0.7");
    CheckResult without = check("--auth", "-i", id, "-k", kh.toString(), "-p", "" + port, "127.0.0.6", "127.0.0.7");

    assertThat(withAlias.output()).isEmpty();
    assertThat(a.commands() + b.commands()).isEqualTo(2);
    assertThat(without.summary()).isEqualTo("127.0.0.6 127.0.0.7");
    assertThat(without.detail()).contains("127.0.0.6 unknown host key").contains("127.0.0.7 unknown host key");
  }

  @Test
  void auth_aliasDoesNotMatchAChangedKey() throws Exception {
    TestSshd d = sshd(0);
    Path kh = knownHosts("login-vip " + TestSshd.start(LO, 0, TestSshd.newKey(), clientKey.getPublic(), 0).hostKeyEntryAndClose());

    CheckResult r = check("--auth", "-i", identity(clientKey).toString(), "-k", kh.toString(), "--host-key-alias",
        "login-vip", "-p", "" + d.port(), "127.0.0.1");

    assertThat(detail(r)).startsWith("127.0.0.1 host key mismatch: ").contains("for login-vip");
  }

  @Test
  void auth_commandFails_reportsItsExitStatus() throws Exception {
    TestSshd d = sshd(3);

    CheckResult r = auth(d);

    assertThat(detail(r)).isEqualTo("127.0.0.1 command failed: \"true\" exited with status 3");
  }

  @Test
  void auth_commandHangs_reportsSshTimeoutDuringCommand() throws Exception {
    TestSshd d = sshd(-1);
    Path kh = knownHosts("[127.0.0.1]:" + d.port() + " " + d.hostKeyEntry());

    CheckResult r = check("--auth", "-T", "0.5", "-i", identity(clientKey).toString(), "-k", kh.toString(), "-p", "" + d.port(),
        "127.0.0.1");

    assertThat(detail(r)).isEqualTo("127.0.0.1 ssh timeout: no answer within 0.5s during command");
    assertThat(jschThreads()).isEmpty();
  }

  @Test
  void auth_bannerThenSilence_reportsSshTimeoutDuringKeyExchange() throws Exception {
    LoopbackServer stuck = keep(LoopbackServer.sending(LO, 0, "SSH-2.0-OpenSSH_9.2\r\n", false));
    Path kh = knownHosts("[127.0.0.1]:" + stuck.port() + " " + "ecdsa-sha2-nistp256 AAAA");

    long t0 = System.nanoTime();
    CheckResult r = check("--auth", "-T", "0.4", "-i", identity(clientKey).toString(), "-k", kh.toString(), "-p",
        "" + stuck.port(), "127.0.0.1");
    Duration took = Duration.ofNanos(System.nanoTime() - t0);

    assertThat(detail(r)).isEqualTo("127.0.0.1 ssh timeout: no answer within 0.4s during key exchange");
    assertThat(took).isBetween(Duration.ofMillis(350), Duration.ofSeconds(3));
  }

  @Test
  void auth_defaultsAreTheUsersOpenSshFiles() throws Exception {
    TestSshd d = sshd(0);
    Files.createDirectories(dir.resolve(".ssh"));
    KeyFiles.writePrivate(clientKey, dir.resolve(".ssh/id_rsa"), null);
    Files.writeString(dir.resolve(".ssh/known_hosts"), "[127.0.0.1]:" + d.port() + " " + d.hostKeyEntry() + "\n");

    CheckResult r = check("--auth", "-p", "" + d.port(), "127.0.0.1");

    assertThat(r.output()).isEmpty();
    assertThat(d.commands()).isEqualTo(1);
  }

  // --- usage and setup errors ---

  @Test
  void auth_missingKnownHostsFile_isASetupErrorNotAHostFailure() throws Exception {
    CheckResult r = check("--auth", "-i", identity(clientKey).toString(), "-k", dir.resolve("nope").toString(), "node1");

    assertThat(r.exitValue()).isEqualTo(2);
    assertThat(r.output()).isEqualTo("ssh.monitor: known_hosts file " + dir.resolve("nope")
        + " does not exist (host keys are checked strictly and never added: create it, e.g. with ssh-keyscan, and check the keys)\n");
  }

  @Test
  void auth_identityWithPassphrase_isRefusedBecauseLvsmonNeverPrompts() throws Exception {
    Path locked = KeyFiles.writePrivate(clientKey, dir.resolve("locked"), "secret");

    CheckResult r = check("--auth", "-i", locked.toString(), "-k", knownHosts("x " + "ecdsa-sha2-nistp256 AAAA").toString(), "node1");

    assertThat(r.exitValue()).isEqualTo(2);
    assertThat(r.output()).contains("identity file " + locked + " is protected by a passphrase; lvsmon never prompts");
  }

  @Test
  void auth_noIdentityAnywhere_isASetupError() throws Exception {
    CheckResult r = check("--auth", "node1");

    assertThat(r.exitValue()).isEqualTo(2);
    assertThat(r.output()).startsWith("ssh.monitor: no identity file: none of [" + dir.resolve(".ssh/id_ed25519"));
  }

  @Test
  void loginOptionWithoutAuth_isAUsageError() throws Exception {
    CheckResult r = check("-i", "key", "node1");

    assertThat(r.exitValue()).isEqualTo(2);
    assertThat(r.output()).isEqualTo("ssh.monitor: option -i needs --auth (without it only the banner is checked)\n");
  }

  @Test
  void unknownOption_isAUsageError() throws Exception {
    CheckResult r = check("-x", "node1");

    assertThat(r.exitValue()).isEqualTo(2);
    assertThat(r.output()).isEqualTo("ssh.monitor: unknown option -x\n");
  }

  @Test
  void noHosts_passes() throws Exception {
    assertThat(check("--auth").output()).isEmpty();
  }

  // --- resources ---

  @Test
  void manyRuns_leaveNoSessionThreadsAndAtMostThePoolsThreads() throws Exception {
    TestSshd d = sshd(0);
    LoopbackServer stuck = keep(LoopbackServer.sending(LO, 0, "SSH-2.0-OpenSSH_9.2\r\n", false));
    Path kh = knownHosts("[127.0.0.1]:" + d.port() + " " + d.hostKeyEntry());
    String good = identity(clientKey).toString();
    String bad = identity(otherKey).toString();

    for (int i = 0; i < 5; i++) {
      assertThat(check("--auth", "-i", good, "-k", kh.toString(), "-p", "" + d.port(), "127.0.0.1").output()).isEmpty();
      assertThat(check("--auth", "-i", bad, "-k", kh.toString(), "-p", "" + d.port(), "127.0.0.1").output())
          .contains("authentication failed");
      assertThat(check("--auth", "-T", "0.2", "-i", good, "-k", kh.toString(), "-p", "" + stuck.port(), "127.0.0.1").output())
          .contains("ssh timeout");
    }

    assertThat(jschThreads()).isEmpty();
    assertThat(liveThreads("lvsmon-ssh-")).hasSizeLessThanOrEqualTo(8);
    assertThat(d.commands()).isEqualTo(5);
    assertThat(d.awaitNoSessions(Duration.ofSeconds(5))).as("sessions the server still has open").isZero();
  }

  @Test
  void closedPool_endsItsThreads() throws Exception {
    TestSshd d = sshd(0);
    ParallelProbes own = new ParallelProbes("sshclose", 4);
    SshMonitor m = new SshMonitor(own, new SshDefaults(dir, "tester"), Clock.systemUTC());
    m.check(List.of("-p", "" + d.port(), "127.0.0.1", "localhost", "127.0.0.1"), null);
    assertThat(liveThreads("lvsmon-sshclose-")).isNotEmpty();

    own.close();

    assertThat(liveThreads("lvsmon-sshclose-")).isEmpty();
  }

  /** JSch's reader threads (our factory names them lvsmon-ssh-session-HOST, JSch renames them Connect thread HOST session). */
  static List<String> jschThreads() {
    List<String> t = liveThreads("Connect thread ");
    t.addAll(liveThreads("lvsmon-ssh-session-"));
    return t;
  }

  static List<String> liveThreads(String prefix) {
    List<String> names = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && t.getName().startsWith(prefix)) {
        names.add(t.getName());
      }
    }
    return names;
  }

  static byte[] blob(String entry) {
    return java.util.Base64.getDecoder().decode(entry.split(" ")[1]);
  }

}
