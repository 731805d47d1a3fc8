package org.lvsmon.ipvs;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.lvsmon.ipvs.IpvsException.Reason;

/**
 * The read-only view any user has: {@code /proc/net/ip_vs} (Linux's ip_vs_info_seq_show), parsed.
 * It lacks what netlink gives: thresholds, tunnel settings and persistence-template counts are not
 * there, the persistence timeout is in kernel ticks of unknown length (so it is left 0), and a
 * fwmark service's address family is not shown (it is taken from its real servers or its netmask,
 * else IPv4). {@link IpvsTable#notes()} says so.
 */
public final class ProcNetIpvs {
  private ProcNetIpvs() {}

  public static final Path PATH = Path.of("/proc/net/ip_vs");
  public static final String NOTE = "read from " + PATH + ": thresholds, tunnel settings, persistence timeouts"
      + " and persistent-connection counts are not available there";

  /**
   * Reads and parses {@code file}.
   *
   * @throws IpvsException {@link Reason#UNAVAILABLE} when it does not exist (no ip_vs module), or
   *     {@link Reason#FAILED} when it cannot be read or parsed
   */
  public static IpvsTable read(Path file) throws IpvsException {
    IpvsOperation op = IpvsOperation.listServices();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new IpvsException(op, Reason.UNAVAILABLE, "no " + file + ": the ip_vs module is not loaded (modprobe ip_vs)", e);
    } catch (IOException e) {
      throw new IpvsException(op, Reason.FAILED, "cannot read " + file + ": " + e, e);
    }
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      throw new IpvsException(op, Reason.FAILED, file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The table in {@code text}.
   *
   * @throws IllegalArgumentException naming the line when it is not the kernel's format
   */
  public static IpvsTable parse(String text) {
    List<Pending> services = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String[] t = line.trim().split("\\s+");
      if (line.isBlank() || line.startsWith("IP Virtual Server") || line.startsWith("Prot ")
          || line.trim().startsWith("-> RemoteAddress")) {
        continue;
      }
      try {
        if (t[0].equals("->")) {
          if (services.isEmpty()) {
            throw new IllegalArgumentException("a real server before any service");
          }
          services.get(services.size() - 1).realServers.add(realServer(t));
        } else {
          services.add(service(t));
        }
      } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
        throw new IllegalArgumentException("line " + (i + 1) + " \"" + line.trim() + "\": " + e.getMessage(), e);
      }
    }
    List<IpvsTable.Entry> entries = new ArrayList<>();
    for (Pending p : services) {
      entries.add(new IpvsTable.Entry(p.build(), p.realServers));
    }
    return new IpvsTable(PATH.toString(), entries, List.of(NOTE));
  }

  /** A service line's fields until its real servers are known (they decide a fwmark service's family). */
  private static final class Pending {
    Protocol protocol;
    InetAddress address;
    int port;
    int fwmark;
    String scheduler;
    Set<ServiceFlag> flags = EnumSet.noneOf(ServiceFlag.class);
    long netmask = -1;
    final List<RealServer> realServers = new ArrayList<>();

    VirtualService build() {
      ServiceKey key;
      if (protocol != null) {
        key = new ServiceKey.Endpoint(protocol, address, port);
      } else {
        AddressFamily family = !realServers.isEmpty() ? realServers.get(0).family()
            : netmask >= 0 && Integer.bitCount((int) netmask) == 1 && v6Bits((int) netmask) <= 128 ? AddressFamily.INET6
            : AddressFamily.INET;
        key = new ServiceKey.Fwmark(fwmark, family);
      }
      int bits = key.family().maxNetmaskBits();
      if (netmask >= 0) {
        bits = key.family() == AddressFamily.INET6 ? v6Bits((int) netmask) : v4Bits((int) netmask);
      }
      return new VirtualService(key, scheduler, flags, 0, bits, "");
    }
  }

  private static Pending service(String[] t) {
    Pending p = new Pending();
    if (t[0].equals("FWM")) {
      p.fwmark = (int) Long.parseLong(t[1], 16);
    } else {
      p.protocol = Protocol.valueOf(t[0]);
      int colon = t[1].lastIndexOf(':');
      p.address = address(t[1].substring(0, colon));
      p.port = Integer.parseInt(t[1].substring(colon + 1), 16);
    }
    p.scheduler = t[2];
    for (int i = 3; i < t.length; i++) {
      if (t[i].equals("ops")) {
        p.flags.add(ServiceFlag.ONE_PACKET);
      } else if (t[i].equals("persistent")) {
        p.flags.add(ServiceFlag.PERSISTENT);
        Long.parseLong(t[i + 1]); // ticks: HZ is unknown here
        p.netmask = Long.parseLong(t[i + 2], 16);
        i += 2;
      } else {
        throw new IllegalArgumentException("unknown service flag \"" + t[i] + "\"");
      }
    }
    return p;
  }

  private static RealServer realServer(String[] t) {
    int colon = t[1].lastIndexOf(':');
    InetAddress address = address(t[1].substring(0, colon));
    int port = Integer.parseInt(t[1].substring(colon + 1), 16);
    return new RealServer(address, port, ForwardingMethod.ofLabel(t[2]), Integer.parseInt(t[3]), 0, 0, Optional.empty(),
        new Connections(Long.parseLong(t[4]), Long.parseLong(t[5]), 0));
  }

  /** {@code 0A000001} or {@code [2001:0db8:...:0001]}. */
  private static InetAddress address(String s) {
    byte[] bytes;
    if (s.startsWith("[") && s.endsWith("]")) {
      String[] words = s.substring(1, s.length() - 1).split(":");
      if (words.length != 8) {
        throw new IllegalArgumentException("IPv6 address \"" + s + "\" has " + words.length + " groups, expected 8");
      }
      bytes = new byte[16];
      for (int i = 0; i < 8; i++) {
        int w = Integer.parseInt(words[i], 16);
        bytes[2 * i] = (byte) (w >> 8);
        bytes[2 * i + 1] = (byte) w;
      }
    } else {
      if (s.length() != 8) {
        throw new IllegalArgumentException("IPv4 address \"" + s + "\" is not 8 hex digits");
      }
      int v = (int) Long.parseLong(s, 16);
      bytes = new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("bad address \"" + s + "\"", e);
    }
  }

  private static int v4Bits(int mask) {
    int bits = Integer.bitCount(mask);
    if (mask != (bits == 0 ? 0 : -1 << (32 - bits))) {
      throw new IllegalArgumentException(String.format("netmask %08X is not a prefix", mask));
    }
    return bits;
  }

  /** The kernel prints an IPv6 prefix length through ntohl, so on little-endian hosts its bytes are swapped. */
  private static int v6Bits(int printed) {
    return ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? Integer.reverseBytes(printed) : printed;
  }
}
