package org.lvsmon.monitor.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.KeyPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lvsmon.monitor.MonitorUsageException;

/** Loading the files a login needs, without a server. */
class SshLoginTest {
  @TempDir Path dir;

  private Path knownHosts() throws Exception {
    return Files.writeString(dir.resolve("known_hosts"), "# empty\n");
  }

  @Test
  void ed25519IdentityInOpenSshFormat_loads() throws Exception {
    KeyPair kp = KeyPair.genKeyPair(new JSch(), KeyPair.ED25519);
    Path id = dir.resolve("id_ed25519");
    kp.writeOpenSSHv1PrivateKey(id.toString());

    SshLogin login = SshLogin.load(new SshAuth("u", List.of(id), knownHosts(), null));

    assertThat(login.auth().identities()).containsExactly(id);
  }

  @Test
  void encryptedEd25519Identity_isRefused() throws Exception {
    KeyPair kp = KeyPair.genKeyPair(new JSch(), KeyPair.ED25519);
    Path id = dir.resolve("id_locked");
    kp.writeOpenSSHv1PrivateKey(id.toString(), "pw".getBytes());

    assertThatThrownBy(() -> SshLogin.load(new SshAuth("u", List.of(id), knownHosts(), null)))
        .isInstanceOf(MonitorUsageException.class).hasMessageContaining("is protected by a passphrase");
  }

  @Test
  void missingOrBrokenIdentity_isNamed() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk"), "not a key\n");

    assertThatThrownBy(() -> SshLogin.load(new SshAuth("u", List.of(dir.resolve("none")), knownHosts(), null)))
        .hasMessage("identity file " + dir.resolve("none") + " does not exist");
    assertThatThrownBy(() -> SshLogin.load(new SshAuth("u", List.of(junk), knownHosts(), null)))
        .hasMessageStartingWith("identity file " + junk + " cannot be used: ");
  }

  @Test
  void connection_holdsOneJschThread_andCloseEndsIt() throws Exception {
    java.security.KeyPair host = TestSshd.newKey();
    java.security.KeyPair client = TestSshd.newKey();
    java.net.InetAddress lo = org.lvsmon.monitor.LoopbackServer.loopback(1);
    try (TestSshd d = TestSshd.start(lo, 0, host, client.getPublic(), 0)) {
      Path kh = Files.writeString(dir.resolve("kh"), "[127.0.0.1]:" + d.port() + " " + d.hostKeyEntry() + "\n");
      SshLogin login = SshLogin.load(new SshAuth("u", List.of(KeyFiles.writePrivate(client, dir.resolve("id"), null)), kh, null));
      java.net.Socket s = new java.net.Socket(lo, d.port());
      java.util.List<String> phases = new java.util.ArrayList<>();

      SshConnection c = login.open("127.0.0.1", d.port(), s, new byte[0], 5000, phases::add);

      assertThat(phases).containsExactly("key exchange", "authentication");
      assertThat(SshMonitorTest.jschThreads()).containsExactly("Connect thread 127.0.0.1 session");
      assertThat(c.exec("true", java.time.Duration.ofSeconds(5))).isZero();
      c.close();
      assertThat(SshMonitorTest.jschThreads()).isEmpty();
      assertThat(s.isClosed()).isTrue();
    }
  }

  @Test
  void knownHostsThatIsADirectory_isNamed() {
    assertThatThrownBy(() -> SshLogin.load(new SshAuth("u", List.of(), dir, null)))
        .hasMessageStartingWith("cannot read known_hosts file " + dir);
  }
}
