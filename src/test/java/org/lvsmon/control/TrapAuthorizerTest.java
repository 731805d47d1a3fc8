package org.lvsmon.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lvsmon.control.PasswordHashesTest.MD5;
import static org.lvsmon.control.PasswordHashesTest.PASSWORD;
import static org.lvsmon.control.PasswordHashesTest.SHA512;
import static org.lvsmon.control.PasswordHashesTest.YESCRYPT;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** auth.cf's trap section as mon's {@code handle_trap} applies it. */
class TrapAuthorizerTest {
  private static final InetAddress A = addr("192.0.2.1");
  private static final InetAddress B = addr("192.0.2.2");

  private final StepClock clock = new StepClock();
  private final AtomicInteger lookups = new AtomicInteger();
  private final Map<String, InetAddress[]> dns = Map.of("mon1.example", new InetAddress[] {B, addr("192.0.2.7")});
  private final TrapHosts hosts = new TrapHosts(name -> {
    lookups.incrementAndGet();
    InetAddress[] a = dns.get(name);
    if (a == null) {
      throw new UnknownHostException(name);
    }
    return a;
  }, Runnable::run, clock, Duration.ofSeconds(60), Duration.ofSeconds(1));
  private final TrapAuthorizer authorizer = new TrapAuthorizer(hosts);

  private static InetAddress addr(String s) {
    try {
      return InetAddress.getByName(s);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static AuthConfig auth(String trapSection) throws Exception {
    return AuthConfig.parse("trap section\n" + trapSection, Path.of("auth.cf"));
  }

  private static Trap trap(String user, String password) {
    return new Trap("0.3807", user, password, "trap", "0", "0", "g", "s", 1, "1", "sum", "dtl");
  }

  private void accepted(AuthConfig auth, Trap t, InetAddress from) {
    assertThatCode(() -> authorizer.authorize(auth, t, from)).doesNotThrowAnyException();
  }

  private void rejected(AuthConfig auth, Trap t, InetAddress from, String reason) {
    assertThatThrownBy(() -> authorizer.authorize(auth, t, from))
        .isInstanceOf(TrapRejectedException.class)
        .hasMessageContaining(reason)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(t.password().isEmpty() ? "\0" : t.password(), "$6$"));
  }

  @Test
  void addressAndUser_withTheRightPassword_areAccepted_cryptCompared() throws Exception {
    AuthConfig auth = auth("192.0.2.1 alice " + SHA512 + "\n");
    accepted(auth, trap("alice", PASSWORD), A);
    rejected(auth, trap("alice", "wrong"), A, "bad password for user \"alice\"");
    rejected(auth, trap("alice", SHA512), A, "bad password");
    rejected(auth, trap("bob", PASSWORD), A, "unknown user \"bob\"");
    rejected(auth, trap("alice", PASSWORD), B, "host not allowed to send traps");
  }

  @Test
  void plainTextInAuthCf_neverMatches_becauseMonCryptCompares() throws Exception {
    AuthConfig auth = auth("192.0.2.1 alice plainpw\n");
    rejected(auth, trap("alice", "plainpw"), A, "not a crypt(3) hash");
  }

  @Test
  void starUser_acceptsAnyUserAndPassword_fromItsHost() throws Exception {
    AuthConfig auth = auth("192.0.2.1 * x\n192.0.2.1 alice " + SHA512 + "\n");
    accepted(auth, trap("", ""), A);
    accepted(auth, trap("alice", "wrong"), A);
    rejected(auth, trap("", ""), B, "host not allowed");
  }

  @Test
  void starHost_hidesEveryHostSpecificLine_asInMon() throws Exception {
    AuthConfig auth = auth("192.0.2.1 * x\n* alice " + MD5 + "\n");
    accepted(auth, trap("alice", PASSWORD), B);
    rejected(auth, trap("bob", "pw"), A, "unknown user \"bob\"");
  }

  @Test
  void laterLineForTheSameUser_wins_acrossAddressAndName() throws Exception {
    AuthConfig auth = auth("192.0.2.2 alice " + SHA512 + "\nmon1.example alice " + MD5 + "x\n");
    rejected(auth, trap("alice", PASSWORD), B, "bad password");
    accepted(auth(" mon1.example alice " + SHA512 + "\n"), trap("alice", PASSWORD), B);
  }

  @Test
  void hostNames_matchAnyOfTheirAddresses_andAreLookedUpOncePerTtl() throws Exception {
    AuthConfig auth = auth("mon1.example alice " + SHA512 + "\nnowhere.example bob " + SHA512 + "\n");
    accepted(auth, trap("alice", PASSWORD), addr("192.0.2.7"));
    accepted(auth, trap("alice", PASSWORD), B);
    rejected(auth, trap("bob", PASSWORD), B, "unknown user");
    rejected(auth, trap("alice", PASSWORD), A, "host not allowed");
    assertThat(lookups).hasValue(2);
    clock.advance(Duration.ofSeconds(61));
    accepted(auth, trap("alice", PASSWORD), B);
    assertThat(lookups).as("both names again").hasValue(4);
  }

  @Test
  void ipv4MappedSenders_areSeenAsIpv4() throws Exception {
    InetAddress mapped = InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, (byte) 192, 0, 2, 1});
    accepted(auth("192.0.2.1 * x\n"), trap("", ""), mapped);
  }

  @Test
  void dottedQuads_areReadAsInetAton_leadingZeroIsOctal() {
    assertThat(TrapAuthorizer.quad("010.0.0.01")).isEqualTo(addr("8.0.0.1"));
    assertThat(TrapAuthorizer.quad("192.168.0.1")).isEqualTo(addr("192.168.0.1"));
    assertThat(TrapAuthorizer.quad("09.0.0.1")).isNull();
  }

  @Test
  void unsupportedHash_isRefused_namingTheTypeAndLine() throws Exception {
    AuthConfig auth = auth("192.0.2.1 alice " + YESCRYPT + "\n");
    rejected(auth, trap("alice", PASSWORD), A, "user \"alice\" (auth.cf line 2): password hash type yescrypt ($y$) is not supported");
  }

  @Test
  void emptyTrapSection_refusesEveryone() {
    rejected(AuthConfig.DENY_ALL, trap("alice", PASSWORD), A, "host not allowed");
  }

  @Test
  void slowLookup_givesNoAddressesWithinTheTimeout_andIsNotRepeated() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger slow = new AtomicInteger();
    Thread[] worker = new Thread[1];
    TrapHosts stuck = new TrapHosts(name -> {
      slow.incrementAndGet();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new InetAddress[] {B};
    }, r -> {
      worker[0] = new Thread(r, "test-dns");
      worker[0].start();
    }, clock, Duration.ofSeconds(60), Duration.ofMillis(50));
    assertThat(stuck.addresses("mon1.example")).isEmpty();
    assertThat(stuck.addresses("mon1.example")).isEmpty();
    assertThat(slow).hasValue(1);
    release.countDown();
    worker[0].join(5000);
    assertThat(stuck.addresses("mon1.example")).containsExactly(B);
    assertThat(slow).hasValue(1);
  }
}
