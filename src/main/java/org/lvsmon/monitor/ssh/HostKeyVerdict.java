package org.lvsmon.monitor.ssh;

import java.util.List;

/**
 * What a known_hosts file says about the host key a server presented. {@code name} is the name
 * looked up (the host, {@code [host]:port}, or the alias); {@code offered} describes the presented
 * key ({@code ssh-ed25519 SHA256:...}); {@code known} lists the entries that decided the verdict as
 * {@code FILE:LINE TYPE FINGERPRINT} (for {@link Kind#UNKNOWN}: the entries of other key types).
 */
public record HostKeyVerdict(Kind kind, String name, String offered, List<String> known, String file) {
  public enum Kind {
    /** An entry for the name holds exactly this key. */
    MATCH,
    /** Entries for the name hold other keys of the same type: the host key changed. */
    MISMATCH,
    /** No entry for the name holds a key of this type. */
    UNKNOWN,
    /** An {@code @revoked} entry for the name holds this key. */
    REVOKED
  }

  public HostKeyVerdict {
    known = List.copyOf(known);
  }

  /** One line for a monitor's detail output; loud for a mismatch, as OpenSSH is. */
  public String describe() {
    switch (kind) {
      case MATCH:
        return "host key " + offered + " matches " + String.join(", ", known);
      case MISMATCH:
        return "server offers " + offered + " but " + String.join(", ", known) + " holds a different key for " + name
            + ": POSSIBLE MAN-IN-THE-MIDDLE (or the host was reinstalled); not connecting";
      case REVOKED:
        return "server offers " + offered + ", which " + String.join(", ", known) + " marks @revoked for " + name
            + "; not connecting";
      default:
        return "server offers " + offered + ", and " + file + " has no key of that type for " + name
            + (known.isEmpty() ? "" : " (it has: " + String.join(", ", known) + ")")
            + "; lvsmon never adds host keys (add it, e.g. from ssh-keyscan, after checking it)";
    }
  }
}
