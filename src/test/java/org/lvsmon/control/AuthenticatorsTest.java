package org.lvsmon.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lvsmon.control.PasswordHashesTest.DES;
import static org.lvsmon.control.PasswordHashesTest.MD5;
import static org.lvsmon.control.PasswordHashesTest.PASSWORD;
import static org.lvsmon.control.PasswordHashesTest.SHA256;
import static org.lvsmon.control.PasswordHashesTest.SHA512;
import static org.lvsmon.control.PasswordHashesTest.YESCRYPT;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mon's {@code auth()} for each authtype, and the order in which {@code login} tries them. */
class AuthenticatorsTest {
  private static final String REMOTE = "10.0.0.9";

  @TempDir Path dir;

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  private Authenticator of(List<String> types, Path userfile, Path shadow) {
    return Authenticators.of(types, userfile, shadow);
  }

  @Test
  void userfile_acceptsEachSupportedScheme_andRefusesWrongPasswords() throws Exception {
    Path users = write("monusers.cf", "# mon users\n\n  # indented comment\nsha512 : " + SHA512
        + "\nsha256:" + SHA256 + "\nmd5:\t" + MD5 + "\ndes:" + DES + "\n");
    Authenticator a = of(List.of("userfile"), users, dir.resolve("no-shadow"));
    for (String u : List.of("sha512", "sha256", "md5", "des")) {
      assertThat(a.login(u, PASSWORD, REMOTE)).as(u).isTrue();
      assertThat(a.login(u, "wrong", REMOTE)).as(u).isFalse();
    }
    assertThat(a.login("nobody", PASSWORD, REMOTE)).isFalse();
  }

  @Test
  void userfile_readAsMonDoes_laterLineWins_colonlessLineUndefinesUser_noTrimOfHash() {
    Map<String, String> users = FileAuthenticator.users(List.of("a:one", "a : two", "b:x", "b",
        " c:h ", "d:h\r", "e", "#f:x", "   ", "g: h : i"));
    assertThat(users).containsExactlyInAnyOrderEntriesOf(Map.of("a", "two", " c", "h ", "d", "h\r", "g", "h : i"));
  }

  @Test
  void userfile_editedBetweenLogins_takesEffectAtOnce() throws Exception {
    Path users = write("monusers.cf", "alice:" + MD5 + "\n");
    Authenticator a = of(List.of("userfile"), users, dir.resolve("no-shadow"));
    assertThat(a.login("alice", PASSWORD, REMOTE)).isTrue();
    write("monusers.cf", "alice:" + SHA512 + "x\n");
    assertThat(a.login("alice", PASSWORD, REMOTE)).isFalse();
  }

  @Test
  void userfile_missing_refusesEveryLogin() {
    Authenticator a = of(List.of("userfile"), dir.resolve("absent.cf"), dir.resolve("no-shadow"));
    assertThat(a.login("alice", PASSWORD, REMOTE)).isFalse();
    assertThat(a.login("alice", PASSWORD, REMOTE)).isFalse();
  }

  @Test
  void yescryptInUserfile_isRefused_andTheProblemNamesUserAndType() throws Exception {
    Path users = write("monusers.cf", "alice:" + YESCRYPT + "\n");
    assertThat(of(List.of("userfile"), users, dir.resolve("no-shadow")).login("alice", PASSWORD, REMOTE)).isFalse();
    assertThatThrownBy(() -> PasswordHashes.matches(PASSWORD, YESCRYPT))
        .hasMessageContaining("yescrypt ($y$) is not supported; set a SHA-512 hash (mkpasswd -m sha-512");
  }

  @Test
  void getpwnam_readsTheShadowFile_firstLineForTheUserCounts() throws Exception {
    Path shadow = write("shadow", "root:*:19000:0:99999:7:::\nalice:" + SHA512 + ":19000:0:99999:7:::\n"
        + "alice:" + MD5 + "x:19000::::::\nbob:!" + SHA256 + ":19000::::::\ncarol:" + YESCRYPT + ":1::::::\n");
    Authenticator a = of(List.of("getpwnam"), dir.resolve("no-users"), shadow);
    assertThat(a.login("alice", PASSWORD, REMOTE)).isTrue();
    assertThat(a.login("root", PASSWORD, REMOTE)).isFalse();
    assertThat(a.login("bob", PASSWORD, REMOTE)).as("locked").isFalse();
    assertThat(a.login("carol", PASSWORD, REMOTE)).as("yescrypt").isFalse();
  }

  @Test
  void getpwnam_unreadableShadow_refuses() throws Exception {
    Path shadow = write("shadow", "alice:" + SHA512 + ":19000::::::\n");
    Authenticator a = of(List.of("getpwnam"), dir.resolve("no-users"), dir.resolve("missing-shadow"));
    assertThat(a.login("alice", PASSWORD, REMOTE)).isFalse();
    assertThat(CredentialFile.reason(shadow, new java.nio.file.AccessDeniedException(shadow.toString())))
        .contains("permission denied", "not root");
  }

  @Test
  void trustlocal_acceptsAnyUser_withAnyOrNoPassword_butOnlyFrom127001() {
    Authenticator a = of(List.of("trustlocal"), dir.resolve("u"), dir.resolve("s"));
    assertThat(a.login("anyone", "", "127.0.0.1")).isTrue();
    assertThat(a.login("anyone", "whatever", "127.0.0.1")).isTrue();
    assertThat(a.login("", "", "127.0.0.1")).as("empty user").isFalse();
    for (String host : List.of("127.0.0.2", "::1", "0:0:0:0:0:0:0:1", "10.0.0.1", "localhost")) {
      assertThat(a.login("anyone", "pw", host)).as(host).isFalse();
    }
  }

  @Test
  void authtypes_areTriedInOrder_untilOneAccepts() throws Exception {
    Path users = write("monusers.cf", "alice:" + MD5 + "\n");
    Path shadow = write("shadow", "bob:" + SHA512 + ":1::::::\n");
    Authenticator both = of(List.of("getpwnam", "userfile"), users, shadow);
    assertThat(both.login("alice", PASSWORD, REMOTE)).isTrue();
    assertThat(both.login("bob", PASSWORD, REMOTE)).isTrue();
    Authenticator onlyFile = of(List.of("userfile"), users, shadow);
    assertThat(onlyFile.login("bob", PASSWORD, REMOTE)).isFalse();
    Authenticator localFirst = of(List.of("trustlocal", "userfile"), users, shadow);
    assertThat(localFirst.login("alice", "", REMOTE)).as("empty password, remote").isFalse();
    assertThat(localFirst.login("alice", "", "127.0.0.1")).isTrue();
    assertThat(of(List.of(), users, shadow).login("alice", PASSWORD, REMOTE)).as("no authtype").isFalse();
  }

  @Test
  void badInput_isRefused_neverThrown() throws Exception {
    Path users = write("monusers.cf", "alice:" + SHA512 + "\n");
    Authenticator a = of(List.of("userfile", "getpwnam"), users, dir.resolve("s"));
    assertThat(a.login("alice", "", REMOTE)).isFalse();
    assertThat(a.login("", PASSWORD, REMOTE)).isFalse();
    assertThat(a.login("a".repeat(100_000), PASSWORD, REMOTE)).isFalse();
    assertThat(a.login("alice", "p".repeat(10_000_000), REMOTE)).isFalse();
    assertThat(a.login("alice", PASSWORD + "\0tail", REMOTE)).isFalse();
    assertThat(a.login("al\uFFFDce", "\uFFFD\uD800", REMOTE)).isFalse();
    Files.write(users, new byte[] {'a', ':', (byte) 0xff, (byte) 0xfe, '\n', (byte) 0xc3, ':', 'x'});
    assertThat(a.login("a", PASSWORD, REMOTE)).isFalse();
  }

  @Test
  void pam_isAConfigError_namingIt() {
    assertThatThrownBy(() -> Authenticators.of(List.of("userfile", "pam"), dir, dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("authtype \"pam\" is not supported by lvsmon");
  }

  @Test
  void unknownAndShadowTypes_areConfigErrors_withAHint() {
    assertThatThrownBy(() -> Authenticators.of(List.of("userfle"), dir, dir))
        .hasMessage("unknown authtype \"userfle\" (did you mean \"userfile\"?); expected one of getpwnam,"
            + " userfile, trustlocal");
    assertThatThrownBy(() -> Authenticators.of(List.of("shadow"), dir, dir))
        .hasMessageContaining("authtype \"shadow\" accepts no login in mon");
  }
}
