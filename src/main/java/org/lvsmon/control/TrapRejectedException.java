package org.lvsmon.control;

/**
 * A trap datagram that is not handed on: malformed ({@link TrapFormatException}) or not authorized
 * by auth.cf's trap section. The message is the reason, fit for a log line; it never contains the
 * trap's password or a hash.
 */
public class TrapRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  public TrapRejectedException(String reason) {
    super(reason);
  }
}
