package org.lvsmon.alert.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.lvsmon.state.MonStateFiles;

/**
 * A relay that delivers into a directory instead of over SMTP, for {@code lvsmon run --dry-run}:
 * each mail becomes {@code DIR/ID.eml}, exactly the message SMTP would have carried (headers with
 * its Message-ID, body), written atomically. Used only by the delivery thread and mail.alert.
 */
public final class MailDirectory implements MailRelay {
  private final Path dir;
  private final MailSender format;

  /** {@code settings} and {@code defaultFrom} decide the From header, as they would for SMTP. */
  public MailDirectory(Path dir, MailSettings settings, String defaultFrom) {
    this.dir = dir;
    this.format = new MailSender(settings, defaultFrom, new Properties());
  }

  public Path directory() {
    return dir;
  }

  @Override
  public MailSender.Result send(OutboxEntry entry) {
    try {
      MimeMessage m = format.mime(entry);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      m.writeTo(bytes);
      Files.createDirectories(dir);
      MonStateFiles.writeAtomically(dir.resolve(entry.id() + ".eml"), bytes.toByteArray());
      return MailSender.Result.SENT;
    } catch (MessagingException e) {
      return new MailSender.Result(MailSender.Outcome.PERMANENT, false, "cannot build the mail: " + e.getMessage());
    } catch (IOException e) {
      return new MailSender.Result(MailSender.Outcome.UNREACHABLE, true, "cannot write into " + dir + ": " + e);
    }
  }

  @Override
  public void disconnect() {
    // nothing kept open
  }
}
