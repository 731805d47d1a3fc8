package org.lvsmon.control;

import java.util.Objects;
import org.lvsmon.config.ServiceRef;

/**
 * One real server of a {@code balance} virtual service as {@code list ipvs} and {@code lvsmon status}
 * show it: what the weight controller wants, what the kernel has, the connections still open, the
 * last load sample and why the weight is what it is. Immutable.
 *
 * @param virtualService the virtual service as {@code tcp:10.99.203.43:22}, {@code udp:[fd00::1]:53}
 *     or {@code fwmark:7} (with {@code :inet6} for an IPv6 fwmark)
 * @param realServer the real server as {@code 10.0.0.11:22} or {@code [fd00::11]:22}
 * @param host the watch's host name the real server was resolved from
 * @param service the mon service whose results drive the weight
 * @param desired the weight the controller wants; -1 before the first result
 * @param kernel the weight the kernel had at the last read; -1 when the real server is not in the
 *     kernel's table (or has not been read yet)
 * @param active active connections at the last read (-1 unknown)
 * @param inactive inactive connections at the last read (-1 unknown)
 * @param load1 the last 1-minute load per CPU the monitor reported; negative when none
 * @param cpus the CPU count from the last sample; 0 when unknown
 * @param state {@code up}, {@code overloaded}, {@code down}, {@code drained} or {@code unknown}
 * @param reason why the weight is what it is, in words (e.g. {@code load 0.42/cpu}, {@code failing},
 *     {@code slow start}, {@code fail-static}, {@code drained: kernel upgrade})
 * @param drained whether an operator drained the real server
 */
public record IpvsView(
    String virtualService,
    String realServer,
    String host,
    ServiceRef service,
    int desired,
    int kernel,
    long active,
    long inactive,
    double load1,
    int cpus,
    String state,
    String reason,
    boolean drained) {
  public IpvsView {
    Objects.requireNonNull(virtualService, "virtualService");
    Objects.requireNonNull(realServer, "realServer");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(state, "state");
    reason = reason == null ? "" : reason;
  }
}
