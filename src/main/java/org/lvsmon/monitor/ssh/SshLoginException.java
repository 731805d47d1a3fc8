package org.lvsmon.monitor.ssh;

/** An SSH login or command failed; {@link #status} classifies it, the message explains it. */
public class SshLoginException extends Exception {
  private static final long serialVersionUID = 1L;

  private final SshStatus status;

  public SshLoginException(SshStatus status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  public SshStatus status() {
    return status;
  }
}
