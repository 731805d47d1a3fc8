package org.lvsmon.ipvs;

import java.net.Inet4Address;
import java.net.InetAddress;

/** IPv4 or IPv6, with the kernel's {@code AF_*} number and the address length in bytes. */
public enum AddressFamily {
  INET(2, 4, "IPv4"),
  INET6(10, 16, "IPv6");

  private final int number;
  private final int addressLength;
  private final String label;

  AddressFamily(int number, int addressLength, String label) {
    this.number = number;
    this.addressLength = addressLength;
    this.label = label;
  }

  /** {@code AF_INET} (2) or {@code AF_INET6} (10). */
  public int number() {
    return number;
  }

  /** 4 or 16. */
  public int addressLength() {
    return addressLength;
  }

  /** The widest netmask, in bits: 32 or 128. */
  public int maxNetmaskBits() {
    return addressLength * 8;
  }

  public static AddressFamily of(InetAddress address) {
    return address instanceof Inet4Address ? INET : INET6;
  }

  /**
   * The family with this {@code AF_*} number.
   *
   * @throws IllegalArgumentException for anything but 2 and 10
   */
  public static AddressFamily of(int number) {
    for (AddressFamily f : values()) {
      if (f.number == number) {
        return f;
      }
    }
    throw new IllegalArgumentException("address family " + number + " is neither AF_INET (2) nor AF_INET6 (10)");
  }

  @Override
  public String toString() {
    return label;
  }
}
