package org.lvsmon.monitor.tcp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Perl's {@code Socket::inet_aton}, which mon's {@code tcp.monitor} uses: glibc's {@code inet_aton}
 * numbers-and-dots forms first ({@code 127.1}, {@code 0x7f.0.0.1}, {@code 0177.0.0.1}, a bare 32-bit
 * number; anything after whitespace is ignored), then a name lookup that keeps only IPv4 addresses,
 * as {@code gethostbyname} does. An IPv6 address or a name with only IPv6 addresses does not
 * resolve. Stateless.
 */
public final class InetAton {
  private static final long[] MAX_LAST = {0xffffffffL, 0xffffffL, 0xffffL, 0xffL};

  private InetAton() {}

  /** The host's IPv4 address, or empty when inet_aton would fail. Blocks for a name lookup. */
  public static Optional<Inet4Address> resolve(String host) {
    if (host.isEmpty()) {
      return Optional.empty();
    }
    Optional<Inet4Address> numeric = parse(host);
    if (numeric.isPresent()) {
      return numeric;
    }
    try {
      for (InetAddress a : InetAddress.getAllByName(host)) {
        if (a instanceof Inet4Address) {
          return Optional.of((Inet4Address) a);
        }
      }
    } catch (UnknownHostException | SecurityException e) {
      // inet_aton's failure carries no reason
    }
    return Optional.empty();
  }

  /** glibc's {@code inet_aton} numbers-and-dots parser alone, without a name lookup. */
  public static Optional<Inet4Address> parse(String s) {
    byte[] bytes = new byte[4];
    int parts = 0;
    int i = 0;
    long val;
    while (true) {
      if (i >= s.length() || !isDigit(s.charAt(i))) {
        return Optional.empty();
      }
      // strtoul(s, &end, 0): 0x and a hex digit = hex, a leading 0 = octal, else decimal
      int base = 10;
      if (s.charAt(i) == '0') {
        base = 8;
        if (i + 2 < s.length() && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X') && isHex(s.charAt(i + 2))) {
          base = 16;
          i += 2;
        }
      }
      val = 0;
      while (i < s.length() && s.charAt(i) < 128 && Character.digit(s.charAt(i), base) >= 0) {
        val = val * base + Character.digit(s.charAt(i), base);
        if (val > 0xffffffffL) {
          return Optional.empty();
        }
        i++;
      }
      if (i < s.length() && s.charAt(i) == '.') {
        if (parts > 2 || val > 0xff) {
          return Optional.empty();
        }
        bytes[parts++] = (byte) val;
        i++;
      } else {
        break;
      }
    }
    if (i < s.length() && !isSpace(s.charAt(i))) {
      return Optional.empty();
    }
    if (val > MAX_LAST[parts]) {
      return Optional.empty();
    }
    for (int b = 3; b >= parts; b--) {
      bytes[b] = (byte) (val & 0xff);
      val >>>= 8;
    }
    try {
      return Optional.of((Inet4Address) InetAddress.getByAddress(bytes));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("4 bytes are always an IPv4 address", e);
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHex(char c) {
    return c < 128 && Character.digit(c, 16) >= 0;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
  }
}
