package org.lvsmon.ipvs;

import java.util.EnumSet;
import java.util.Set;

/**
 * A virtual service's flags ({@code IP_VS_SVC_F_*}), as ipvsadm names them. The kernel's internal
 * {@code HASHED} bit is not one of them: it is dropped when read and never sent.
 */
public enum ServiceFlag {
  PERSISTENT(0x1, "persistent"),
  /** One-packet scheduling, for UDP (ipvsadm -o). */
  ONE_PACKET(0x4, "ops"),
  /** Scheduler flag 1: sh-fallback or mh-fallback, by scheduler. */
  SCHED1(0x8, "flag-1"),
  /** Scheduler flag 2: sh-port or mh-port, by scheduler. */
  SCHED2(0x10, "flag-2"),
  SCHED3(0x20, "flag-3");

  /** The kernel's {@code IP_VS_SVC_F_HASHED}, internal to it. */
  public static final int HASHED_BIT = 0x2;

  private final int bit;
  private final String label;

  ServiceFlag(int bit, String label) {
    this.bit = bit;
    this.label = label;
  }

  public int bit() {
    return bit;
  }

  public String label() {
    return label;
  }

  /** The flags whose bits are set; unknown bits (and HASHED) are ignored. */
  public static Set<ServiceFlag> of(int bits) {
    EnumSet<ServiceFlag> set = EnumSet.noneOf(ServiceFlag.class);
    for (ServiceFlag f : values()) {
      if ((bits & f.bit) != 0) {
        set.add(f);
      }
    }
    return set;
  }

  public static int bits(Set<ServiceFlag> flags) {
    int bits = 0;
    for (ServiceFlag f : flags) {
      bits |= f.bit;
    }
    return bits;
  }
}
