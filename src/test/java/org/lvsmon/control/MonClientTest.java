package org.lvsmon.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link MonClient} against a canned daemon on the loopback interface. */
class MonClientTest {
  private final CannedDaemon daemon = new CannedDaemon();
  private final String address = "127.0.0.1:" + daemon.port();

  @AfterEach
  void stop() throws Exception {
    daemon.close();
  }

  private MonClient connect(Duration timeout) throws IOException {
    return MonClient.connect("127.0.0.1", daemon.port(), timeout);
  }

  @Test
  void request_readsDataLinesUpToTheStatusLine_CRLFToo() throws Exception {
    daemon.answer("list watch", "web ssh\r", "220 list watch completed\r").answer("version", "version 9745",
        "220 version completed");
    try (MonClient c = connect(MonClient.DEFAULT_TIMEOUT)) {
      Reply r = c.request("list watch");
      assertThat(r.data()).containsExactly("web ssh");
      assertThat(r.status()).isEqualTo("220 list watch completed");
      assertThat(c.request("version").lines()).containsExactly("version 9745", "220 version completed");
      assertThat(c.request("nonsense").ok()).isFalse();
    }
    assertThat(daemon.requests()).containsExactly("list watch", "version", "nonsense");
  }

  @Test
  void dataLineThatLooksLikeAStatusWithoutSpace_isData() throws Exception {
    daemon.answer("list alerthist", "220x", "2200 a", "220 list alerthist completed");
    try (MonClient c = connect(MonClient.DEFAULT_TIMEOUT)) {
      assertThat(c.request("list alerthist").data()).containsExactly("220x", "2200 a");
    }
  }

  @Test
  void login_sendsUserAndPassword_errorsNameOnlyTheUser() throws Exception {
    daemon.answer("login alice s3cret", "220 login accepted").answer("login bob pw", CannedDaemon.CLOSE);
    try (MonClient c = connect(MonClient.DEFAULT_TIMEOUT)) {
      assertThat(c.login("alice", "s3cret").ok()).isTrue();
      assertThatThrownBy(() -> c.login("bob", "pw")).isInstanceOf(IOException.class).hasMessage(
          address + ": connection closed before the status line of the reply to \"login bob\"");
    }
  }

  @Test
  void login_wordWithWhitespace_isRefusedBeforeSending() throws Exception {
    try (MonClient c = connect(MonClient.DEFAULT_TIMEOUT)) {
      assertThatThrownBy(() -> c.login("alice", "two words")).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("password must be one word without whitespace for mon's login");
      assertThatThrownBy(() -> c.request("list watch\nstop")).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(daemon.requests()).isEmpty();
  }

  @Test
  void nothingListening_cannotConnect_withTheRefusalAsCause() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    assertThatThrownBy(() -> MonClient.connect("127.0.0.1", port, Duration.ofSeconds(5)))
        .hasMessage("cannot connect to 127.0.0.1:" + port + ": Connection refused")
        .hasCauseInstanceOf(ConnectException.class);
  }

  @Test
  void noReplyInTime_namesTheRequestAndTheLimit() throws Exception {
    daemon.answer("list opstatus", CannedDaemon.SILENT);
    try (MonClient c = connect(Duration.ofMillis(200))) {
      assertThatThrownBy(() -> c.request("list opstatus"))
          .hasMessage(address + ": no reply within 0.2s to \"list opstatus\"");
    }
  }

  @Test
  void overlongLine_isRefused_namingTheLimit() throws Exception {
    daemon.answer("list dtlog", "x".repeat(MonClient.MAX_LINE + 1), "220 list dtlog completed");
    try (MonClient c = connect(MonClient.DEFAULT_TIMEOUT)) {
      assertThatThrownBy(() -> c.request("list dtlog"))
          .hasMessage(address + ": a reply line longer than 1048576 bytes to \"list dtlog\"");
    }
  }

  @Test
  void statusWithTab_isMalformed() throws Exception {
    daemon.answer("quit", "220\tquitting");
    try (MonClient c = connect(MonClient.DEFAULT_TIMEOUT)) {
      assertThatThrownBy(() -> c.request("quit")).hasMessageContaining("malformed status line");
    }
  }

  @Test
  void quote_isMonClientsAckComment_backslashAsHex_soTheServerReadsItBackWhole() {
    String comment = "it's \"down\" \\ é\nnext";
    assertThat(MonClient.quote(comment)).isEqualTo("'it\\27s\\20\\22down\\22\\20\\5c\\20\\c3\\a9\\0anext'");
    assertThat(PerlWords.firstShellWord(MonClient.quote(comment) + " rest")).isEqualTo(comment);
  }

  @Test
  void address_bracketsIpv6() {
    assertThat(MonClient.address("::1", 2583)).isEqualTo("[::1]:2583");
    assertThat(MonClient.address("localhost", 2583)).isEqualTo("localhost:2583");
  }
}
