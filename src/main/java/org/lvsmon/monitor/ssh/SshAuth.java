package org.lvsmon.monitor.ssh;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How to log in: the remote {@code user}, the private key files tried in order, the known_hosts file
 * every host key is checked against, and an optional {@code hostKeyAlias}: the name looked up in
 * known_hosts instead of each host's own (OpenSSH's {@code HostKeyAlias}), so that nodes behind a VIP
 * that share one host key are all checked against one entry.
 */
public record SshAuth(String user, List<Path> identities, Path knownHosts, String hostKeyAlias) {
  public SshAuth {
    Objects.requireNonNull(user, "user");
    identities = List.copyOf(identities);
    Objects.requireNonNull(knownHosts, "knownHosts");
  }
}
