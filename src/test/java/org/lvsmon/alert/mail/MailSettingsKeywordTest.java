package org.lvsmon.alert.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.lvsmon.config.ConfigException;
import org.lvsmon.config.KeywordRegistry;
import org.lvsmon.config.MonConfig;
import org.lvsmon.config.MonConfigParser;

/** The mon.cf global {@code mailsettings = FILE} and which settings file the daemon reads. */
class MailSettingsKeywordTest {
  private static MonConfig parse(String text) throws ConfigException {
    KeywordRegistry registry = new KeywordRegistry();
    MailSettings.register(registry);
    return new MonConfigParser(registry).parse(text, Path.of("mon.cf"));
  }

  @Test
  void theFlagWins_thenTheGlobalUnderCfbasedir_thenTheDefault() throws Exception {
    MonConfig with = parse("mailsettings = relay.conf\n");
    MonConfig without = parse("maxprocs = 2\n");
    Path cf = Path.of("/etc/mon");
    assertThat(MailSettings.choose(Path.of("/x/m.conf"), with, cf)).isEqualTo(Path.of("/x/m.conf"));
    assertThat(MailSettings.choose(null, with, cf)).isEqualTo(Path.of("/etc/mon/relay.conf"));
    assertThat(MailSettings.choose(null, parse("mailsettings = /srv/mail.conf\n"), cf)).isEqualTo(Path.of("/srv/mail.conf"));
    assertThat(MailSettings.choose(null, without, cf)).isEqualTo(MailSettings.DEFAULT_PATH);
  }

  @Test
  void anEmptyValue_isAnErrorNamingTheLine() {
    assertThatThrownBy(() -> parse("maxprocs = 2\nmailsettings =\n")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("mon.cf:2");
  }
}
