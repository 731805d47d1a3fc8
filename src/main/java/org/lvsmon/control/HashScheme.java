package org.lvsmon.control;

import java.util.regex.Pattern;

/**
 * The kind of a crypt(3) password field, told apart by its prefix as libxcrypt does, so that a hash
 * lvsmon cannot check is reported by name instead of silently never matching. Only the prefix is
 * ever shown, never the hash.
 */
public enum HashScheme {
  SHA512("SHA-512", "$6$", true),
  SHA256("SHA-256", "$5$", true),
  MD5("MD5", "$1$", true),
  DES("traditional DES", "", true),
  YESCRYPT("yescrypt", "$y$", false),
  GOST_YESCRYPT("gost-yescrypt", "$gy$", false),
  BCRYPT("bcrypt", "$2b$", false),
  SCRYPT("scrypt", "$7$", false),
  SUN_MD5("Sun MD5", "$md5", false),
  SHA1("NetBSD SHA-1", "$sha1$", false),
  NT("NT hash", "$3$", false),
  BSDI_DES("BSDi extended DES", "_", false),
  LOCKED("locked account", "!", false),
  EMPTY("empty password field", "", false),
  UNKNOWN("unrecognised", "", false);

  private static final Pattern DES_HASH = Pattern.compile("[./0-9A-Za-z]{13}");

  private final String label;
  private final String prefix;
  private final boolean supported;

  HashScheme(String label, String prefix, boolean supported) {
    this.label = label;
    this.prefix = prefix;
    this.supported = supported;
  }

  /** The scheme of {@code hash} (null counts as empty). Never throws. */
  public static HashScheme of(String hash) {
    if (hash == null || hash.isEmpty()) {
      return EMPTY;
    }
    if (hash.startsWith("!") || hash.startsWith("*")) {
      return LOCKED;
    }
    if (hash.startsWith("_")) {
      return BSDI_DES;
    }
    if (!hash.startsWith("$")) {
      return DES_HASH.matcher(hash).matches() ? DES : UNKNOWN;
    }
    if (hash.matches("^\\$2[abxy]\\$.*")) {
      return BCRYPT;
    }
    for (HashScheme s : values()) {
      if (s.prefix.startsWith("$") && s != BCRYPT && hash.startsWith(s.prefix)) {
        return s;
      }
    }
    return UNKNOWN;
  }

  /** Whether {@link PasswordHashes} can check a hash of this scheme. */
  public boolean supported() {
    return supported;
  }

  /** A human name, e.g. {@code yescrypt}. */
  public String label() {
    return label;
  }

  /** The identifying prefix, e.g. {@code $y$}; empty for DES and the unrecognised. */
  public String prefix() {
    return prefix;
  }
}
