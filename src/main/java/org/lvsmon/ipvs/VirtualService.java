package org.lvsmon.ipvs;

import java.util.EnumSet;
import java.util.Set;

/**
 * A virtual service as the kernel keeps it.
 *
 * @param key what identifies it
 * @param scheduler the scheduler's name ({@code wlc}, {@code rr}...; the kernel module is {@code
 *     ip_vs_NAME}), 1..15 characters
 * @param flags persistence, one-packet scheduling, scheduler flags
 * @param timeoutSeconds how long a persistent client stays with its real server; the kernel keeps it
 *     even when the service is not persistent
 * @param netmaskBits which client addresses share a persistence template: a prefix length, 0..32
 *     for IPv4, 1..128 for IPv6
 * @param persistenceEngine the persistence engine ({@code sip}), or empty for none
 */
public record VirtualService(ServiceKey key, String scheduler, Set<ServiceFlag> flags, int timeoutSeconds,
    int netmaskBits, String persistenceEngine) {
  /** ipvsadm's default persistence timeout, in seconds. */
  public static final int DEFAULT_PERSISTENCE_SECONDS = 300;
  /** The kernel's limit on scheduler and persistence-engine names, without the NUL. */
  public static final int MAX_NAME_LENGTH = 15;

  public VirtualService {
    if (key == null) {
      throw new IllegalArgumentException("virtual service key is null");
    }
    checkName("scheduler of " + key, scheduler, false);
    checkName("persistence engine of " + key, persistenceEngine, true);
    flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
    if (timeoutSeconds < 0) {
      throw new IllegalArgumentException("persistence timeout of " + key + " is " + timeoutSeconds + "s; it must be >= 0");
    }
    int min = key.family() == AddressFamily.INET6 ? 1 : 0;
    if (netmaskBits < min || netmaskBits > key.family().maxNetmaskBits()) {
      throw new IllegalArgumentException("netmask of " + key + " is /" + netmaskBits + "; " + key.family()
          + " takes /" + min + "../" + key.family().maxNetmaskBits());
    }
  }

  /** A service with this scheduler, not persistent, with the full netmask: ipvsadm's defaults. */
  public static VirtualService of(ServiceKey key, String scheduler) {
    return new VirtualService(key, scheduler, Set.of(), 0, key.family().maxNetmaskBits(), "");
  }

  /** This service, persistent for {@code seconds} (ipvsadm -p). */
  public VirtualService persistent(int seconds) {
    EnumSet<ServiceFlag> f = flags.isEmpty() ? EnumSet.noneOf(ServiceFlag.class) : EnumSet.copyOf(flags);
    f.add(ServiceFlag.PERSISTENT);
    return new VirtualService(key, scheduler, f, seconds, netmaskBits, persistenceEngine);
  }

  public VirtualService withFlags(Set<ServiceFlag> newFlags) {
    return new VirtualService(key, scheduler, newFlags, timeoutSeconds, netmaskBits, persistenceEngine);
  }

  /** This service with a persistence netmask of {@code bits} (ipvsadm -M). */
  public VirtualService withNetmask(int bits) {
    return new VirtualService(key, scheduler, flags, timeoutSeconds, bits, persistenceEngine);
  }

  public boolean isPersistent() {
    return flags.contains(ServiceFlag.PERSISTENT);
  }

  private static void checkName(String what, String name, boolean mayBeEmpty) {
    if (name == null) {
      throw new IllegalArgumentException(what + " is null");
    }
    if ((name.isEmpty() && !mayBeEmpty) || name.length() > MAX_NAME_LENGTH || !name.matches("[A-Za-z0-9_]*")) {
      throw new IllegalArgumentException(what + " \"" + name + "\" is not a name of 1.." + MAX_NAME_LENGTH
          + " letters, digits or underscores");
    }
  }
}
