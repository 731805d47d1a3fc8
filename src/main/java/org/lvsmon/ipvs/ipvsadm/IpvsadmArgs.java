package org.lvsmon.ipvs.ipvsadm;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lvsmon.ipvs.AddressFamily;
import org.lvsmon.ipvs.Endpoints;
import org.lvsmon.ipvs.ForwardingMethod;
import org.lvsmon.ipvs.RealServer;
import org.lvsmon.ipvs.ServiceFlag;
import org.lvsmon.ipvs.ServiceKey;
import org.lvsmon.ipvs.Tunnel;
import org.lvsmon.ipvs.VirtualService;

/**
 * ipvsadm's arguments for each request, as {@code ipvsadm -Sn} prints them, so that a line of them
 * is also a line for {@code ipvsadm -R}. Pure.
 */
public final class IpvsadmArgs {
  private IpvsadmArgs() {}

  /** {@code -t 10.0.0.1:22}, {@code -u [2001:db8::1]:53}, {@code --sctp-service ...}, {@code -f 5 [-6]}. */
  public static List<String> service(ServiceKey key) {
    if (key instanceof ServiceKey.Fwmark f) {
      List<String> a = new ArrayList<>(List.of("-f", Integer.toUnsignedString(f.mark())));
      if (f.family() == AddressFamily.INET6) {
        a.add("-6");
      }
      return a;
    }
    ServiceKey.Endpoint e = (ServiceKey.Endpoint) key;
    String option = switch (e.protocol()) {
      case TCP -> "-t";
      case UDP -> "-u";
      case SCTP -> "--sctp-service";
    };
    return List.of(option, Endpoints.format(e.address(), e.port()));
  }

  /** {@code -A SERVICE -s SCHED [-p T [-M MASK]] [-o] [--pe PE] [-b FLAGS]}. */
  public static List<String> addService(VirtualService v) {
    List<String> a = new ArrayList<>(List.of("-A"));
    a.addAll(service(v.key()));
    a.addAll(List.of("-s", v.scheduler()));
    if (v.isPersistent()) {
      a.addAll(List.of("-p", Integer.toString(v.timeoutSeconds())));
      if (v.netmaskBits() != v.key().family().maxNetmaskBits()) {
        a.addAll(List.of("-M", netmask(v.key().family(), v.netmaskBits())));
      }
    }
    if (v.flags().contains(ServiceFlag.ONE_PACKET)) {
      a.add("-o");
    }
    if (!v.persistenceEngine().isEmpty()) {
      a.addAll(List.of("--pe", v.persistenceEngine()));
    }
    List<String> sched = new ArrayList<>();
    for (ServiceFlag f : List.of(ServiceFlag.SCHED1, ServiceFlag.SCHED2, ServiceFlag.SCHED3)) {
      if (v.flags().contains(f)) {
        sched.add(f.label());
      }
    }
    if (!sched.isEmpty()) {
      a.addAll(List.of("-b", String.join(",", sched)));
    }
    return a;
  }

  public static List<String> deleteService(ServiceKey key) {
    List<String> a = new ArrayList<>(List.of("-D"));
    a.addAll(service(key));
    return a;
  }

  /** {@code -a} (add) or {@code -e} (edit) with every setting of {@code r}: forwarding, weight, thresholds, tunnel. */
  public static List<String> realServer(String command, ServiceKey key, RealServer r) {
    List<String> a = new ArrayList<>(List.of(command));
    a.addAll(service(key));
    a.addAll(List.of("-r", r.name(), forwarding(r.forwarding()), "-w", Integer.toString(r.weight()),
        "-x", Integer.toString(r.upperThreshold()), "-y", Integer.toString(r.lowerThreshold())));
    if (r.forwarding() == ForwardingMethod.TUNNEL) {
      Tunnel t = r.tunnel().orElse(Tunnel.IPIP);
      a.addAll(List.of("--tun-type", t.type().name().toLowerCase(Locale.ROOT)));
      if (t.type() == Tunnel.Type.GUE) {
        a.addAll(List.of("--tun-port", Integer.toString(t.port())));
      }
      if (t.type() != Tunnel.Type.IPIP) {
        if ((t.flags() & Tunnel.FLAG_CSUM) != 0) {
          a.add("--tun-csum");
        } else if ((t.flags() & Tunnel.FLAG_REMCSUM) != 0) {
          a.add("--tun-remcsum");
        } else {
          a.add("--tun-nocsum");
        }
      }
    }
    return a;
  }

  public static List<String> deleteRealServer(ServiceKey key, InetSocketAddress realServer) {
    List<String> a = new ArrayList<>(List.of("-d"));
    a.addAll(service(key));
    a.addAll(List.of("-r", Endpoints.format(realServer)));
    return a;
  }

  /** ipvsadm's switch for a forwarding method; the director's own address (Local) is given as -g. */
  static String forwarding(ForwardingMethod m) {
    return switch (m) {
      case MASQ -> "-m";
      case TUNNEL -> "-i";
      case ROUTE, LOCAL -> "-g";
    };
  }

  /** A dotted mask for IPv4, the prefix length for IPv6. */
  static String netmask(AddressFamily family, int bits) {
    if (family == AddressFamily.INET6) {
      return Integer.toString(bits);
    }
    int mask = bits == 0 ? 0 : -1 << (32 - bits);
    try {
      InetAddress a = Inet4Address.getByAddress(new byte[] {(byte) (mask >> 24), (byte) (mask >> 16), (byte) (mask >> 8),
          (byte) mask});
      return a.getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are an IPv4 address", e);
    }
  }
}
