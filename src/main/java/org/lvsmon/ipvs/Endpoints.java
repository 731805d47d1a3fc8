package org.lvsmon.ipvs;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Addresses as ipvsadm writes and reads them: IPv4 dotted quads, IPv6 in the RFC 5952 short form
 * inside brackets when a port follows. Parsing takes literals only and never asks DNS.
 */
public final class Endpoints {
  private Endpoints() {}

  /** {@code 10.0.0.1} or {@code 2001:db8::1} (RFC 5952: lower case, longest zero run as ::). */
  public static String format(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return address.getHostAddress();
    }
    byte[] b = address.getAddress();
    int[] words = new int[8];
    for (int i = 0; i < 8; i++) {
      words[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1; // a single zero word is not shortened (RFC 5952 4.2.2)
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && words[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        s.append("::");
        i += bestLength - 1;
        continue;
      }
      if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
        s.append(':');
      }
      s.append(Integer.toHexString(words[i]));
    }
    return s.toString();
  }

  /** {@code 10.0.0.5:22} or {@code [2001:db8::5]:22}. */
  public static String format(InetAddress address, int port) {
    String a = format(address);
    return (address instanceof Inet6Address ? "[" + a + "]" : a) + ":" + port;
  }

  /** {@link #format(InetAddress, int)} of a resolved socket address. */
  public static String format(InetSocketAddress endpoint) {
    return format(endpoint.getAddress(), endpoint.getPort());
  }

  /**
   * The address written as a literal ({@code 10.0.0.1}, {@code 2001:db8::1}, {@code [2001:db8::1]}).
   *
   * @throws IllegalArgumentException for anything else, host names included (no DNS is asked)
   */
  public static InetAddress parseAddress(String literal) {
    String s = literal.startsWith("[") && literal.endsWith("]") ? literal.substring(1, literal.length() - 1) : literal;
    boolean v4 = s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean v6 = s.contains(":") && s.matches("[0-9A-Fa-f:.]+");
    if (!v4 && !v6) {
      throw new IllegalArgumentException("\"" + literal + "\" is not an IPv4 or IPv6 address literal");
    }
    try {
      return InetAddress.getByName(s); // a literal: no lookup
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("\"" + literal + "\" is not an IPv4 or IPv6 address literal", e);
    }
  }

  /**
   * {@code ADDRESS:PORT}, IPv6 in brackets.
   *
   * @throws IllegalArgumentException when it is not that
   */
  public static InetSocketAddress parse(String endpoint) {
    int colon = endpoint.lastIndexOf(':');
    if (colon < 0 || (endpoint.indexOf(':') != colon && !endpoint.startsWith("["))) {
      throw new IllegalArgumentException("\"" + endpoint + "\" is not ADDRESS:PORT (IPv6 as [ADDRESS]:PORT)");
    }
    int port;
    try {
      port = Integer.parseInt(endpoint.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("\"" + endpoint + "\" has no numeric port", e);
    }
    checkPort("port of " + endpoint, port);
    return new InetSocketAddress(parseAddress(endpoint.substring(0, colon)), port);
  }

  static void checkPort(String what, int port) {
    if (port < 0 || port > 0xffff) {
      throw new IllegalArgumentException(what + " " + port + " out of range 0..65535");
    }
  }

  static InetAddress checkAddress(String what, InetAddress address) {
    if (address == null) {
      throw new IllegalArgumentException(what + " is null");
    }
    return address;
  }
}
