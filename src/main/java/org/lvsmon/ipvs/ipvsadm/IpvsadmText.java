package org.lvsmon.ipvs.ipvsadm;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.lvsmon.ipvs.AddressFamily;
import org.lvsmon.ipvs.Connections;
import org.lvsmon.ipvs.Endpoints;
import org.lvsmon.ipvs.ForwardingMethod;
import org.lvsmon.ipvs.IpvsTable;
import org.lvsmon.ipvs.Protocol;
import org.lvsmon.ipvs.RealServer;
import org.lvsmon.ipvs.ServiceFlag;
import org.lvsmon.ipvs.ServiceKey;
import org.lvsmon.ipvs.Tunnel;
import org.lvsmon.ipvs.VirtualService;

/**
 * ipvsadm's output, parsed; pure functions over text. The table comes from three listings: {@code
 * ipvsadm -Sn} (every setting but the thresholds), {@code ipvsadm -Ln --exact --thresholds}
 * (thresholds, active and inactive connections) and {@code ipvsadm -Ln --exact --persistent-conn}
 * (persistence templates). Each parser throws {@link IllegalArgumentException} naming the line it
 * could not read.
 */
public final class IpvsadmText {
  private IpvsadmText() {}

  /** The source name of a table read through ipvsadm. */
  public static final String SOURCE = "ipvsadm";

  /** The counters of one real server in a listing: two columns that depend on the listing, then the connections. */
  record Columns(long first, long second, long active, long inactive) {}

  /**
   * The table from the three listings. A service or real server missing from a listing (changed by
   * another writer between the reads) gets zero thresholds and counts.
   */
  public static IpvsTable table(String save, String thresholds, String persistent) {
    Map<ServiceKey, Map<InetSocketAddress, Columns>> limits = listing(thresholds);
    Map<ServiceKey, Map<InetSocketAddress, Columns>> templates = listing(persistent);
    List<IpvsTable.Entry> entries = new ArrayList<>();
    for (Map.Entry<VirtualService, List<RealServer>> e : save(save).entrySet()) {
      ServiceKey key = e.getKey().key();
      List<RealServer> reals = new ArrayList<>();
      for (RealServer r : e.getValue()) {
        Columns t = limits.getOrDefault(key, Map.of()).getOrDefault(r.endpoint(), new Columns(0, 0, 0, 0));
        Columns p = templates.getOrDefault(key, Map.of()).getOrDefault(r.endpoint(), new Columns(0, 0, 0, 0));
        reals.add(r.withThresholds(toInt(t.first()), toInt(t.second()))
            .withConnections(new Connections(t.active(), t.inactive(), p.second())));
      }
      entries.add(new IpvsTable.Entry(e.getKey(), reals));
    }
    return new IpvsTable(SOURCE, entries, List.of());
  }

  /**
   * {@code ipvsadm -Sn}: the services in the order listed, each with its real servers (forwarding,
   * weight, tunnel settings; no thresholds or counts, which -S does not print).
   */
  public static Map<VirtualService, List<RealServer>> save(String text) {
    Map<VirtualService, List<RealServer>> services = new LinkedHashMap<>();
    Map<ServiceKey, VirtualService> byKey = new HashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      try {
        Tokens t = new Tokens(line.split("\\s+"));
        String command = t.next();
        if (!command.equals("-A") && !command.equals("-a")) {
          throw new IllegalArgumentException("neither -A nor -a");
        }
        ServiceKey key = serviceKey(t);
        if (command.equals("-A")) {
          VirtualService v = serviceOptions(key, t);
          services.put(v, new ArrayList<>());
          byKey.put(key, v);
        } else {
          VirtualService v = byKey.get(key);
          if (v == null) {
            throw new IllegalArgumentException("real server of " + key + " before the service");
          }
          services.get(v).add(realServer(key, t));
        }
      } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
        throw new IllegalArgumentException("ipvsadm -Sn line " + (i + 1) + " \"" + line + "\": " + e.getMessage(), e);
      }
    }
    return services;
  }

  /**
   * {@code ipvsadm -Ln --exact} with {@code --thresholds} or {@code --persistent-conn}: per service,
   * each real server's four numbers (upper, lower or weight, templates; then active, inactive).
   */
  static Map<ServiceKey, Map<InetSocketAddress, Columns>> listing(String text) {
    Map<ServiceKey, Map<InetSocketAddress, Columns>> services = new LinkedHashMap<>();
    Map<InetSocketAddress, Columns> current = null;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("IP Virtual Server") || line.startsWith("Prot ")
          || line.startsWith("-> RemoteAddress")) {
        continue;
      }
      String[] t = line.split("\\s+");
      try {
        if (t[0].equals("->")) {
          if (current == null) {
            throw new IllegalArgumentException("a real server before any service");
          }
          if (t.length != 6) {
            throw new IllegalArgumentException("expected an address and four numbers, found " + (t.length - 1) + " fields");
          }
          current.put(Endpoints.parse(t[1]), new Columns(Long.parseLong(t[2]), Long.parseLong(t[3]),
              Long.parseLong(t[4]), Long.parseLong(t[5])));
        } else {
          current = new LinkedHashMap<>();
          services.put(listedKey(t), current);
        }
      } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
        throw new IllegalArgumentException("ipvsadm -Ln line " + (i + 1) + " \"" + line + "\": " + e.getMessage(), e);
      }
    }
    return services;
  }

  /** {@code TCP  10.0.0.1:22 wlc ...}, {@code FWM  6 IPv6 sh ...}. */
  private static ServiceKey listedKey(String[] t) {
    if (t[0].equals("FWM")) {
      return new ServiceKey.Fwmark(mark(t[1]), t.length > 2 && t[2].equals("IPv6") ? AddressFamily.INET6 : AddressFamily.INET);
    }
    InetSocketAddress vip = Endpoints.parse(t[1]);
    return new ServiceKey.Endpoint(protocol(t[0]), vip.getAddress(), vip.getPort());
  }

  private static Protocol protocol(String name) {
    for (Protocol p : Protocol.values()) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown protocol \"" + name + "\" (expected TCP, UDP, SCTP or FWM)");
  }

  /** {@code -t A:P}, {@code -u A:P}, {@code --sctp-service A:P}, {@code -f MARK [-6]}. */
  private static ServiceKey serviceKey(Tokens t) {
    String option = t.next();
    if (option.equals("-f")) {
      int mark = mark(t.next());
      boolean v6 = t.peekIs("-6");
      if (v6) {
        t.next();
      }
      return new ServiceKey.Fwmark(mark, v6 ? AddressFamily.INET6 : AddressFamily.INET);
    }
    Protocol p = switch (option) {
      case "-t" -> Protocol.TCP;
      case "-u" -> Protocol.UDP;
      case "--sctp-service" -> Protocol.SCTP;
      default -> throw new IllegalArgumentException("\"" + option + "\" is not -t, -u, --sctp-service or -f");
    };
    InetSocketAddress vip = Endpoints.parse(t.next());
    return new ServiceKey.Endpoint(p, vip.getAddress(), vip.getPort());
  }

  private static VirtualService serviceOptions(ServiceKey key, Tokens t) {
    String scheduler = null;
    Set<ServiceFlag> flags = EnumSet.noneOf(ServiceFlag.class);
    int timeout = 0;
    int netmask = key.family().maxNetmaskBits();
    String pe = "";
    while (t.hasNext()) {
      String o = t.next();
      switch (o) {
        case "-s" -> scheduler = t.next();
        case "-p" -> {
          flags.add(ServiceFlag.PERSISTENT);
          timeout = Integer.parseInt(t.next());
        }
        case "-M" -> netmask = netmaskBits(key.family(), t.next());
        case "-o" -> flags.add(ServiceFlag.ONE_PACKET);
        case "--pe" -> pe = t.next();
        case "-b" -> {
          for (String f : t.next().split(",")) {
            flags.add(schedulerFlag(f));
          }
        }
        default -> throw new IllegalArgumentException("unknown service option \"" + o + "\"");
      }
    }
    if (scheduler == null) {
      throw new IllegalArgumentException("no scheduler (-s)");
    }
    return new VirtualService(key, scheduler, flags, timeout, netmask, pe);
  }

  private static RealServer realServer(ServiceKey key, Tokens t) {
    InetSocketAddress endpoint = null;
    ForwardingMethod forwarding = ForwardingMethod.ROUTE;
    int weight = 1;
    int upper = 0;
    int lower = 0;
    Tunnel.Type type = null;
    int port = 0;
    int flags = 0;
    while (t.hasNext()) {
      String o = t.next();
      switch (o) {
        case "-r" -> endpoint = Endpoints.parse(t.next());
        case "-g" -> forwarding = ForwardingMethod.ROUTE;
        case "-m" -> forwarding = ForwardingMethod.MASQ;
        case "-i" -> forwarding = ForwardingMethod.TUNNEL;
        case "-w" -> weight = Integer.parseInt(t.next());
        case "-x" -> upper = Integer.parseInt(t.next());
        case "-y" -> lower = Integer.parseInt(t.next());
        case "--tun-type" -> type = Tunnel.Type.valueOf(t.next().toUpperCase(java.util.Locale.ROOT));
        case "--tun-port" -> port = Integer.parseInt(t.next());
        case "--tun-nocsum" -> flags = Tunnel.FLAG_NOCSUM;
        case "--tun-csum" -> flags |= Tunnel.FLAG_CSUM;
        case "--tun-remcsum" -> flags |= Tunnel.FLAG_REMCSUM;
        default -> throw new IllegalArgumentException("unknown real-server option \"" + o + "\"");
      }
    }
    if (endpoint == null) {
      throw new IllegalArgumentException("no real server (-r) in " + key);
    }
    Optional<Tunnel> tunnel = type == null ? Optional.empty() : Optional.of(new Tunnel(type, port, flags));
    return new RealServer(endpoint.getAddress(), endpoint.getPort(), forwarding, weight, upper, lower, tunnel,
        Connections.NONE);
  }

  /** ipvsadm's names for scheduler flags: flag-N, and the sh/mh scheduler's names for flags 1 and 2. */
  static ServiceFlag schedulerFlag(String name) {
    return switch (name) {
      case "flag-1", "sh-fallback", "mh-fallback" -> ServiceFlag.SCHED1;
      case "flag-2", "sh-port", "mh-port" -> ServiceFlag.SCHED2;
      case "flag-3" -> ServiceFlag.SCHED3;
      default -> throw new IllegalArgumentException("unknown scheduler flag \"" + name + "\"");
    };
  }

  /** {@code 255.255.255.0} for IPv4, a prefix length for IPv6. */
  static int netmaskBits(AddressFamily family, String text) {
    if (family == AddressFamily.INET6) {
      return Integer.parseInt(text);
    }
    InetAddress mask = Endpoints.parseAddress(text);
    if (!(mask instanceof Inet4Address)) {
      throw new IllegalArgumentException("netmask \"" + text + "\" is not an IPv4 mask");
    }
    byte[] b = mask.getAddress();
    int bits = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    int n = Integer.bitCount(bits);
    if (bits != (n == 0 ? 0 : -1 << (32 - n))) {
      throw new IllegalArgumentException("netmask " + text + " is not a prefix");
    }
    return n;
  }

  private static int mark(String text) {
    return (int) Long.parseLong(text);
  }

  private static int toInt(long v) {
    return (int) Math.min(v, Integer.MAX_VALUE);
  }

  /** A cursor over one line's words. */
  private static final class Tokens {
    private final String[] words;
    private int next;

    Tokens(String[] words) {
      this.words = words;
    }

    boolean hasNext() {
      return next < words.length;
    }

    boolean peekIs(String word) {
      return hasNext() && words[next].equals(word);
    }

    String next() {
      if (!hasNext()) {
        throw new IllegalArgumentException("the line ends where a value was expected");
      }
      return words[next++];
    }
  }
}
