package org.lvsmon.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lvsmon.config.ConfigException;
import org.lvsmon.config.ConfigProblem;

/** auth.cf as mon's {@code load_auth} reads it and {@code check_auth} applies it (reference 6.2). */
class AuthConfigTest {
  private static final AuthConfig DEBIAN = Fixture.auth(Fixture.debianAuthCf());

  @ParameterizedTest
  @ValueSource(strings = {"list", "checkauth", "protid", "quit", "servertime", "version"})
  void debian_openCommands_areAllowedWithoutLogin(String cmd) {
    assertThat(DEBIAN.allows(cmd, null)).isTrue();
    assertThat(DEBIAN.allows(cmd, "alice")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ack", "clear", "disable", "dump", "enable", "get", "loadstate", "reload", "reset",
      "savestate", "set", "start", "stop", "term", "test"})
  void debian_authAnyCommands_needALogin(String cmd) {
    assertThat(DEBIAN.allows(cmd, null)).isFalse();
    assertThat(DEBIAN.allows(cmd, "alice")).isTrue();
  }

  @Test
  void debianCopy_isVerbatim() throws Exception {
    byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
        .digest(DebianAuthCf.TEXT.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(java.util.HexFormat.of().formatHex(hash)).isEqualTo(DebianAuthCf.SHA256);
  }

  @Test
  void debian_hasNoTrapSenders_andNoWarnings() {
    assertThat(DEBIAN.trapSenders()).isEmpty();
    assertThat(DEBIAN.warnings()).isEmpty();
  }

  @Test
  void commandMissingFromFile_isRefusedEvenAfterLogin() {
    assertThat(DEBIAN.allows("setview", "alice")).isFalse();
    assertThat(DEBIAN.allows("bogus", "alice")).isFalse();
  }

  @Test
  void commandLookup_isExact_soCheckauthOfUppercaseIsRefused() {
    assertThat(DEBIAN.allows("LIST", null)).isFalse();
    assertThat(DEBIAN.allows(null, null)).isFalse();
  }

  @Test
  void commandNamesInFile_areCaseInsensitive_usersAreNot() {
    AuthConfig a = Fixture.auth("STOP: Alice\n");
    assertThat(a.allows("stop", "Alice")).isTrue();
    assertThat(a.allows("stop", "alice")).isFalse();
  }

  @Test
  void listedUsers_only() {
    AuthConfig a = Fixture.auth("command section\nstop: alice, bob\n");
    assertThat(a.allows("stop", "alice")).isTrue();
    assertThat(a.allows("stop", "bob")).isTrue();
    assertThat(a.allows("stop", "carol")).isFalse();
    assertThat(a.allows("stop", null)).isFalse();
  }

  @Test
  void bangUser_deniesThatUser_evenUnderAuthAny() {
    AuthConfig a = Fixture.auth("disable: AUTH_ANY,!bob\n");
    assertThat(a.allows("disable", "alice")).isTrue();
    assertThat(a.allows("disable", "bob")).isFalse();
    assertThat(a.allows("disable", null)).isFalse();
  }

  @Test
  void bangAuthAny_deniesLoggedInUsers_butNotAnonymousUnderAll() {
    AuthConfig a = Fixture.auth("list: all, !AUTH_ANY\n");
    assertThat(a.allows("list", null)).isTrue();
    assertThat(a.allows("list", "alice")).isFalse();
  }

  @Test
  void repeatedCommandLines_accumulate() {
    AuthConfig a = Fixture.auth("stop: alice\nstop: bob\n");
    assertThat(a.allows("stop", "alice")).isTrue();
    assertThat(a.allows("stop", "bob")).isTrue();
  }

  @Test
  void denyAll_refusesEverything() {
    assertThat(AuthConfig.DENY_ALL.allows("list", null)).isFalse();
    assertThat(AuthConfig.DENY_ALL.allows("list", "root")).isFalse();
  }

  @Test
  void lineWithoutColon_isAnError_andEveryErrorIsReportedWithFileAndLine() {
    assertThatThrownBy(() -> AuthConfig.parse("# x\nlist all\nstop: alice\nstart\n", Path.of("/etc/mon/auth.cf")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("/etc/mon/auth.cf:2: cannot parse \"list all\": expected \"command: user[,user...]\"")
        .hasMessageContaining("/etc/mon/auth.cf:4: cannot parse \"start\"")
        .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(2));
  }

  @Test
  void unknownCommand_warnsWithSuggestion() {
    AuthConfig a = Fixture.auth("disabel: all\n");
    assertThat(a.warnings()).extracting(ConfigProblem::toString)
        .containsExactly("auth.cf:1: warning: unknown command \"disabel\" (did you mean \"disable\"?); this line has no effect");
    assertThat(a.allows("disable", null)).isFalse();
  }

  @Test
  void trailingComment_becomesPartOfUserName_asInMon_andWarns() {
    AuthConfig a = Fixture.auth("list: all # everyone\n");
    assertThat(a.allows("list", null)).isFalse();
    assertThat(a.warnings()).singleElement().asString().contains("user \"all # everyone\" contains whitespace");
  }

  @Test
  void trapSection_readsHostUserPassword_andSkipsBadLinesWithWarnings() {
    AuthConfig a = Fixture.auth("""
        command section
        list: all
        trap section
        * mon Xy9hash
        127.0.0.1 * *
        director.example.org collector hash2
        1.2.3.999 u p
        onlytwo fields
        command section
        stop: alice
        """);
    assertThat(a.trapSenders()).extracting(AuthConfig.TrapSender::host, AuthConfig.TrapSender::user,
            AuthConfig.TrapSender::password, AuthConfig.TrapSender::line)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("*", "mon", "Xy9hash", 4),
            org.assertj.core.groups.Tuple.tuple("127.0.0.1", "*", "*", 5),
            org.assertj.core.groups.Tuple.tuple("director.example.org", "collector", "hash2", 6));
    assertThat(a.warnings()).extracting(ConfigProblem::line).containsExactly(7, 8);
    assertThat(a.allows("stop", "alice")).as("command section again after the trap section").isTrue();
  }

  @Test
  void crlfLinesAndIndentedComments_areAccepted() {
    AuthConfig a = Fixture.auth("   # comment\r\n\r\nlist:\tall\r\n");
    assertThat(a.allows("list", null)).isTrue();
  }

  @Test
  void read_readsDebianFileFromDisk() throws Exception {
    Path f = java.nio.file.Files.createTempFile("auth", ".cf");
    try {
      java.nio.file.Files.writeString(f, Fixture.debianAuthCf());
      assertThat(AuthConfig.read(f).allows("stop", "alice")).isTrue();
    } finally {
      java.nio.file.Files.delete(f);
    }
  }
}
