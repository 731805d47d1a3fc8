package org.lvsmon.ipvs;

import java.net.InetSocketAddress;
import java.util.List;
import org.lvsmon.ipvs.IpvsException.Reason;

/**
 * The read half of a weight change, shared by the backends whose kernel request resets every setting
 * it is not sent: find the real server as just read, check the new weight, and give back the server
 * to send (its own forwarding method, thresholds and tunnel settings, with the new weight).
 *
 * @param before the real server as read
 * @param after what to send
 */
public record WeightChange(RealServer before, RealServer after) {
  /**
   * @param current the service's real servers as just read
   * @throws IpvsException {@link Reason#NO_SUCH_REAL_SERVER} when it is not among them, {@link
   *     Reason#OUT_OF_RANGE} for a negative weight
   */
  public static WeightChange of(IpvsOperation op, List<RealServer> current, InetSocketAddress realServer, int weight)
      throws IpvsException {
    RealServer before = null;
    for (RealServer r : current) {
      if (r.endpoint().equals(realServer)) {
        before = r;
      }
    }
    if (before == null) {
      throw new IpvsException(op, Reason.NO_SUCH_REAL_SERVER);
    }
    if (weight < 0) {
      throw KernelRules.refusal(op, Reason.OUT_OF_RANGE, "weight " + weight + " is negative");
    }
    return new WeightChange(before, before.withWeight(weight));
  }
}
