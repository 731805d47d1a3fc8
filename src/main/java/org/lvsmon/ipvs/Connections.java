package org.lvsmon.ipvs;

/**
 * A real server's connection counts as the kernel last reported them (each an unsigned 32-bit
 * counter).
 *
 * @param active established connections (TCP ESTABLISHED)
 * @param inactive other connections (TCP FIN_WAIT, TIME_WAIT, SYN_RECV...)
 * @param persistent persistence templates pointing at the server
 */
public record Connections(long active, long inactive, long persistent) {
  public static final Connections NONE = new Connections(0, 0, 0);

  public Connections {
    if (active < 0 || inactive < 0 || persistent < 0) {
      throw new IllegalArgumentException("negative connection count: active " + active + ", inactive " + inactive
          + ", persistent " + persistent);
    }
  }
}
