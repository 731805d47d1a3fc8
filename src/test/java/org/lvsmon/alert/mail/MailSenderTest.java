package org.lvsmon.alert.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

/** How failures are classified, from the exceptions Jakarta Mail throws (no server). */
class MailSenderTest {
  @Test
  void recipientRejected5xx_permanent_notARelayFailure() {
    MailSender.Result r = MailSender.classify(new SendFailedException("Invalid Addresses",
        new MessagingException("550 5.1.1 <nobody@example.com>: Recipient address rejected")), false);

    assertThat(r.outcome()).isEqualTo(MailSender.Outcome.PERMANENT);
    assertThat(r.relayFailed()).isFalse();
    assertThat(r.detail()).isEqualTo("Invalid Addresses (550 5.1.1 <nobody@example.com>: Recipient address rejected)");
  }

  @Test
  void reply4xx_transient() {
    assertThat(MailSender.classify(new MessagingException("451 4.3.0 try again later"), false).outcome())
        .isEqualTo(MailSender.Outcome.TRANSIENT);
    assertThat(MailSender.classify(new MessagingException("Could not connect to SMTP host: relay, port: 25,"
        + " response: 421"), true).outcome()).isEqualTo(MailSender.Outcome.TRANSIENT);
  }

  @Test
  void connectRefusedOrTimeout_unreachable_relayFailed() {
    MailSender.Result refused = MailSender.classify(new MessagingException("Couldn't connect to host, port: 127.0.0.1,"
        + " 2525; timeout 5000", new ConnectException("Connection refused")), true);
    MailSender.Result timeout = MailSender.classify(new MessagingException("Exception reading response",
        new SocketTimeoutException("Read timed out")), false);

    assertThat(refused.outcome()).isEqualTo(MailSender.Outcome.UNREACHABLE);
    assertThat(refused.detail()).endsWith("(Connection refused)");
    assertThat(timeout.outcome()).isEqualTo(MailSender.Outcome.UNREACHABLE);
    assertThat(timeout.relayFailed()).isTrue();
  }
}
