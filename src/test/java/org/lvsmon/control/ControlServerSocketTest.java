package org.lvsmon.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lvsmon.control.ControlServer.Limits;
import org.lvsmon.monitor.exec.LogCapture;

/** ControlServer on real sockets on the loopback interface, with a handler over the lab fixture. */
@Tag("socket")
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ControlServerSocketTest {
  /** mon's default clientallow, as Settings gives it. */
  private static final List<Pattern> MON_DEFAULT = List.of(Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+"));
  private static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

  private final RecordingMonServer mon = RecordingMonServer.lab();
  private final ExecutorService requests = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-requests"));
  private final AtomicInteger terminations = new AtomicInteger();
  private final AtomicReference<String> terminationThread = new AtomicReference<>();
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final List<LineClient> clients = new ArrayList<>();
  private ControlServer server;

  @AfterEach
  void stop() throws IOException {
    for (LineClient c : clients) {
      c.close();
    }
    if (server != null) {
      server.close();
    }
    requests.shutdownNow();
  }

  private ControlServer start(Limits limits, List<Pattern> allow, InetSocketAddress bind) throws IOException {
    ProtocolHandler handler = new ProtocolHandler(mon, Authenticator.REFUSE_ALL, Fixture.CLOCK);
    server = ControlServer.start(bind, limits, allow, handler, requests, () -> {
      terminations.incrementAndGet();
      terminationThread.set(Thread.currentThread().getName());
      terminated.countDown();
    });
    return server;
  }

  private ControlServer start(Limits limits) throws IOException {
    return start(limits, MON_DEFAULT, LOOPBACK);
  }

  private LineClient connect() throws IOException {
    LineClient c = new LineClient(server.address());
    clients.add(c);
    return c;
  }

  /** What the handler itself answers to {@code line} on a fresh session of a fresh lab server. */
  private static List<String> expected(String line) {
    return new ProtocolHandler(RecordingMonServer.lab(), Authenticator.REFUSE_ALL, Fixture.CLOCK)
        .handle(line, new Session("127.0.0.1")).lines();
  }

  @Test
  void roundTrip_versionAndListWatch() throws IOException {
    start(Limits.DEFAULTS);
    LineClient c = connect();
    assertThat(c.request("version")).containsExactly("version 9745", "220 version completed");
    assertThat(c.request("list watch")).isEqualTo(expected("list watch")).contains("web ssh", "220 list watch completed");
  }

  @Test
  void pipelining_tenLinesInOneWrite_tenRepliesInOrder() throws IOException {
    start(Limits.DEFAULTS);
    List<String> lines = List.of("version", "list watch", "protid 9745", "protid 1", "getview", "servertime",
        "LIST WATCH", "list group web", "bogus", "list opstatus");
    StringBuilder all = new StringBuilder();
    lines.forEach(l -> all.append(l).append('\n'));
    LineClient c = connect().send(all.toString());
    for (String l : lines) {
      assertThat(c.readReply()).as(l).isEqualTo(expected(l));
    }
  }

  @Test
  void garbageBytes_getA520_thenTheNextRequestOnTheSameConnectionIsAnswered() throws IOException {
    start(Limits.DEFAULTS);
    LineClient c = connect();
    c.send(new byte[] {0, (byte) 0xff, (byte) 0xfe, (byte) 0xc3, 0x28, 0, '\r', '\n'});
    assertThat(c.readReply()).containsExactly("520 invalid command");
    assertThat(c.request("version")).containsExactly("version 9745", "220 version completed");
  }

  @Test
  void crLf_andLatin1Bytes_roundTrip() throws IOException {
    start(Limits.DEFAULTS);
    LineClient c = connect().send("version\r\nprotid 9745\r\n");
    assertThat(c.readReply()).containsExactly("version 9745", "220 version completed");
    assertThat(c.readReply()).containsExactly("220 protocol match");
  }

  @Test
  void megabyteLine_oneLineTooLong520_thenTheNextRequestIsAnswered() throws IOException {
    start(Limits.DEFAULTS);
    LineClient c = connect();
    byte[] huge = new byte[1024 * 1024 + 1];
    Arrays.fill(huge, (byte) 'a');
    huge[huge.length - 1] = '\n';
    try (LogCapture logs = LogCapture.of(ControlServer.class)) {
      c.send(huge).send("version\n");
      assertThat(c.readReply()).containsExactly("520 request line too long (limit 65536 bytes), discarded");
      assertThat(c.readReply()).containsExactly("version 9745", "220 version completed");
      assertThat(logs.messages(Level.INFO)).anyMatch(m -> m.contains("over 65536 bytes") && m.contains("127.0.0.1:"));
    }
  }

  @Test
  void maxClients_the129thAndLaterGetA520AndAreClosed_andANewClientIsServedOnceOneLeaves() throws IOException {
    start(new Limits(64 * 1024, 128, Duration.ofSeconds(60), 1 << 20));
    List<LineClient> all = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      all.add(connect());
    }
    for (LineClient c : all.subList(128, 500)) {
      assertThat(c.readLine()).isEqualTo("520 too many clients (limit 128), try again later");
      assertThat(c.closedByServer()).isTrue();
    }
    for (LineClient c : all.subList(0, 128)) {
      assertThat(c.request("version")).containsExactly("version 9745", "220 version completed");
    }
    LineClient refused = connect();
    assertThat(refused.readLine()).startsWith("520 too many clients");

    LineClient leaving = all.get(0);
    assertThat(leaving.request("quit")).containsExactly("220 quitting");
    assertThat(leaving.closedByServer()).isTrue();
    assertThat(connect().request("version")).containsExactly("version 9745", "220 version completed");
  }

  @Test
  void idleTimeout_writesA520AndCloses_notBeforeTheTimeout() throws IOException {
    start(new Limits(64 * 1024, 128, Duration.ofMillis(300), 1 << 20));
    long t0 = System.nanoTime();
    LineClient c = connect();
    assertThat(c.request("version")).endsWith("220 version completed");
    assertThat(c.readLine()).isEqualTo("520 idle timeout (cltimeout 0.3s), closing");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(c.closedByServer()).isTrue();
  }

  @Test
  void clientClosesMidReply_serverDropsIt_andServesTheNextClient() throws IOException {
    for (int i = 0; i < 40_000; i++) {
      mon.alertHistory.add("alert web ssh 1795310970 0 record.alert -x foo " + "x".repeat(200) + " " + i);
    }
    start(Limits.DEFAULTS);
    LineClient greedy = connect();
    greedy.socket.setReceiveBufferSize(4096);
    greedy.send("list alerthist\n");
    assertThat(greedy.readLine()).startsWith("alert\\20web\\20ssh");
    greedy.socket.setSoLinger(true, 0); // a reset, as a client killed mid-reply
    greedy.close();
    LineClient next = connect();
    assertThat(next.request("version")).containsExactly("version 9745", "220 version completed");
    List<String> reply = next.request("list alerthist");
    assertThat(reply).hasSize(40_001).last().isEqualTo("220 list alerthist completed");
  }

  @Test
  void slowReader_pipelinedRequestsBeyondTheOutputLimit_allAnsweredInOrder() throws Exception {
    start(new Limits(64 * 1024, 128, Duration.ofSeconds(60), 1024));
    LineClient c = connect();
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try {
      Future<?> written = writer.submit(() -> {
        OutputStream out = c.socket.getOutputStream();
        for (int i = 0; i < 5_000; i++) {
          out.write(("protid " + i + "\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        out.flush();
        return null;
      });
      for (int i = 0; i < 5_000; i++) {
        assertThat(c.readReply()).containsExactly(i == 9745 ? "220 protocol match" : "520 protocol mismatch");
      }
      written.get(20, TimeUnit.SECONDS);
    } finally {
      writer.shutdownNow();
    }
  }

  @Test
  void halfClose_pendingRequestsAnswered_thenClosed() throws IOException {
    start(Limits.DEFAULTS);
    LineClient c = connect().send("version\nlist watch\n");
    c.socket.shutdownOutput();
    assertThat(c.readReply()).endsWith("220 version completed");
    assertThat(c.readReply()).endsWith("220 list watch completed");
    assertThat(c.closedByServer()).isTrue();
  }

  @Test
  void quit_repliesThenCloses_andLinesAfterItAreNotRun() throws IOException {
    start(Limits.DEFAULTS);
    LineClient c = connect().send("quit\nstop\n");
    assertThat(c.readReply()).containsExactly("220 quitting");
    assertThat(c.closedByServer()).isTrue();
    assertThat(connect().request("version")).endsWith("220 version completed");
    assertThat(mon.calls).isEmpty();
  }

  @Test
  void term_closesAndCallsOnTerminateOnce_offTheSelectorThread() throws Exception {
    start(Limits.DEFAULTS);
    LineClient first = connect();
    assertThat(first.request("term")).containsExactly("220 terminating server");
    assertThat(first.closedByServer()).isTrue();
    assertThat(terminated.await(20, TimeUnit.SECONDS)).isTrue();
    LineClient second = connect();
    assertThat(second.request("term")).containsExactly("220 terminating server");
    assertThat(second.closedByServer()).isTrue();
    assertThat(connect().request("version")).endsWith("220 version completed");
    assertThat(terminations).hasValue(1);
    assertThat(terminationThread.get()).isNotEqualTo("lvsmon-control");
  }

  @Test
  void clientAllow_noMatch_520NamingTheAddress_closed_loggedAtWarn() throws IOException {
    start(Limits.DEFAULTS, List.of(Pattern.compile("10\\.0\\.0\\.1"), Pattern.compile("127\\.0\\.0")), LOOPBACK);
    try (LogCapture logs = LogCapture.of(ControlServer.class)) {
      LineClient c = connect();
      assertThat(c.readLine()).isEqualTo("520 client 127.0.0.1 is not allowed (clientallow), closing");
      assertThat(c.closedByServer()).isTrue();
      assertThat(logs.messages(Level.WARN)).anyMatch(m -> m.contains("127.0.0.1:") && m.contains("clientallow"));
    }
  }

  @Test
  void clientAllow_matchesTheWholeAddress() throws IOException {
    start(Limits.DEFAULTS, List.of(Pattern.compile("10\\.0\\.0\\.1"), Pattern.compile("127\\.0\\.0\\.\\d+")), LOOPBACK);
    assertThat(connect().request("version")).endsWith("220 version completed");
  }

  @Test
  void ipv6_clientHostWithoutBrackets_matchedAgainstClientAllow() throws IOException {
    InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("::1"), 0);
    try {
      start(Limits.DEFAULTS, MON_DEFAULT, v6);
    } catch (IOException e) {
      assumeTrue(false, "no IPv6 loopback here: " + e.getMessage());
    }
    assertThat(connect().readLine()).isEqualTo("520 client ::1 is not allowed (clientallow), closing");
    server.close();
    start(Limits.DEFAULTS, List.of(Pattern.compile("::1")), v6);
    assertThat(connect().request("version")).endsWith("220 version completed");
  }

  @Test
  void dualStackBind_anIpv4ClientIsItsDottedQuad() throws IOException {
    try {
      start(Limits.DEFAULTS, MON_DEFAULT, new InetSocketAddress(InetAddress.getByName("::"), 0));
    } catch (IOException e) {
      assumeTrue(false, "no IPv6 here: " + e.getMessage());
    }
    LineClient c = new LineClient(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), server.port()));
    clients.add(c);
    assertThat(c.request("version")).endsWith("220 version completed");
  }

  @Test
  void executorRefusing_thatClientGetsA520AndIsClosed_theServerGoesOn() throws IOException {
    AtomicInteger calls = new AtomicInteger();
    server = ControlServer.start(LOOPBACK, Limits.DEFAULTS, MON_DEFAULT, handlerForLab(), task -> {
      if (calls.incrementAndGet() == 1) {
        throw new RejectedExecutionException("shut down");
      }
      if (calls.get() == 2) {
        throw new IllegalStateException("a bug");
      }
      requests.execute(task);
    }, () -> {});
    LineClient refused = connect();
    assertThat(refused.request("version")).containsExactly("520 server is shutting down");
    assertThat(refused.closedByServer()).isTrue();
    LineClient failed = connect().send("version\n");
    assertThat(failed.closedByServer()).isTrue();
    assertThat(connect().request("version")).endsWith("220 version completed");
  }

  @Test
  void closeServer_closesEveryConnectionPromptly() throws IOException {
    start(Limits.DEFAULTS);
    LineClient a = connect();
    LineClient b = connect();
    assertThat(a.request("version")).endsWith("220 version completed");
    long t0 = System.nanoTime();
    server.close();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    assertThat(a.closedByServer()).isTrue();
    assertThat(b.closedByServer()).isTrue();
  }

  @Test
  void bindInUse_errorNamesTheAddress() throws IOException {
    start(Limits.DEFAULTS);
    InetSocketAddress taken = server.address();
    assertThatThrownBy(
        () -> ControlServer.start(taken, Limits.DEFAULTS, MON_DEFAULT, handlerForLab(), requests, () -> {}))
        .isInstanceOf(IOException.class).hasMessageContaining(taken.getAddress().getHostAddress() + ":" + taken.getPort());
  }

  private static ProtocolHandler handlerForLab() {
    return new ProtocolHandler(RecordingMonServer.lab(), Authenticator.REFUSE_ALL, Fixture.CLOCK);
  }

  @Test
  void limits_mustBePositive() {
    assertThatThrownBy(() -> new Limits(0, 1, Duration.ofSeconds(1), 1))
        .hasMessageContaining("0 line bytes");
    assertThat(Limits.DEFAULTS.withIdleTimeout(Duration.ofMinutes(2)).idleTimeout()).isEqualTo(Duration.ofMinutes(2));
  }
}
