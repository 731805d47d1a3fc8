package org.lvsmon.ipvs;

import java.net.InetAddress;

/**
 * What identifies a virtual service to the kernel: protocol, address and port, or a firewall mark
 * and an address family. {@link #toString()} is how messages and ipvsadm name it: {@code TCP
 * 10.0.0.1:22}, {@code UDP [2001:db8::1]:53}, {@code FWM 5}, {@code FWM 6 IPv6}.
 */
public sealed interface ServiceKey permits ServiceKey.Endpoint, ServiceKey.Fwmark {
  AddressFamily family();

  /** A service on {@code address:port} for one protocol. */
  record Endpoint(Protocol protocol, InetAddress address, int port) implements ServiceKey {
    public Endpoint {
      if (protocol == null) {
        throw new IllegalArgumentException("protocol of a virtual service is null");
      }
      Endpoints.checkAddress("address of a virtual service", address);
      Endpoints.checkPort("port of virtual service " + Endpoints.format(address), port);
    }

    @Override
    public AddressFamily family() {
      return AddressFamily.of(address);
    }

    @Override
    public String toString() {
      return protocol + " " + Endpoints.format(address, port);
    }
  }

  /**
   * A service for packets carrying firewall mark {@code mark} (an unsigned 32-bit value, not 0).
   */
  record Fwmark(int mark, AddressFamily family) implements ServiceKey {
    public Fwmark {
      if (mark == 0) {
        throw new IllegalArgumentException("firewall mark 0 means no mark; a fwmark service needs another");
      }
      if (family == null) {
        throw new IllegalArgumentException("address family of fwmark service " + Integer.toUnsignedString(mark) + " is null");
      }
    }

    @Override
    public String toString() {
      return "FWM " + Integer.toUnsignedString(mark) + (family == AddressFamily.INET6 ? " IPv6" : "");
    }
  }

  static Endpoint tcp(String address, int port) {
    return new Endpoint(Protocol.TCP, Endpoints.parseAddress(address), port);
  }

  static Endpoint udp(String address, int port) {
    return new Endpoint(Protocol.UDP, Endpoints.parseAddress(address), port);
  }

  static Fwmark fwmark(int mark) {
    return new Fwmark(mark, AddressFamily.INET);
  }

  static Fwmark fwmark6(int mark) {
    return new Fwmark(mark, AddressFamily.INET6);
  }
}
