package org.lvsmon.ipvs.ipvsadm;

import java.util.Locale;
import org.lvsmon.ipvs.IpvsException;
import org.lvsmon.ipvs.IpvsException.Reason;
import org.lvsmon.ipvs.IpvsOperation;
import org.lvsmon.ipvs.IpvsOperation.Kind;
import org.lvsmon.ipvs.KernelRules;
import org.lvsmon.ipvs.RealServer;

/**
 * ipvsadm's error text (libipvs's ipvs_strerror, and ipvsadm's own argument checks) as the {@link
 * Reason} every backend gives for the same refusal. Pure.
 */
final class IpvsadmErrors {
  private IpvsadmErrors() {}

  /** Exit status of ipvsadm when it refused its arguments before asking the kernel. */
  static final int USAGE_EXIT = 2;

  /**
   * The exception for a failed run of ipvsadm.
   *
   * @param server the real server that was sent, to explain an EINVAL or ERANGE; may be null
   */
  static IpvsException of(IpvsOperation op, int exit, String stderr, RealServer server) {
    String said = stderr.strip().replaceAll("\\s*\n\\s*", "; ");
    String ipvsadm = said.isEmpty() ? " (ipvsadm exited " + exit + " and said nothing)" : " (ipvsadm: " + said + ")";
    String t = said.toLowerCase(Locale.ROOT);
    if (t.contains("permission denied")) {
      return new IpvsException(op, Reason.NOT_PERMITTED, Reason.NOT_PERMITTED.words() + ": ipvsadm needs CAP_NET_ADMIN"
          + " (run as root, or grant lvsmon the capability)" + ipvsadm, null);
    }
    if (t.contains("can't initialize ipvs") || t.contains("protocol not available")) {
      return new IpvsException(op, Reason.UNAVAILABLE, Reason.UNAVAILABLE.words() + ": is the ip_vs module loaded?"
          + " (modprobe ip_vs; /proc/net/ip_vs exists when it is)" + ipvsadm, null);
    }
    if (t.contains("no such service") || t.contains("service not defined")) {
      return new IpvsException(op, Reason.NO_SUCH_SERVICE, Reason.NO_SUCH_SERVICE.words() + ipvsadm, null);
    }
    if (t.contains("no such destination")) {
      return new IpvsException(op, Reason.NO_SUCH_REAL_SERVER, Reason.NO_SUCH_REAL_SERVER.words() + ipvsadm, null);
    }
    if (t.contains("service already exists")) {
      return new IpvsException(op, Reason.SERVICE_EXISTS, Reason.SERVICE_EXISTS.words() + ipvsadm, null);
    }
    if (t.contains("destination already exists")) {
      return new IpvsException(op, Reason.REAL_SERVER_EXISTS, Reason.REAL_SERVER_EXISTS.words() + ipvsadm, null);
    }
    if (t.contains("scheduler or persistence engine not found")) {
      return new IpvsException(op, Reason.NO_SUCH_SCHEDULER, Reason.NO_SUCH_SCHEDULER.words() + ipvsadm, null);
    }
    boolean range = t.contains("out of range");
    boolean invalid = t.contains("invalid operation") || t.contains("address family") || t.contains("illegal")
        || t.contains("you need to supply") || exit == USAGE_EXIT;
    if (range || invalid) {
      if (server != null && op.service() != null && op.kind() != Kind.DELETE_REAL_SERVER) {
        IpvsException explained = KernelRules.check(op, op.service(), server).orElse(null);
        if (explained != null) {
          return explained;
        }
      }
      Reason reason = range ? Reason.OUT_OF_RANGE : Reason.INVALID;
      return new IpvsException(op, reason, reason.words() + ipvsadm, null);
    }
    return new IpvsException(op, Reason.FAILED, "ipvsadm exited " + exit + (said.isEmpty() ? "" : ": " + said), null);
  }
}
