package org.lvsmon.monitor.ssh;

/** One host's result: its status and, unless OK, the text after {@code HOST LABEL: } in the detail line. */
public record SshOutcome(SshStatus status, String text) {
  public static final SshOutcome OK = new SshOutcome(SshStatus.OK, "");

  public boolean ok() {
    return status == SshStatus.OK;
  }

  /** Key exchange, login or a command did not finish within {@code timeout}, in {@code phase}. */
  public static SshOutcome sshTimeout(java.time.Duration timeout, String phase) {
    return new SshOutcome(SshStatus.SSH_TIMEOUT, "no answer within " + org.lvsmon.monitor.MonitorArgs.seconds(timeout)
        + " during " + phase);
  }

  /** The mon detail line for {@code host}: {@code HOST LABEL: TEXT}. */
  public String line(String host) {
    return host + " " + status.label() + ": " + text;
  }
}
