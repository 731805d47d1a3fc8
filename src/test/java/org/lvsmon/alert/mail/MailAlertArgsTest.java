package org.lvsmon.alert.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MailAlertArgsTest {
  @Test
  void monsUpalertCall_doubleU_recipientsAfterTheOptions() throws Exception {
    MailAlertArgs a = MailAlertArgs.parse(List.of("-s", "ssh", "-g", "login", "-h", "127.0.0.1 localhost", "-t",
        "1795311212", "-u", "-u", "admin@example.com", "ops@example.com"));

    assertThat(a.up()).isTrue();
    assertThat(a.entity()).isEqualTo("login/ssh");
    assertThat(a.hosts()).isEqualTo("127.0.0.1 localhost");
    assertThat(a.time()).contains(Instant.ofEpochSecond(1795311212));
    assertThat(a.recipients()).containsExactly("admin@example.com", "ops@example.com");
    assertThat(a.from()).isEmpty();
  }

  @Test
  void subjectAndFrom_attachedOrSeparate_andOtherFlagsAreAlerts() throws Exception {
    MailAlertArgs a = MailAlertArgs.parse(List.of("-Sswitch down", "-f", "root@localhost", "-T", "root@localhost"));

    assertThat(a.up()).isFalse();
    assertThat(a.subject()).contains("switch down");
    assertThat(a.from()).isEqualTo(Optional.of("root@localhost"));
    assertThat(a.time()).isEmpty();
  }

  @Test
  void optionsEndAtTheFirstAddress_asGetopts() throws Exception {
    assertThatThrownBy(() -> MailAlertArgs.parse(List.of("root", "-u")))
        .hasMessageContaining("recipient \"-u\" is not an address");
    assertThat(MailAlertArgs.parse(List.of("--", "root")).recipients()).containsExactly("root");
  }

  @Test
  void errors_nameTheOptionAndValue() {
    assertThatThrownBy(() -> MailAlertArgs.parse(List.of("-s", "ssh"))).hasMessage(
        "no recipient: give one or more addresses after the options");
    assertThatThrownBy(() -> MailAlertArgs.parse(List.of("-x", "root"))).hasMessage("unknown option -x");
    assertThatThrownBy(() -> MailAlertArgs.parse(List.of("-t", "soon", "root"))).hasMessage(
        "-t \"soon\" is not a time in seconds since the epoch");
    assertThatThrownBy(() -> MailAlertArgs.parse(List.of("root", "-S"))).hasMessageContaining("-S");
    assertThatThrownBy(() -> MailAlertArgs.parse(List.of("-S"))).hasMessage("option -S needs a value");
  }
}
