package org.lvsmon.monitor.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.UserInfo;

/**
 * The host key repository of one JSch session: it asks {@link KnownHosts} about the presented key
 * under the name lvsmon chose (host, {@code [host]:port} or the alias), remembers the verdict so the
 * failure can be told apart exactly, and never adds, removes or replaces a key. Anything but a match
 * is refused: JSch, set to {@code StrictHostKeyChecking=yes}, then aborts the connection.
 */
final class HostKeyCheck implements HostKeyRepository {
  private final KnownHosts knownHosts;
  private final String name;
  private final Runnable onChecked;
  private volatile HostKeyVerdict verdict;

  HostKeyCheck(KnownHosts knownHosts, String name, Runnable onChecked) {
    this.knownHosts = knownHosts;
    this.name = name;
    this.onChecked = onChecked;
  }

  /** The verdict, or null when the key exchange never got as far as the host key. */
  HostKeyVerdict verdict() {
    return verdict;
  }

  @Override
  public int check(String host, byte[] key) {
    HostKeyVerdict v = knownHosts.verify(name, key);
    verdict = v;
    onChecked.run();
    switch (v.kind()) {
      case MATCH:
        return OK;
      case UNKNOWN:
        return NOT_INCLUDED;
      default:
        return CHANGED;
    }
  }

  @Override
  public void add(HostKey hostkey, UserInfo ui) {
    // strict: known_hosts is the operator's, never written by lvsmon
  }

  @Override
  public void remove(String host, String type) {
    // strict: never remove
  }

  @Override
  public void remove(String host, String type, byte[] key) {
    // strict: never remove
  }

  @Override
  public String getKnownHostsRepositoryID() {
    return knownHosts.source();
  }

  @Override
  public HostKey[] getHostKey() {
    return new HostKey[0];
  }

  @Override
  public HostKey[] getHostKey(String host, String type) {
    // JSch asks after a match to look for @revoked entries; KnownHosts has already done that
    return new HostKey[0];
  }
}
