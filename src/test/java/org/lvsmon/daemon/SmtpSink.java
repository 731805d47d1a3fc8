package org.lvsmon.daemon;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A real SMTP server for {@link SiteEndToEndSystemIT}'s guest (test-fixtures/site-e2e/guest.sh):
 * GreenMail on 127.0.0.1:PORT, writing each mail it receives to DIR/mail-N as lines {@code received
 * EPOCHMS}, {@code subject ...}, {@code to ...}, then the body, within 100 ms of its arrival. Runs
 * until killed. Arguments: PORT DIR.
 */
public final class SmtpSink {
  private SmtpSink() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    Path dir = Files.createDirectories(Path.of(args[1]));
    GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    Files.writeString(dir.resolve("ready"), "listening on 127.0.0.1:" + port + "\n");
    int seen = 0;
    while (true) {
      MimeMessage[] all = smtp.getReceivedMessages();
      for (; seen < all.length; seen++) {
        MimeMessage m = all[seen];
        Address[] to = m.getAllRecipients();
        String text = "received " + System.currentTimeMillis() + "\nsubject " + m.getSubject() + "\nto "
            + (to == null ? "" : Arrays.stream(to).map(Address::toString).collect(Collectors.joining(" "))) + "\n\n"
            + m.getContent() + "\n";
        Path tmp = dir.resolve(".mail-" + (seen + 1));
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve("mail-" + (seen + 1)), StandardCopyOption.ATOMIC_MOVE);
      }
      Thread.sleep(100);
    }
  }
}
