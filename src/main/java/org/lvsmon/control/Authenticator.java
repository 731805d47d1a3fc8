package org.lvsmon.control;

/**
 * Checks a client's {@code login USER PASSWORD} against the configured {@code authtype}s, in order,
 * as mon's {@code auth()} does. Implementations must be thread-safe and bounded in time, and must
 * never throw for bad input: an empty user or password (except for {@code trustlocal}) is simply
 * refused.
 */
@FunctionalInterface
public interface Authenticator {

  /** Refuses every login: the server before any authtype is wired, and tests. */
  Authenticator REFUSE_ALL = (user, password, clientHost) -> false;

  /**
   * Whether {@code user} may log in with {@code password} from {@code clientHost} (the peer's
   * address as text, for {@code trustlocal}). Neither argument is null; either may be empty.
   */
  boolean login(String user, String password, String clientHost);
}
