package org.lvsmon.monitor.ssh;

/**
 * How an SSH check of one host ended. The {@link #label} starts the host's detail line ({@code
 * node3 no banner: ...}), so scripts and tests can tell the cases apart by the text before the
 * first colon.
 */
public enum SshStatus {
  OK("ok"),
  /** The host name does not resolve. */
  UNRESOLVED("unresolved"),
  /** TCP connection refused: nothing listens (sshd dead). */
  REFUSED("refused"),
  /** No TCP connection within the connect timeout (host down, link down, packets dropped). */
  CONNECT_TIMEOUT("connect timeout"),
  /** TCP connect failed otherwise ({@code No route to host}, {@code Network is unreachable}, ...). */
  CONNECT_FAILED("connect failed"),
  /** Connected, then the server closed or reset the connection before sending its banner. */
  CLOSED("closed"),
  /** Connected, but no byte of a banner within the banner timeout: a hung sshd. */
  NO_BANNER("no banner"),
  /** Connected, but what came is not an SSH-2.0 identification line. */
  BAD_BANNER("bad banner"),
  /** The host key is not in known_hosts (for that name and key type). */
  UNKNOWN_HOST_KEY("unknown host key"),
  /** known_hosts holds a different key for the host: possible man-in-the-middle. */
  HOST_KEY_MISMATCH("host key mismatch"),
  /** The host key is marked {@code @revoked} in known_hosts. */
  HOST_KEY_REVOKED("host key revoked"),
  /** The server accepted none of the keys. */
  AUTH_FAILED("authentication failed"),
  /** Key exchange, authentication or the command did not finish within the SSH timeout. */
  SSH_TIMEOUT("ssh timeout"),
  /** Any other SSH protocol failure (no common algorithm, connection lost, ...). */
  SSH_ERROR("ssh error"),
  /** Logged in, but the command did not exit 0. */
  COMMAND_FAILED("command failed"),
  /** Logged in, but the load command answered with something that is not a load line. */
  BAD_OUTPUT("bad output"),
  /** The load sample missed its deadline, yet sshd sent its banner at once: a busy node, not a dead one. */
  OVERLOADED("overloaded"),
  /** Sampled: the 1-minute load per CPU is above the threshold. */
  HIGH_LOAD("high load");

  private final String label;

  SshStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
