package org.lvsmon.alert.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storm-control keys of the mail settings: max_mails and digest. */
class StormSettingsTest {
  @TempDir Path dir;

  private Path write(String text) throws Exception {
    Path f = dir.resolve("mail.conf");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void absent_bothOff() throws Exception {
    assertThat(MailSettings.load(dir.resolve("absent.conf")).storm()).isEqualTo(StormControl.OFF);
    assertThat(MailSettings.load(write("host = relay\n")).storm().on()).isFalse();
    assertThat(MailSettings.defaults().storm()).isEqualTo(StormControl.OFF);
  }

  @Test
  void bothKeys_parsed_andShown() throws Exception {
    MailSettings s = MailSettings.load(write("max_mails = 20 per 10m\ndigest = 5  within 30s\n"));

    assertThat(s.storm().cap()).contains(new StormControl.Cap(20, Duration.ofMinutes(10)));
    assertThat(s.storm().digest()).contains(new StormControl.Digest(5, Duration.ofSeconds(30)));
    assertThat(s.toString()).contains("max_mails 20 per 10m digest 5 within 30s");
  }

  @Test
  void badValues_eachNamedWithKeyValueAndExpectation_allInOnePass() throws Exception {
    Path f = write("max_mails = 20/10m\ndigest = 1 within 30s\n");

    assertThatThrownBy(() -> MailSettings.load(f)).isInstanceOf(MailSettings.SettingsException.class)
        .hasMessageContaining(f + ": max_mails \"20/10m\" is not \"N per DURATION\" with N 1 or more")
        .hasMessageContaining("(e.g. 20 per 10m)")
        .hasMessageContaining(f + ": digest \"1 within 30s\" is not \"N within DURATION\" with N 2 or more");
  }

  @Test
  void badValues_zeroCountZeroWindowNoUnit_refused() throws Exception {
    for (String bad : new String[] {"max_mails = 0 per 10m", "max_mails = 5 per 0s", "max_mails = 5 per ten",
        "digest = 5 within", "digest = five within 30s"}) {
      Path f = write(bad + "\n");
      assertThatThrownBy(() -> MailSettings.load(f)).as(bad).hasMessageContaining("\"" + bad.split(" = ")[1] + "\"");
    }
  }

  @Test
  void digestWindowAbove5Minutes_refused_becauseEveryMailMayWaitThatLong() throws Exception {
    Path f = write("digest = 5 within 10m\n");

    assertThatThrownBy(() -> MailSettings.load(f))
        .hasMessageContaining("digest \"5 within 10m\": 10m is above 5m; every mail may be held that long");
  }

  @Test
  void givenTwice_refused() throws Exception {
    Path f = write("digest = 5 within 30s\ndigest = 6 within 30s\n");

    assertThatThrownBy(() -> MailSettings.load(f)).hasMessageContaining(":2: \"digest\" is given twice");
  }

  @Test
  void stormControlOff_hasNoCapOrDigest() {
    assertThat(StormControl.OFF.cap()).isEqualTo(Optional.empty());
    assertThat(StormControl.OFF.toString()).isEmpty();
  }
}
