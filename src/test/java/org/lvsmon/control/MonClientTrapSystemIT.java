package org.lvsmon.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.data.Offset.offset;
import static org.lvsmon.control.PasswordHashesTest.PASSWORD;
import static org.lvsmon.control.PasswordHashesTest.SHA512;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Debian's real Perl Mon::Client ({@code send_trap}) against {@link TrapListener} on loopback: the
 * trap arrives with exactly the group, service, exit value, summary and detail sent, including mon's
 * escaping of quotes, newlines, backslashes and UTF-8. Needs perl and the Debian package
 * mon-client; fails, never skips, without them.
 */
class MonClientTrapSystemIT {
  private static final String SEND_TRAP = """
      use Mon::Client;
      my $c = Mon::Client->new(host => "127.0.0.1", port => $ENV{PORT},
          username => $ENV{TRAP_USER}, password => $ENV{TRAP_PASS});
      $c->send_trap(group => $ENV{GRP}, service => $ENV{SVC}, retval => $ENV{RET},
          opstatus => "fail", summary => $ENV{SUM}, detail => $ENV{DTL})
        or die "send_trap: " . $c->error . "\\n";
      """;

  private final BlockingQueue<Trap> received = new LinkedBlockingQueue<>();
  private TrapListener listener;

  @BeforeEach
  void start() throws Exception {
    requireMonClient();
    AuthConfig auth = AuthConfig.parse("trap section\n127.0.0.1 alice " + SHA512 + "\n", Path.of("auth.cf"));
    listener = TrapListener.start(new InetSocketAddress("127.0.0.1", 0), () -> auth,
        (trap, from) -> received.add(trap), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    if (listener != null) {
      listener.close();
    }
  }

  @Test
  void sendTrap_fromMonClient_reachesTheSink_withItsExactFields() throws Exception {
    String summary = "web1 'down' \"now\" at 50% é";
    String detail = "line one\n\ttab line\nC:\\dir";
    sendTrap("alice", PASSWORD, "web", "http", 2, summary, detail);
    Trap t = received.poll(10, TimeUnit.SECONDS);
    assertThat(t).as("trap from Mon::Client").isNotNull();
    assertThat(t.group()).isEqualTo("web");
    assertThat(t.service()).isEqualTo("http");
    assertThat(t.exitValue()).isEqualTo(2);
    assertThat(t.summary()).isEqualTo(summary);
    // Mon::Client doubles backslashes inside quotes and mon's un_esc_str keeps them doubled
    assertThat(t.detail()).isEqualTo("line one\n\ttab line\nC:\\\\dir");
    assertThat(t.user()).isEqualTo("alice");
    assertThat(t.type()).isEqualTo("trap");
    assertThat(t.specific()).as("Mon::Client's opstatus fail").isEqualTo("0");
    assertThat(t.protocol()).isEqualTo("0.3807");
    assertThat(Long.parseLong(t.timestamp())).isCloseTo(Instant.now().getEpochSecond(), offset(60L));
  }

  @Test
  void sendTrap_withAWrongPassword_isDropped() throws Exception {
    sendTrap("alice", "wrong", "rejected", "http", 1, "s", "d");
    sendTrap("alice", PASSWORD, "accepted", "http", 0, "s", "d");
    Trap t = received.poll(10, TimeUnit.SECONDS);
    assertThat(t).isNotNull();
    assertThat(t.group()).isEqualTo("accepted");
    assertThat(t.exitValue()).isZero();
    assertThat(received).isEmpty();
  }

  private void sendTrap(String user, String password, String group, String service, int retval,
      String summary, String detail) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("perl", "-e", SEND_TRAP).redirectErrorStream(true);
    pb.environment().putAll(Map.of("PORT", String.valueOf(listener.localAddress().getPort()),
        "TRAP_USER", user, "TRAP_PASS", password, "GRP", group, "SVC", service,
        "RET", String.valueOf(retval), "SUM", summary, "DTL", detail));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("perl finished").isTrue();
    assertThat(p.exitValue()).as("perl send_trap exit; output: %s", out).isZero();
  }

  private static void requireMonClient() throws InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder("perl", "-MMon::Client", "-e", "1").redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError("perl is not installed; install the Debian packages perl and mon-client", e);
    }
    String out;
    try {
      out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new AssertionError("cannot run perl -MMon::Client", e);
    }
    if (p.waitFor() != 0) {
      fail("Perl module Mon::Client is missing; install the Debian package mon-client (" + out + ")");
    }
  }
}
