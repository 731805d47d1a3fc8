package org.lvsmon.alert.mail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.lvsmon.config.Suggestions;
import org.lvsmon.config.TimeValue;

/**
 * How mail is sent, read from one small file that the daemon and the standalone mail.alert share
 * (default {@value #DEFAULT_PATH}). The file holds {@code key = value} lines; {@code #} starts a
 * comment line; a value is the rest of the line, trimmed. Keys: {@code host} (localhost), {@code
 * port} (25, 465 with smtps), {@code security} ({@code none}, {@code starttls} (required) or {@code
 * smtps}), {@code user} and {@code password} (both or neither), {@code from} (default: the
 * running user at this host), {@code helo} (default: the host name), {@code connect_timeout} (10s),
 * {@code timeout} (30s, each read and write), {@code age_limit} (24h: an undelivered mail older
 * than this is reported as failed, and still retried), {@code max_mails} ({@code N per DURATION},
 * off) and {@code digest} ({@code N within DURATION}, off): see {@link StormControl}. Durations
 * are mon's ({@code 30s}, {@code 5m}, {@code 1.5h}, {@code 1d}). No file: localhost port 25
 * without auth, as a local sendmail. A file with a password must be mode 0600 or stricter.
 * Immutable; {@link #toString()} hides the password.
 */
public record MailSettings(String host, int port, Security security, Optional<String> user,
    Optional<String> password, Optional<String> from, Optional<String> helo, Duration connectTimeout,
    Duration timeout, Duration ageLimit, StormControl storm) {
  /** Without storm control, as before {@code max_mails} and {@code digest} existed. */
  public MailSettings(String host, int port, Security security, Optional<String> user, Optional<String> password,
      Optional<String> from, Optional<String> helo, Duration connectTimeout, Duration timeout, Duration ageLimit) {
    this(host, port, security, user, password, from, helo, connectTimeout, timeout, ageLimit, StormControl.OFF);
  }

  public static final Path DEFAULT_PATH = Path.of("/etc/lvsmon/mail.conf");

  /** The mon.cf global (lvsmon's extension) that names another settings file, relative to cfbasedir. */
  public static final String KEYWORD = "mailsettings";
  public static final org.lvsmon.config.Extensions.Key<String> KEY =
      new org.lvsmon.config.Extensions.Key<>(KEYWORD, String.class);

  /** Registers {@code mailsettings = FILE} as a global keyword. */
  public static void register(org.lvsmon.config.KeywordRegistry registry) {
    registry.register(org.lvsmon.config.KeywordRegistry.Scope.GLOBAL, KEYWORD, KEY, (args, ctx) -> {
      if (args.isBlank()) {
        throw new org.lvsmon.config.BadValueException(KEYWORD + ": a file name is required");
      }
      return args.strip();
    });
  }

  /**
   * The settings file to use: {@code flag} when given, else the config's {@code mailsettings}
   * (relative to {@code cfbasedir}), else {@link #DEFAULT_PATH}.
   */
  public static Path choose(Path flag, org.lvsmon.config.MonConfig config, Path cfbasedir) {
    if (flag != null) {
      return flag;
    }
    return config.globals().extensions().get(KEY).map(cfbasedir::resolve).orElse(DEFAULT_PATH);
  }
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_AGE_LIMIT = Duration.ofHours(24);

  private static final List<String> KEYS = List.of("host", "port", "security", "user", "password", "from", "helo",
      "connect_timeout", "timeout", "age_limit", "max_mails", "digest");

  /** How the SMTP connection is protected. */
  public enum Security {
    /** Plain SMTP. */
    NONE,
    /** STARTTLS, required: a relay that does not offer it is a failure, never a plain send. */
    STARTTLS,
    /** TLS from the first byte (port 465). */
    SMTPS
  }

  /** The settings file is unreadable, malformed or too open; the message lists every problem. */
  public static final class SettingsException extends Exception {
    private static final long serialVersionUID = 1L;

    SettingsException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** localhost port 25, no TLS, no auth: what a local sendmail would do. */
  public static MailSettings defaults() {
    return new MailSettings("localhost", 25, Security.NONE, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_AGE_LIMIT);
  }

  /**
   * Reads {@code file}; a missing file gives {@link #defaults()}.
   *
   * @throws SettingsException naming the file, the line and the key of every problem
   */
  public static MailSettings load(Path file) throws SettingsException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return defaults();
    } catch (IOException e) {
      throw new SettingsException(file + ": cannot read the mail settings: " + e, e);
    }
    List<String> problems = new ArrayList<>();
    Map<String, String> values = new HashMap<>();
    for (int n = 1; n <= lines.size(); n++) {
      String line = lines.get(n - 1).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      String where = file + ":" + n + ": ";
      String key = (eq < 0 ? line : line.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
      if (eq < 0) {
        problems.add(where + "\"" + key + "\" has no \"= value\"");
      } else if (!KEYS.contains(key)) {
        problems.add(where + "unknown key \"" + key + "\"" + Suggestions.hint(key, KEYS));
      } else if (values.put(key, line.substring(eq + 1).strip()) != null) {
        problems.add(where + "\"" + key + "\" is given twice");
      }
    }
    MailSettings s = parse(values, file, problems);
    if (s.password().isPresent()) {
      checkMode(file, problems);
    }
    if (!problems.isEmpty()) {
      throw new SettingsException(String.join("\n", problems), null);
    }
    return s;
  }

  private static MailSettings parse(Map<String, String> v, Path file, List<String> problems) {
    String where = file + ": ";
    Security security = Security.NONE;
    if (v.containsKey("security")) {
      try {
        security = Security.valueOf(v.get("security").toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(where + "security \"" + v.get("security") + "\" is not none, starttls or smtps");
      }
    }
    int port = security == Security.SMTPS ? 465 : 25;
    if (v.containsKey("port")) {
      String p = v.get("port");
      if (p.matches("\\d{1,5}") && Integer.parseInt(p) >= 1 && Integer.parseInt(p) <= 65535) {
        port = Integer.parseInt(p);
      } else {
        problems.add(where + "port \"" + p + "\" is not a port 1..65535");
      }
    }
    Optional<String> user = nonEmpty(v.get("user"));
    Optional<String> password = nonEmpty(v.get("password"));
    if (user.isPresent() != password.isPresent()) {
      problems.add(where + (user.isPresent() ? "user is given without password" : "password is given without user")
          + ": SMTP authentication needs both");
    }
    return new MailSettings(nonEmpty(v.get("host")).orElse("localhost"), port, security, user, password,
        nonEmpty(v.get("from")), nonEmpty(v.get("helo")),
        duration(v, "connect_timeout", DEFAULT_CONNECT_TIMEOUT, where, problems),
        duration(v, "timeout", DEFAULT_TIMEOUT, where, problems),
        duration(v, "age_limit", DEFAULT_AGE_LIMIT, where, problems),
        new StormControl(StormControl.parseCap("max_mails", v.get("max_mails"), where, problems),
            StormControl.parseDigest("digest", v.get("digest"), where, problems)));
  }

  private static Duration duration(Map<String, String> v, String key, Duration dflt, String where,
      List<String> problems) {
    String text = v.get(key);
    if (text == null) {
      return dflt;
    }
    Optional<Duration> d = TimeValue.parse(text).filter(x -> !x.isZero());
    if (d.isEmpty()) {
      problems.add(where + key + " \"" + text + "\" is not a duration above zero (30s, 5m, 1.5h, 1d)");
      return dflt;
    }
    return d.get();
  }

  private static void checkMode(Path file, List<String> problems) {
    Set<PosixFilePermission> perms;
    try {
      perms = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException | IOException e) {
      problems.add(file + ": holds a password, but its permissions cannot be read (" + e + ")");
      return;
    }
    int mode = 0;
    for (PosixFilePermission p : perms) {
      mode |= 1 << (8 - p.ordinal()); // OWNER_READ is bit 8 (0400) ... OTHERS_EXECUTE bit 0
    }
    if ((mode & 0077) != 0) {
      problems.add(String.format(Locale.ROOT, "%s: holds a password but is mode %04o, open to group or others;"
          + " it must be 0600 or stricter (chmod 600 %s)", file, mode, file));
    }
  }

  private static Optional<String> nonEmpty(String s) {
    return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  /** {@code host:port (security)} for log lines and errors. */
  public String relay() {
    return host + ":" + port + (security == Security.NONE ? "" : " (" + security.name().toLowerCase(Locale.ROOT) + ")");
  }

  @Override
  public String toString() {
    return "MailSettings[" + relay() + user.map(u -> ", user " + u + ", password ****").orElse("")
        + from.map(f -> ", from " + f).orElse("") + ", connect_timeout " + TimeValue.format(connectTimeout)
        + ", timeout " + TimeValue.format(timeout) + ", age_limit " + TimeValue.format(ageLimit)
        + (storm.on() ? ", " + storm : "") + "]";
  }
}
