package org.lvsmon.control;

import java.util.Objects;

/**
 * A password field that {@link PasswordHashes} cannot check: a scheme commons-codec lacks
 * (yescrypt, bcrypt, ...), a locked or empty entry, or a malformed hash. The message names the
 * scheme and what to do; it never contains the hash.
 */
public final class UnsupportedHashException extends Exception {
  private static final long serialVersionUID = 1L;

  private final HashScheme scheme;

  UnsupportedHashException(HashScheme scheme, String message) {
    super(message);
    this.scheme = Objects.requireNonNull(scheme, "scheme");
  }

  /** The scheme of the hash that could not be checked. */
  public HashScheme scheme() {
    return scheme;
  }
}
