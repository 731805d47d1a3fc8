package org.lvsmon.control;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mon's two file-backed authtypes, {@code userfile} and {@code getpwnam}: the user's crypt hash is
 * looked up in a file read at every login (as mon does, so an edit takes effect at once) and
 * crypt-compared with the password. A file that cannot be read refuses every login and is logged
 * once, with the reason; so is a hash lvsmon cannot check. Thread-safe.
 */
final class FileAuthenticator implements Authenticator {
  private static final Logger log = LoggerFactory.getLogger(FileAuthenticator.class);
  private static final Pattern SKIPPED = Pattern.compile("^[ \\t\\n\\r\\f\\x0B]*(#.*)?$", Pattern.DOTALL);
  private static final Pattern COLON = Pattern.compile("[ \\t\\n\\r\\f\\x0B]*:[ \\t\\n\\r\\f\\x0B]*");

  private final String type;
  private final Path file;
  private final BiFunction<List<String>, String, String> hashOf;
  private final ProblemLog problems = new ProblemLog(log);

  private FileAuthenticator(String type, Path file, BiFunction<List<String>, String, String> hashOf) {
    this.type = type;
    this.file = Objects.requireNonNull(file, type);
    this.hashOf = hashOf;
  }

  /**
   * {@code authtype userfile}, as mon's {@code auth} reads it: lines that are blank or whose first
   * non-blank character is {@code #} are skipped; every other line is split at its first colon and
   * the blanks around it into user and hash, nothing else trimmed (a CR or trailing blank becomes
   * part of the hash, which then never matches, as in mon); a line without a colon undefines the
   * user; a later line for the same user wins.
   */
  static FileAuthenticator userfile(Path userfile) {
    return new FileAuthenticator("userfile", userfile, (lines, user) -> users(lines).get(user));
  }

  /**
   * {@code authtype getpwnam}: mon takes the password field of Perl's {@code getpwnam}, which is the
   * shadow hash when mon runs as root. lvsmon reads the shadow file ({@code name:hash:...}; the first
   * line for the user counts, as for {@code getspnam}). Where mon, not root, silently compares
   * against "x", lvsmon logs that it cannot read the file.
   */
  static FileAuthenticator shadow(Path shadow) {
    return new FileAuthenticator("getpwnam", shadow, (lines, user) -> {
      for (String line : lines) {
        String[] f = line.split(":", 3);
        if (f.length >= 2 && f[0].equals(user)) {
          return f[1];
        }
      }
      return null;
    });
  }

  @Override
  public boolean login(String user, String password, String clientHost) {
    String hash;
    try {
      hash = hashOf.apply(CredentialFile.lines(file), user);
      problems.solved("read");
    } catch (IOException e) {
      problems.warnOnce("read", "[auth] " + type + ": " + CredentialFile.reason(file, e)
          + "; every login by " + type + " is refused");
      return false;
    }
    if (hash == null) {
      log.debug("[auth] user \"{}\" is not in {}", user, file);
      return false;
    }
    try {
      return PasswordHashes.matches(password, hash);
    } catch (UnsupportedHashException e) {
      problems.warnOnce("hash " + user + " " + e.scheme(),
          "[auth] user " + user + " (" + file + "): " + e.getMessage());
      return false;
    }
  }

  /** User to hash, as mon's {@code auth} builds {@code %u} from the userfile. */
  static Map<String, String> users(List<String> lines) {
    Map<String, String> users = new HashMap<>();
    for (String line : lines) {
      if (SKIPPED.matcher(line).find()) {
        continue;
      }
      String[] f = COLON.split(line, 2);
      if (f.length == 2) {
        users.put(f[0], f[1]);
      } else {
        users.remove(f[0]); // mon stores undef, which is "not in the file"
      }
    }
    return users;
  }
}
