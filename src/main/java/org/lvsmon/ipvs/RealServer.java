package org.lvsmon.ipvs;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * A real server (the kernel's "destination") of one virtual service.
 *
 * @param address its address; its family may differ from the service's only with {@link
 *     ForwardingMethod#TUNNEL}
 * @param port its port, 0..65535 (0 for fwmark services forwarded without a port)
 * @param forwarding how packets reach it
 * @param weight 0 (quiesced: no new connections) up to {@link Integer#MAX_VALUE}
 * @param upperThreshold most connections it takes, 0 for no limit
 * @param lowerThreshold when it takes connections again after reaching the upper one, 0 for none
 * @param tunnel tunnel settings, present when the kernel reports them (Linux 5.2 and later) or when
 *     they are to be set
 * @param connections counts as last read from the kernel; ignored when adding or editing
 */
public record RealServer(InetAddress address, int port, ForwardingMethod forwarding, int weight, int upperThreshold,
    int lowerThreshold, Optional<Tunnel> tunnel, Connections connections) {
  public RealServer {
    Endpoints.checkAddress("address of a real server", address);
    Endpoints.checkPort("port of real server " + Endpoints.format(address), port);
    String name = Endpoints.format(address, port);
    if (forwarding == null) {
      throw new IllegalArgumentException("forwarding method of real server " + name + " is null");
    }
    if (weight < 0 || upperThreshold < 0 || lowerThreshold < 0) {
      throw new IllegalArgumentException("real server " + name + ": weight " + weight + ", upper threshold "
          + upperThreshold + ", lower threshold " + lowerThreshold + "; none may be negative");
    }
    if (tunnel == null || connections == null) {
      throw new IllegalArgumentException("real server " + name + ": tunnel or connections is null (use Optional.empty(), Connections.NONE)");
    }
  }

  /** A real server with this method and weight, no thresholds, no tunnel settings. */
  public static RealServer of(InetSocketAddress endpoint, ForwardingMethod forwarding, int weight) {
    return new RealServer(endpoint.getAddress(), endpoint.getPort(), forwarding, weight, 0, 0, Optional.empty(),
        Connections.NONE);
  }

  /** What identifies it within its service: address and port. */
  public InetSocketAddress endpoint() {
    return new InetSocketAddress(address, port);
  }

  public AddressFamily family() {
    return AddressFamily.of(address);
  }

  public RealServer withWeight(int newWeight) {
    return new RealServer(address, port, forwarding, newWeight, upperThreshold, lowerThreshold, tunnel, connections);
  }

  /** This server with connection thresholds (ipvsadm -x upper, -y lower). */
  public RealServer withThresholds(int upper, int lower) {
    return new RealServer(address, port, forwarding, weight, upper, lower, tunnel, connections);
  }

  public RealServer withTunnel(Tunnel newTunnel) {
    return new RealServer(address, port, forwarding, weight, upperThreshold, lowerThreshold, Optional.of(newTunnel),
        connections);
  }

  public RealServer withConnections(Connections newConnections) {
    return new RealServer(address, port, forwarding, weight, upperThreshold, lowerThreshold, tunnel, newConnections);
  }

  /** {@code 10.0.0.5:22}, {@code [2001:db8::5]:22}. */
  public String name() {
    return Endpoints.format(address, port);
  }
}
