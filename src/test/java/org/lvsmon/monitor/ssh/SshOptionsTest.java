package org.lvsmon.monitor.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshOptionsTest {
  @TempDir Path home;

  private SshOptions parse(String... args) throws Exception {
    return SshOptions.parse(List.of(args), new SshDefaults(home, "me"));
  }

  @Test
  void defaults_bannerOnly() throws Exception {
    SshOptions o = parse("n1", "n2");

    assertThat(o.port()).isEqualTo(22);
    assertThat(o.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(o.bannerTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(o.login()).isNull();
    assertThat(o.hosts()).containsExactly("n1", "n2");
    assertThat(o.perHostLimit()).isEqualTo(Duration.ofMillis(10_250));
  }

  @Test
  void auth_defaultsAreOpenSshs_existingIdentitiesOnly() throws Exception {
    Files.createDirectories(home.resolve(".ssh"));
    Files.writeString(home.resolve(".ssh/id_rsa"), "x");

    SshOptions o = parse("--auth", "n1");

    assertThat(o.login()).isEqualTo(new SshAuth("me", List.of(home.resolve(".ssh/id_rsa")), home.resolve(".ssh/known_hosts"), null));
    assertThat(o.perHostLimit()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void auth_everyFlag() throws Exception {
    SshOptions o = parse("-A", "-p2222", "-t", "1", "-b", "2", "-T", "3.5", "-u", "root", "-i", "k1", "-i", "k2", "-k", "kh",
        "--host-key-alias", "login-vip", "n1");

    assertThat(o.port()).isEqualTo(2222);
    assertThat(o.sshTimeout()).isEqualTo(Duration.ofMillis(3500));
    assertThat(o.login()).isEqualTo(new SshAuth("root", List.of(Path.of("k1"), Path.of("k2")), Path.of("kh"), "login-vip"));
    assertThat(o.perHostLimit()).isEqualTo(Duration.ofMillis(6500));
  }

  @Test
  void loginFlagsWithoutAuth_andBadValues_areUsageErrors() {
    assertThatThrownBy(() -> parse("--host-key-alias", "x", "n")).hasMessage("option --host-key-alias needs --auth (without it only the banner is checked)");
    assertThatThrownBy(() -> parse("-b", "0", "n")).hasMessageStartingWith("-b: bad time \"0\"");
    assertThatThrownBy(() -> parse("--auth", "--host-key-alias", " ", "n")).hasMessage("--host-key-alias: empty alias");
    assertThatThrownBy(() -> SshOptions.parse(List.of("--auth", "n"), new SshDefaults(home, ""))).hasMessage("no user to log in as: give -u USER");
  }
}
