package org.lvsmon.control;

/** A datagram that is not a trap mon would accept: its message says what is wrong with it. */
public final class TrapFormatException extends TrapRejectedException {
  private static final long serialVersionUID = 1L;

  public TrapFormatException(String reason) {
    super(reason);
  }
}
