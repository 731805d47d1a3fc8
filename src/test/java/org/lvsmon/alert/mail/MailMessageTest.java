package org.lvsmon.alert.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The expected texts are what mon's mail.alert (Perl, Text::Wrap 2021.0814) produces for the same input. */
class MailMessageTest {
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  private static MailMessage compose(String stdin, String... argv) throws Exception {
    return MailMessage.compose(MailAlertArgs.parse(List.of(argv)), stdin, ZoneOffset.UTC, NOW);
  }

  @Test
  void downAlert_subjectAndBodyAsMons() throws Exception {
    MailMessage m = compose("node3 node4\nnode3: connection refused\nnode4: timeout\n", "-s", "ssh", "-g", "login",
        "-h", "node3 node4 node5", "-t", "1795311202", "admin@example.com");

    assertThat(m.subject()).isEqualTo("ALERT login/ssh: node3 node4 (Sun Nov 22 01:33:22)");
    assertThat(m.body()).isEqualTo("\n"
        + "Group                 : login\n"
        + "Service               : ssh\n"
        + "Time noticed          : Sun Nov 22 01:33:22 2026\n"
        + "Secs until next alert : \n"
        + "Members \t      : node3 node4 node5\n"
        + "\n"
        + "Detailed text (if any) follows:\n"
        + "-------------------------------\n"
        + "node3: connection refused\n"
        + "node4: timeout\n");
    assertThat(m.to()).containsExactly("admin@example.com");
    assertThat(m.date()).isEqualTo(Instant.ofEpochSecond(1795311202));
  }

  @Test
  void upAlert_dashSReplacesTheSummary_singleDigitDayPaddedInBodyOnly() throws Exception {
    MailMessage m = compose("node3\n", "-S", "back", "-s", "ssh", "-g", "login", "-h", "", "-t", "1794792802",
        "-u", "-u", "a@x", "b@x");

    assertThat(m.subject()).isEqualTo("UPALERT login/ssh: back (Mon Nov 16 01:33:22)");
    assertThat(compose("", "-t", "1793842402", "r").body()).contains("Time noticed          : Thu Nov  5 01:33:22 2026\n");
    assertThat(compose("", "-t", "1793842402", "r").subject()).endsWith("(Thu Nov 5 01:33:22)");
    assertThat(m.body()).contains("Members \t      : \n");
    assertThat(m.to()).containsExactly("a@x", "b@x");
  }

  @Test
  void noTime_usesNow_emptyStdin_emptySummary() throws Exception {
    MailMessage m = compose(null, "-g", "g", "-s", "s", "r");

    assertThat(m.subject()).isEqualTo("ALERT g/s:  (Tue Jan 1 00:00:00)");
    assertThat(m.body()).endsWith("-------------------------------\n");
  }

  @Test
  void members_wrappedAsTextWrap() {
    StringBuilder hosts = new StringBuilder();
    for (int i = 1; i <= 40; i++) {
      hosts.append(i == 1 ? "" : " ").append("n").append(i);
    }
    assertThat(MailMessage.wrap("Members               : " + hosts)).isEqualTo(
        "Members \t      : n1 n2 n3 n4 n5 n6 n7 n8 n9 n10 n11 n12 n13 n14 n15\n"
        + "\t\t\tn16 n17 n18 n19 n20 n21 n22 n23 n24 n25 n26 n27 n28\n"
        + "\t\t\tn29 n30 n31 n32 n33 n34 n35 n36 n37 n38 n39 n40");
    assertThat(MailMessage.wrap("Members               : " + "x".repeat(80) + " b")).isEqualTo(
        "Members \t      :\n\t\t\t" + "x".repeat(51) + "\n\t\t\t" + "x".repeat(29) + " b");
  }

  @Test
  void messageId_fromEntryIdAndHost() {
    assertThat(MailMessage.messageId("0001-000000-0a", "director1")).isEqualTo("<0001-000000-0a.lvsmon@director1>");
  }
}
