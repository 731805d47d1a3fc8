package org.lvsmon.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's config files in its directory: {@value #CONFIG}, rendered from {@code conf/demo.cf}
 * (carried in the jar as {@value #TEMPLATE}) with each {@code @WORD@} replaced; {@value
 * #MAIL_SETTINGS}, which points mail.alert at the SMTP sink; and {@value #AUTH}, which lets anyone
 * read the status. Stateless.
 */
final class DemoConfig {
  static final String TEMPLATE = "/org/lvsmon/demo/demo.cf";
  static final String CONFIG = "mon.cf";
  static final String MAIL_SETTINGS = "mail.conf";
  static final String AUTH = "auth.cf";
  private static final Pattern PLACEHOLDER = Pattern.compile("@([A-Z_]+)@");

  private DemoConfig() {}

  /** The template as shipped. */
  static String template() throws IOException {
    try (InputStream in = DemoConfig.class.getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IOException("the demo config " + TEMPLATE + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * {@code template} with every {@code @WORD@} outside comment lines replaced by {@code
   * values.get(WORD)}; comment lines (mon's are whole lines) are kept as they are.
   *
   * @throws IllegalArgumentException naming a placeholder that has no value
   */
  static String render(String template, Map<String, String> values) {
    StringBuilder out = new StringBuilder();
    for (String line : template.split("(?<=\n)", -1)) {
      if (line.stripLeading().startsWith("#")) {
        out.append(line);
        continue;
      }
      Matcher m = PLACEHOLDER.matcher(line);
      while (m.find()) {
        String value = values.get(m.group(1));
        if (value == null) {
          throw new IllegalArgumentException("demo config: no value for @" + m.group(1) + "@ (known: "
              + values.keySet() + ")");
        }
        m.appendReplacement(out, Matcher.quoteReplacement(value));
      }
      m.appendTail(out);
    }
    return out.toString();
  }

  /**
   * Writes the rendered config and the mail settings into {@code dir}; returns the config's path.
   * {@code sshPort} is the nodes' port, {@code smtpPort} the sink's.
   */
  static Path write(Path dir, int sshPort, int smtpPort) throws IOException {
    String config = render(template(), Map.of("SSH_PORT", Integer.toString(sshPort), "DEMO_DIR", dir.toString()));
    Files.writeString(dir.resolve(MAIL_SETTINGS), "# written by lvsmon demo: its SMTP sink\n"
        + "host = 127.0.0.1\nport = " + smtpPort + "\nfrom = lvsmon@director.example.org\nhelo = director\n"
        + "connect_timeout = 2s\ntimeout = 5s\n");
    // mon's rules: without an auth.cf every command is refused; the status table needs list and servertime
    Files.writeString(dir.resolve(AUTH), "# written by lvsmon demo: what lvsmon status reads, for anyone\n"
        + "command section\nlist: all\nservertime: all\nversion: all\nprotid: all\nquit: all\ncheckauth: all\n");
    return Files.writeString(dir.resolve(CONFIG), config);
  }
}
