package org.lvsmon.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.codec.digest.Md5Crypt;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.apache.commons.codec.digest.UnixCrypt;

/**
 * mon's password test {@code crypt($plain, $hash) eq $hash} for the crypt(3) schemes commons-codec
 * implements: SHA-512 ({@code $6$}), SHA-256 ({@code $5$}), MD5 ({@code $1$}) and traditional DES.
 * The password is hashed as its UTF-8 bytes and compared in constant time. Bounded: a password over
 * {@value #MAX_PASSWORD_BYTES} bytes never matches, and a SHA hash asking for more than
 * {@value #MAX_ROUNDS} rounds is refused. Stateless and thread-safe.
 */
public final class PasswordHashes {
  /** Longer passwords are refused unhashed: SHA-crypt's cost grows with the length. */
  public static final int MAX_PASSWORD_BYTES = 1024;
  /** glibc allows 999,999,999 rounds, which would hold a login for minutes. */
  public static final int MAX_ROUNDS = 1_000_000;

  private static final Pattern ROUNDS = Pattern.compile("^\\$[56]\\$rounds=(\\d+)\\$");
  private static final String ADVICE = "; set a SHA-512 hash (mkpasswd -m sha-512, or openssl passwd -6)";

  private PasswordHashes() {}

  /**
   * Whether {@code password} hashes to {@code hash}. Neither is logged or put in a message.
   *
   * @throws UnsupportedHashException if {@code hash} is of a scheme lvsmon cannot check, locked,
   *     empty or malformed; the message names the scheme and says what to do
   */
  public static boolean matches(String password, String hash) throws UnsupportedHashException {
    HashScheme scheme = HashScheme.of(hash);
    if (!scheme.supported()) {
      throw new UnsupportedHashException(scheme, describe(scheme, hash));
    }
    checkRounds(scheme, hash);
    byte[] pw = password.getBytes(StandardCharsets.UTF_8);
    if (pw.length > MAX_PASSWORD_BYTES) {
      return false;
    }
    String computed;
    try {
      computed = switch (scheme) {
        case SHA512 -> Sha2Crypt.sha512Crypt(pw, hash);
        case SHA256 -> Sha2Crypt.sha256Crypt(pw, hash);
        case MD5 -> Md5Crypt.md5Crypt(pw, hash);
        default -> UnixCrypt.crypt(pw, hash.substring(0, 2));
      };
    } catch (IllegalArgumentException e) {
      // commons-codec's message quotes the salt, which is part of the hash: not passed on
      throw new UnsupportedHashException(scheme, "password hash type " + scheme.label() + " ("
          + scheme.prefix() + ") is malformed (bad salt)" + ADVICE);
    }
    return MessageDigest.isEqual(computed.getBytes(StandardCharsets.UTF_8),
        hash.getBytes(StandardCharsets.UTF_8));
  }

  private static void checkRounds(HashScheme scheme, String hash) throws UnsupportedHashException {
    Matcher m = ROUNDS.matcher(hash);
    if (m.find() && (m.group(1).length() > 9 || Integer.parseInt(m.group(1)) > MAX_ROUNDS)) {
      throw new UnsupportedHashException(scheme, "password hash type " + scheme.label() + " ("
          + scheme.prefix() + ") asks for more than " + MAX_ROUNDS + " rounds, lvsmon's limit"
          + ADVICE + " with fewer rounds");
    }
  }

  private static String describe(HashScheme scheme, String hash) {
    return switch (scheme) {
      case LOCKED -> "account is locked (password field starts with \"" + hash.charAt(0)
          + "\"); no password can match";
      case EMPTY -> "password field is empty; no password can match" + ADVICE;
      case UNKNOWN -> "password field is not a crypt(3) hash lvsmon knows ("
          + (hash.startsWith("$") ? "prefix " + idOf(hash) : "not 13 characters of [./0-9A-Za-z]")
          + ")" + ADVICE;
      default -> "password hash type " + scheme.label() + " (" + idOf(hash) + ") is not supported"
          + ADVICE;
    };
  }

  /** {@code $id$} of a modular hash, at most 8 characters, so that nothing of the salt leaks. */
  private static String idOf(String hash) {
    int end = hash.indexOf('$', 1);
    String id = end > 0 ? hash.substring(0, end + 1) : hash.substring(0, 1);
    return id.length() > 8 ? id.substring(0, 8) + "..." : id;
  }
}
