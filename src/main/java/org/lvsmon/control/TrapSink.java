package org.lvsmon.control;

import java.net.InetAddress;

/**
 * Where {@link TrapListener} hands each trap that passed decoding and auth.cf's trap section; the
 * engine processes it like a monitor result (reference 3.9), including the lookup of group and
 * service and mon's {@code default} fallback. Called on the listener's thread, one trap at a time;
 * it should return quickly, and what it throws is logged and the trap dropped.
 */
@FunctionalInterface
public interface TrapSink {

  /** A trap {@code from} the sender's address (never null). */
  void trap(Trap trap, InetAddress from);
}
