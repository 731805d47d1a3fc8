package org.lvsmon.alert.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailSettingsTest {
  @TempDir Path dir;

  private Path write(String text, String mode) throws Exception {
    Path f = dir.resolve("mail.conf");
    Files.writeString(f, text);
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
    return f;
  }

  @Test
  void noFile_localhost25WithoutAuth_asALocalSendmail() throws Exception {
    MailSettings s = MailSettings.load(dir.resolve("absent.conf"));

    assertThat(s).isEqualTo(MailSettings.defaults());
    assertThat(s.relay()).isEqualTo("localhost:25");
    assertThat(s.user()).isEmpty();
  }

  @Test
  void everyKey_parsed_smtpsDefaultsTo465() throws Exception {
    MailSettings s = MailSettings.load(write("# relay\nhost = relay.example.com\nsecurity = SMTPS\nuser = lvs\n"
        + "password = s3cr=t \nfrom = lvsmon@director\nhelo = director\nconnect_timeout = 5s\ntimeout = 1m\n"
        + "age_limit = 2h\n", "rw-------"));

    assertThat(s.port()).isEqualTo(465);
    assertThat(s.security()).isEqualTo(MailSettings.Security.SMTPS);
    assertThat(s.password()).contains("s3cr=t");
    assertThat(s.from()).contains("lvsmon@director");
    assertThat(s.helo()).contains("director");
    assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.timeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(s.ageLimit()).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void theExampleInConf_allCommentedOut_isTheDefaults() throws Exception {
    assertThat(MailSettings.load(Path.of("conf/mail.conf"))).isEqualTo(MailSettings.defaults());
  }

  @Test
  void toString_neverShowsThePassword() throws Exception {
    MailSettings s = MailSettings.load(write("user = lvs\npassword = hunter2\n", "r--------"));

    assertThat(s.toString()).doesNotContain("hunter2").contains("user lvs, password ****");
  }

  @Test
  void passwordInAFileGroupCanRead_refused() throws Exception {
    Path f = write("user = lvs\npassword = hunter2\n", "rw-r-----");

    assertThatThrownBy(() -> MailSettings.load(f)).hasMessage(f + ": holds a password but is mode 0640, open to"
        + " group or others; it must be 0600 or stricter (chmod 600 " + f + ")").hasMessageNotContaining("hunter2");
  }

  @Test
  void openFileWithoutPassword_accepted() throws Exception {
    assertThat(MailSettings.load(write("host = relay\n", "rw-r--r--")).host()).isEqualTo("relay");
  }

  @Test
  void everyProblem_reportedInOnePass_withLineAndSuggestion() throws Exception {
    Path f = write("hots = relay\nport = 99999\nport = 25\nsecurity = tls\ntimeout = 30\nuser = lvs\nnonsense\n",
        "rw-------");

    assertThatThrownBy(() -> MailSettings.load(f)).hasMessage(String.join("\n",
        f + ":1: unknown key \"hots\" (did you mean \"host\"?)",
        f + ":3: \"port\" is given twice",
        f + ":7: \"nonsense\" has no \"= value\"",
        f + ": security \"tls\" is not none, starttls or smtps",
        f + ": user is given without password: SMTP authentication needs both",
        f + ": timeout \"30\" is not a duration above zero (30s, 5m, 1.5h, 1d)"));
  }
}
