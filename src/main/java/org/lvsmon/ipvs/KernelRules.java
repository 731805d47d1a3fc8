package org.lvsmon.ipvs;

import java.util.Optional;
import org.lvsmon.ipvs.IpvsException.Reason;

/**
 * The kernel's checks on a real server's settings (Linux 6.1, ip_vs_genl_set_cmd and
 * ip_vs_add_dest/ip_vs_edit_dest), in the kernel's order. The memory backend enforces them; the
 * netlink backend uses them to say which rule an EINVAL or ERANGE from the kernel broke.
 */
public final class KernelRules {
  private KernelRules() {}

  /** The first rule {@code server} breaks in {@code service}, as the exception the kernel's refusal becomes. */
  public static Optional<IpvsException> check(IpvsOperation op, ServiceKey service, RealServer server) {
    if (server.family() != service.family() && server.forwarding() != ForwardingMethod.TUNNEL) {
      return Optional.of(refusal(op, Reason.INVALID, "an " + server.family() + " real server in an "
          + service.family() + " service needs tunnel forwarding"));
    }
    if (server.lowerThreshold() > server.upperThreshold()) {
      return Optional.of(refusal(op, Reason.OUT_OF_RANGE, "lower threshold " + server.lowerThreshold()
          + " above upper threshold " + server.upperThreshold() + "; 0 means no limit, so both are 0 or lower <= upper"));
    }
    Tunnel t = server.tunnel().orElse(Tunnel.IPIP);
    if (t.type() == Tunnel.Type.GUE && t.port() == 0) {
      return Optional.of(refusal(op, Reason.INVALID, "a GUE tunnel needs a port"));
    }
    return Optional.empty();
  }

  /** Names the scheduler and persistence engine a refused new service asked for (the kernel does not say which was missing). */
  public static IpvsException noSuchScheduler(IpvsOperation op, VirtualService service, Throwable cause) {
    String pe = service.persistenceEngine().isEmpty() ? "" : ", persistence engine \"" + service.persistenceEngine() + "\"";
    return new IpvsException(op, Reason.NO_SUCH_SCHEDULER, Reason.NO_SUCH_SCHEDULER.words() + " (scheduler \""
        + service.scheduler() + "\"" + pe + ")", cause);
  }

  /** {@code cannot OP: REASON (DETAIL)}. */
  public static IpvsException refusal(IpvsOperation op, Reason reason, String detail) {
    return new IpvsException(op, reason, reason.words() + " (" + detail + ")", null);
  }
}
