package org.lvsmon.ipvs;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's IPVS table: read it, and change virtual services and real servers. Every backend
 * (netlink, memory) refuses the same requests with the same {@link IpvsException.Reason}, and every
 * call is bounded in time. Implementations are thread-safe; {@link #close()} releases the socket or
 * whatever the backend holds.
 */
public interface IpvsControl extends AutoCloseable {
  /** Opens a backend, for whoever needs one only later (an alert that may never run). */
  @FunctionalInterface
  interface Opener {
    IpvsControl open() throws IpvsException;
  }

  /** A short name for logs and {@link IpvsTable#source()}: {@code netlink}, {@code memory}. */
  String name();

  /** Every virtual service, address/port services first, then fwmark services (as the kernel lists them). */
  List<VirtualService> services() throws IpvsException;

  /**
   * The real servers of {@code service}, with their current weights and connection counts.
   *
   * @throws IpvsException {@link IpvsException.Reason#NO_SUCH_SERVICE} when it does not exist
   */
  List<RealServer> realServers(ServiceKey service) throws IpvsException;

  /** Adds a virtual service; {@link IpvsException.Reason#SERVICE_EXISTS} when it exists. */
  void addService(VirtualService service) throws IpvsException;

  /** Deletes a virtual service and its real servers. */
  void deleteService(ServiceKey service) throws IpvsException;

  /** Adds a real server; its connection counts are ignored. */
  void addRealServer(ServiceKey service, RealServer server) throws IpvsException;

  /**
   * Replaces every setting of an existing real server (forwarding, weight, thresholds, tunnel) with
   * {@code server}'s; settings it leaves out (an empty tunnel) are reset to the kernel's defaults.
   */
  void editRealServer(ServiceKey service, RealServer server) throws IpvsException;

  /**
   * Changes only the weight of a real server: its forwarding method, thresholds and tunnel settings
   * are read and sent back as they are.
   *
   * @param weight 0 (quiesce) or more
   * @return the real server as it was before the change
   */
  RealServer setWeight(ServiceKey service, InetSocketAddress realServer, int weight) throws IpvsException;

  /** Deletes a real server from a service. */
  void deleteRealServer(ServiceKey service, InetSocketAddress realServer) throws IpvsException;

  /**
   * Every service with its real servers. A service deleted between the two reads is left out, not an
   * error.
   */
  default IpvsTable table() throws IpvsException {
    List<IpvsTable.Entry> entries = new ArrayList<>();
    for (VirtualService s : services()) {
      try {
        entries.add(new IpvsTable.Entry(s, realServers(s.key())));
      } catch (IpvsException e) {
        if (e.reason() != IpvsException.Reason.NO_SUCH_SERVICE) {
          throw e;
        }
      }
    }
    return new IpvsTable(name(), entries, List.of());
  }

  @Override
  void close();
}
