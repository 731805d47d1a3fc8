package org.lvsmon.control;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.lvsmon.control.AuthConfig.TrapSender;

/**
 * auth.cf's trap section applied as mon's {@code handle_trap} applies it, quirks included. If any
 * line has host {@code *}, only the {@code *} lines count (lines for specific hosts are then
 * ignored); else the lines whose host is the sender's address, or a name that resolves to it. If
 * none, the host is refused. If one of those lines has user {@code *}, the trap is accepted without
 * looking at user or password. Else the last line for the trap's {@code usr} must exist, and the
 * trap's {@code pas} (empty if missing) must crypt-compare equal to that line's hash, as mon's
 * {@code crypt($pas, $hash) eq $hash}: the password field of auth.cf is a crypt(3) hash, never plain
 * text. Differences from mon: names are resolved when traps arrive (see {@link TrapHosts}) and may
 * match any of their addresses, where mon takes the first address when it reads auth.cf; a hash
 * {@link PasswordHashes} cannot check is refused with a reason naming its type. Thread-safe.
 */
final class TrapAuthorizer {
  private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

  private final TrapHosts hosts;

  TrapAuthorizer(TrapHosts hosts) {
    this.hosts = Objects.requireNonNull(hosts, "hosts");
  }

  /**
   * Returns normally if {@code auth} lets {@code from} send {@code trap}.
   *
   * @throws TrapRejectedException with the reason, naming the user but never the password or hash
   */
  void authorize(AuthConfig auth, Trap trap, InetAddress from) throws TrapRejectedException {
    List<TrapSender> all = auth.trapSenders();
    boolean anyHost = all.stream().anyMatch(s -> s.host().equals("*"));
    InetAddress sender = ipv4(from);
    List<TrapSender> lines = all.stream()
        .filter(s -> anyHost ? s.host().equals("*") : isHost(s.host(), sender))
        .toList();
    if (lines.isEmpty()) {
      throw new TrapRejectedException("host not allowed to send traps (no line for it in auth.cf's trap section)");
    }
    if (lines.stream().anyMatch(s -> s.user().equals("*"))) {
      return;
    }
    String user = TrapDecoder.show(trap.user());
    TrapSender line = null;
    for (TrapSender s : lines) {
      if (s.user().equals(trap.user())) {
        line = s;
      }
    }
    if (line == null) {
      throw new TrapRejectedException("unknown user \"" + user + "\" (not in auth.cf's trap section for this host)");
    }
    boolean matches;
    try {
      matches = PasswordHashes.matches(trap.password(), line.password());
    } catch (UnsupportedHashException e) {
      throw new TrapRejectedException("user \"" + user + "\" (auth.cf line " + line.line() + "): " + e.getMessage());
    }
    if (!matches) {
      throw new TrapRejectedException("bad password for user \"" + user + "\"");
    }
  }

  private boolean isHost(String host, InetAddress sender) {
    if (DOTTED_QUAD.matcher(host).matches()) {
      return sender.equals(quad(host));
    }
    return hosts.addresses(host).stream().anyMatch(a -> ipv4(a).equals(sender));
  }

  /**
   * A dotted quad as C's {@code inet_aton} reads it, which mon uses: a part with a leading 0 is
   * octal ({@code 010} is 8). Null if a part is not a valid number up to 255.
   */
  static InetAddress quad(String host) {
    String[] parts = host.split("\\.");
    byte[] b = new byte[4];
    for (int i = 0; i < 4; i++) {
      int v;
      try {
        v = Integer.parseInt(parts[i], parts[i].length() > 1 && parts[i].startsWith("0") ? 8 : 10);
      } catch (NumberFormatException e) {
        return null;
      }
      if (v > 255) {
        return null;
      }
      b[i] = (byte) v;
    }
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** An IPv4-mapped IPv6 address as the IPv4 address it maps, as mon (IPv4 only) sees it. */
  private static InetAddress ipv4(InetAddress a) {
    byte[] b = a.getAddress();
    if (a instanceof Inet6Address && b.length == 16 && isMapped(b)) {
      try {
        return Inet4Address.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
      } catch (UnknownHostException e) {
        return a;
      }
    }
    return a;
  }

  private static boolean isMapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
  }
}
