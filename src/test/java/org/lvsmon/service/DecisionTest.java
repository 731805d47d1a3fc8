package org.lvsmon.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.lvsmon.config.ServiceRef;
import org.lvsmon.service.Decision.Reason;

/** Decision messages read like mon's syslog lines, for differential log comparison. */
class DecisionTest {
  private static final ServiceRef SSH = new ServiceRef("login", "ssh");

  @Test
  void periodReasons_haveMonsPrefixAndText() {
    assertThat(new Decision(SSH, "wd {Sun-Sat}", Reason.ALERTEVERY, null).message())
        .isEqualTo("login/ssh/wd {Sun-Sat}: Suppressing alert for now due to alertevery.");
    assertThat(new Decision(SSH, "p", Reason.ALERTAFTER_WINDOW, null).message())
        .isEqualTo("login/ssh/p: Suppressing alert for now due to alertafter num timeval.");
    assertThat(new Decision(SSH, "p", Reason.NO_DOWN_ALERT_FOR_UPALERT, null).message())
        .isEqualTo("login/ssh/p: Suppressing upalert since no down alert was sent.");
  }

  @Test
  void serviceReasons_useMonsSeparators() {
    assertThat(new Decision(SSH, null, Reason.DISABLED, null).message()).isEqualTo("ignoring alert for login,ssh");
    assertThat(new Decision(SSH, null, Reason.ACKED, null).message())
        .isEqualTo("no alert for login.ssh because of ack'd failure");
    assertThat(new Decision(SSH, null, Reason.SCHEDULER_STOPPED, null).message())
        .isEqualTo("ignoring alert for login,ssh because the mon scheduler is stopped");
    assertThat(new Decision(SSH, null, Reason.NO_ALERT_FOUND, "mail.alert").message())
        .isEqualTo("no alert found while trying to run mail.alert");
  }
}
