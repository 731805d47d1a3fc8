package org.lvsmon.ipvs;

/**
 * How the director forwards packets to a real server, with the kernel's number ({@code
 * IP_VS_CONN_F_*}) and the name ipvsadm and {@code /proc/net/ip_vs} print.
 */
public enum ForwardingMethod {
  /** LVS-NAT (ipvsadm -m). */
  MASQ(0, "Masq"),
  /** The director itself. */
  LOCAL(1, "Local"),
  /** LVS-TUN (ipvsadm -i). */
  TUNNEL(2, "Tunnel"),
  /** LVS-DR, direct routing (ipvsadm -g). */
  ROUTE(3, "Route");

  private final int number;
  private final String label;

  ForwardingMethod(int number, String label) {
    this.number = number;
    this.label = label;
  }

  public int number() {
    return number;
  }

  /** The name ipvsadm prints: Masq, Local, Tunnel or Route. */
  public String label() {
    return label;
  }

  /**
   * The method with this kernel number; only the low three bits count, as in the kernel.
   *
   * @throws IllegalArgumentException for 4..7
   */
  public static ForwardingMethod of(int number) {
    int n = number & 0x7;
    for (ForwardingMethod m : values()) {
      if (m.number == n) {
        return m;
      }
    }
    throw new IllegalArgumentException("forwarding method " + n + " is not one of Masq 0, Local 1, Tunnel 2, Route 3");
  }

  /**
   * The method named as ipvsadm prints it (case does not matter).
   *
   * @throws IllegalArgumentException for any other name
   */
  public static ForwardingMethod ofLabel(String label) {
    for (ForwardingMethod m : values()) {
      if (m.label.equalsIgnoreCase(label)) {
        return m;
      }
    }
    throw new IllegalArgumentException("forwarding method \"" + label + "\" is not one of Masq, Local, Tunnel, Route");
  }
}
