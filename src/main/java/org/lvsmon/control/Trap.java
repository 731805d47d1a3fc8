package org.lvsmon.control;

/**
 * One mon trap as decoded from its datagram (reference 3.9): each field is the unescaped value of
 * its {@code key='value'} line, "" when the line is missing (mon's undef). {@code protocol} ({@code
 * pro}), {@code specific} ({@code spc}), {@code sequence} ({@code seq}) and {@code timestamp}
 * ({@code tsp}) are kept as sent: mon checks only the protocol and uses none of the others. The
 * password is left out of {@link #toString}.
 *
 * @param exitValue {@code sta}, the monitor-style exit value: 0 is success
 */
public record Trap(String protocol, String user, String password, String type, String specific,
    String sequence, String group, String service, int exitValue, String timestamp, String summary,
    String detail) {

  /**
   * The monitor output mon's {@code handle_trap} passes on for this trap: the summary, with a
   * newline added unless it ends with one, then a newline and the detail. Its first line is the
   * summary that alerts see.
   */
  public String output() {
    return (summary.endsWith("\n") ? summary : summary + "\n") + "\n" + detail;
  }

  @Override
  public String toString() {
    return "Trap[protocol=" + protocol + ", user=" + user + ", password=(hidden), type=" + type
        + ", specific=" + specific + ", sequence=" + sequence + ", group=" + group + ", service="
        + service + ", exitValue=" + exitValue + ", timestamp=" + timestamp + ", summary=" + summary
        + ", detail=" + detail + "]";
  }
}
