package org.lvsmon.alert.mail.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A real SMTP server (GreenMail) on loopback for benchmarks run by hand (test-fixtures/bench/soak.sh):
 * {@code SmtpSink PORT FILE} appends one line per mail received to FILE (its Message-ID, then its
 * subject) and runs until killed.
 */
public final class SmtpSink {
  private SmtpSink() {}

  public static void main(String[] args) throws Exception {
    GreenMail g = new GreenMail(new ServerSetup(Integer.parseInt(args[0]), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    g.start();
    Path out = Path.of(args[1]);
    int seen = 0;
    while (true) {
      g.waitForIncomingEmail(1000, seen + 1);
      MimeMessage[] all = g.getReceivedMessages();
      StringBuilder lines = new StringBuilder();
      for (int i = seen; i < all.length; i++) {
        lines.append(all[i].getMessageID()).append('\t').append(all[i].getSubject()).append('\n');
      }
      if (lines.length() > 0) {
        Files.writeString(out, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      }
      seen = all.length;
    }
  }
}
