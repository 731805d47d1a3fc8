package org.lvsmon.control;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lvsmon.config.Suggestions;

/**
 * Builds the {@link Authenticator} for mon's {@code authtype} list: each type is tried in the
 * configured order until one accepts, as mon's {@code login} does. Types: {@code getpwnam} (the
 * shadow file), {@code userfile}, {@code trustlocal}. {@code pam} and unknown types are config
 * errors here, where mon would only refuse every login and log at each one. An empty list refuses
 * every login, as in mon.
 */
public final class Authenticators {
  /** The shadow file read for {@code getpwnam} unless another is given. */
  public static final Path SHADOW = Path.of("/etc/shadow");
  /** Longer user names are refused unread; no system or userfile has them. */
  public static final int MAX_USER_LENGTH = 256;

  static final List<String> TYPES = List.of("getpwnam", "userfile", "trustlocal", "pam");
  private static final String TRUSTED_HOST = "127.0.0.1";

  private Authenticators() {}

  /** {@link #of(List, Path, Path)} with the shadow file at {@link #SHADOW}. */
  public static Authenticator of(List<String> authtypes, Path userfile) {
    return of(authtypes, userfile, SHADOW);
  }

  /**
   * The authenticator for {@code authtypes} (as {@code Settings.authtypes()}), reading
   * {@code userfile} and {@code shadowFile} at each login. The result is thread-safe and never throws
   * for bad input: an empty or over-long user, an empty password (except for trustlocal), a password
   * over {@link PasswordHashes#MAX_PASSWORD_BYTES} bytes or with a NUL is refused.
   *
   * @throws IllegalArgumentException naming the type, if one is pam, shadow or unknown
   */
  public static Authenticator of(List<String> authtypes, Path userfile, Path shadowFile) {
    Objects.requireNonNull(userfile, "userfile");
    Objects.requireNonNull(shadowFile, "shadowFile");
    List<Authenticator> chain = new ArrayList<>();
    for (String type : authtypes) {
      chain.add(switch (type) {
        case "getpwnam" -> FileAuthenticator.shadow(shadowFile);
        case "userfile" -> FileAuthenticator.userfile(userfile);
        case "trustlocal" -> (user, password, host) -> TRUSTED_HOST.equals(host);
        case "pam" -> throw new IllegalArgumentException("authtype \"pam\" is not supported by lvsmon;"
            + " use getpwnam (the shadow file, SHA-512/SHA-256/MD5/DES hashes) or userfile");
        case "shadow" -> throw new IllegalArgumentException("authtype \"shadow\" accepts no login in mon"
            + " (its code is empty); use getpwnam, which reads the shadow file");
        default -> throw new IllegalArgumentException("unknown authtype \"" + type + "\""
            + Suggestions.hint(type, TYPES) + "; expected one of " + String.join(", ", TYPES.subList(0, 3)));
      });
    }
    List<Authenticator> types = List.copyOf(chain);
    List<String> names = List.copyOf(authtypes);
    return (user, password, host) -> {
      if (user == null || user.isEmpty() || user.length() > MAX_USER_LENGTH || password == null
          || password.length() > PasswordHashes.MAX_PASSWORD_BYTES || password.indexOf('\0') >= 0) {
        return false;
      }
      for (int i = 0; i < types.size(); i++) {
        boolean trustlocal = names.get(i).equals("trustlocal");
        if ((trustlocal || !password.isEmpty()) && types.get(i).login(user, password, host)) {
          return true;
        }
      }
      return false;
    };
  }
}
