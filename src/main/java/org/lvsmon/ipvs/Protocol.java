package org.lvsmon.ipvs;

/** A transport protocol IPVS balances, with the IANA number the kernel uses for it. */
public enum Protocol {
  TCP(6),
  UDP(17),
  SCTP(132);

  private final int number;

  Protocol(int number) {
    this.number = number;
  }

  /** The IP protocol number (IPPROTO_TCP, IPPROTO_UDP, IPPROTO_SCTP). */
  public int number() {
    return number;
  }

  /**
   * The protocol with this IP protocol number.
   *
   * @throws IllegalArgumentException for a number IPVS does not balance
   */
  public static Protocol of(int number) {
    for (Protocol p : values()) {
      if (p.number == number) {
        return p;
      }
    }
    throw new IllegalArgumentException("IP protocol " + number + " is not one IPVS balances (TCP 6, UDP 17, SCTP 132)");
  }
}
