package org.lvsmon.alert.lvs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.lvsmon.ipvs.AddressFamily;
import org.lvsmon.ipvs.Endpoints;
import org.lvsmon.ipvs.ForwardingMethod;
import org.lvsmon.ipvs.Protocol;
import org.lvsmon.ipvs.ServiceKey;

/**
 * lvs.alert's arguments: mon's ({@code -s SVC -g GRP -h HOSTS -t TIME [-l N]} and the event flag
 * {@code -u}, {@code -D}, {@code -a}, {@code -T} or {@code -O}) and mon-contrib ipvs.alert's
 * ({@code -P PROTO -V VIP:PORT -R RS[:PORT] -W WEIGHT -F dr|nat|tun -B -S SCHED}), plus lvsmon's
 * {@code -X} (delete instead of quiesce). Parsed like Perl's getopts: single letters, clustered
 * ({@code -uB}), values attached or in the next word.
 *
 * @param event what mon called the alert for
 * @param virtualService {@code -P} and {@code -V}
 * @param realServers {@code -R} values, in order (several {@code -R} are allowed); empty: the hosts
 *     on the first line of stdin
 * @param weight {@code -W}, the weight an up alert restores
 * @param forwarding {@code -F}, for a real server an up alert adds
 * @param createService {@code -B}: an up alert adds the virtual service when it is missing
 * @param scheduler {@code -S}, the scheduler of a service {@code -B} adds
 * @param delete {@code -X}: a down alert deletes the real server (ipvs.alert's way) instead of quiescing it
 */
public record LvsAlertArgs(Event event, String group, String service, ServiceKey virtualService,
    List<String> realServers, OptionalInt weight, Optional<ForwardingMethod> forwarding, boolean createService,
    String scheduler, boolean delete) {
  /** ipvsadm's default scheduler, for {@code -B} without {@code -S}. */
  public static final String DEFAULT_SCHEDULER = "wlc";

  public static final String USAGE = "usage: lvs.alert -V VIP:PORT|MARK [-P tcp|udp|sctp|fwm|fwm6] [-R HOST[:PORT]]..."
      + " [-W WEIGHT] [-F dr|nat|tun] [-B [-S SCHED]] [-X] [-u|-D] [mon's -s -g -h -t -l]";

  /** Every option, one a line, for {@code --help}. */
  public static final String USAGE_TEXT = ""
      + "  -V VIP:PORT | MARK  the virtual service (IPv6 as [ADDRESS]:PORT; a firewall mark with -P fwm or fwm6)%n"
      + "  -P PROTO            tcp (default), udp, sctp, fwm, fwm6%n"
      + "  -R HOST[:PORT]      a real server (repeatable); without -R, the hosts on stdin's first line. Without a%n"
      + "                      port, every real server of the service at that host's addresses%n"
      + "  -W WEIGHT           the weight an up alert restores (default: a serving server keeps its weight; a%n"
      + "                      quiesced or missing one gets ipvsadm's default 1)%n"
      + "  -F dr|nat|tun       forwarding of a real server an up alert adds (default dr, as ipvsadm)%n"
      + "  -B [-S SCHED]       an up alert adds the virtual service if it is missing (scheduler default wlc)%n"
      + "  -X                  a down alert deletes the real server (mon-contrib ipvs.alert's way) instead of%n"
      + "                      quiescing it%n"
      + "  -u | -D | -a | -T | -O   mon's event flag: up, disable (nothing changed), ack and trap timeout%n"
      + "                      (nothing to do), trap (as down); none: down%n"
      + "  -s -g -h -t -l      mon's own arguments; -h is never used to choose real servers";

  private static final String WITH_VALUE = "sghtlPVRWFS";
  private static final String FLAGS = "uDBXaTO";

  /** Why mon called the alert: its flag. */
  public enum Event {
    /** No flag (or {@code -T}, a trap reporting a failure): quiesce. */
    DOWN,
    /** {@code -u}: restore. */
    UP,
    /** {@code -D}, a disablealert: nothing is changed, and never is a virtual service deleted. */
    DISABLE,
    /** {@code -a}, an ackalert: nothing to do. */
    ACK,
    /** {@code -O}, a trap timeout: nothing is known about the hosts, so nothing to do. */
    TRAP_TIMEOUT
  }

  /** The arguments are not lvs.alert's; the message says which and why. */
  public static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /** Which host and port a {@code -R} value or a summary word names; the port is 0 when not given. */
  public record Target(String host, int port, boolean portGiven) {
    /**
     * {@code HOST}, {@code HOST:PORT}, {@code [V6]:PORT} or a bare IPv6 literal.
     *
     * @throws IllegalArgumentException when it is none of these
     */
    public static Target parse(String word) {
      if (!word.matches("[A-Za-z0-9._:\\[\\]-]+")) {
        throw new IllegalArgumentException("\"" + word + "\" is not a host name or address (HOST, HOST:PORT or [IPV6]:PORT)");
      }
      if (word.startsWith("[")) {
        int close = word.indexOf(']');
        String rest = close < 0 ? "" : word.substring(close + 1);
        if (close < 0 || !(rest.isEmpty() || rest.startsWith(":"))) {
          throw new IllegalArgumentException("\"" + word + "\" is not [IPV6]:PORT");
        }
        String address = word.substring(1, close);
        Endpoints.parseAddress(address);
        return rest.isEmpty() ? new Target(address, 0, false) : new Target(address, port(word, rest.substring(1)), true);
      }
      int colons = (int) word.chars().filter(ch -> ch == ':').count();
      if (colons == 1) {
        int colon = word.indexOf(':');
        return new Target(word.substring(0, colon), port(word, word.substring(colon + 1)), true);
      }
      if (colons > 1) {
        Endpoints.parseAddress(word); // a bare IPv6 literal
      }
      return new Target(word, 0, false);
    }

    private static int port(String word, String text) {
      if (!text.matches("\\d{1,5}") || Integer.parseInt(text) > 0xffff) {
        throw new IllegalArgumentException("\"" + word + "\" has no port 0..65535 after the colon");
      }
      return Integer.parseInt(text);
    }
  }

  /**
   * @throws UsageException naming the option and the value when the arguments are not lvs.alert's
   */
  public static LvsAlertArgs parse(List<String> argv) throws UsageException {
    Builder b = new Builder();
    for (int i = 0; i < argv.size(); i++) {
      String a = argv.get(i);
      if (a.equals("--")) {
        if (i + 1 < argv.size()) {
          throw new UsageException("unexpected argument \"" + argv.get(i + 1) + "\"; lvs.alert takes options only");
        }
        break;
      }
      if (!a.startsWith("-") || a.length() < 2) {
        throw new UsageException("unexpected argument \"" + a + "\"; lvs.alert takes options only");
      }
      for (int j = 1; j < a.length(); j++) {
        char c = a.charAt(j);
        if (FLAGS.indexOf(c) >= 0) {
          b.flag(c);
        } else if (WITH_VALUE.indexOf(c) >= 0) {
          String value;
          if (j + 1 < a.length()) {
            value = a.substring(j + 1);
          } else if (i + 1 < argv.size()) {
            value = argv.get(++i);
          } else {
            throw new UsageException("option -" + c + " needs a value");
          }
          b.value(c, value);
          break;
        } else {
          throw new UsageException("unknown option -" + c);
        }
      }
    }
    return b.build();
  }

  /** Collects options in the order given; a later value of a single-valued option wins, as with getopts. */
  private static final class Builder {
    boolean up;
    boolean disable;
    boolean ack;
    boolean trapTimeout;
    boolean create;
    boolean delete;
    String group = "";
    String service = "";
    String protocol = "tcp";
    String vip;
    String weight;
    String forwarding;
    String scheduler = DEFAULT_SCHEDULER;
    final List<String> realServers = new ArrayList<>();

    void flag(char c) {
      switch (c) {
        case 'u' -> up = true;
        case 'D' -> disable = true;
        case 'a' -> ack = true;
        case 'O' -> trapTimeout = true;
        case 'B' -> create = true;
        case 'X' -> delete = true;
        default -> { } // -T: a trap that reports a failure is a down alert
      }
    }

    void value(char c, String v) {
      switch (c) {
        case 'g' -> group = v;
        case 's' -> service = v;
        case 'P' -> protocol = v;
        case 'V' -> vip = v;
        case 'R' -> realServers.add(v);
        case 'W' -> weight = v;
        case 'F' -> forwarding = v;
        case 'S' -> scheduler = v;
        default -> { } // -h (never used to choose servers), -t, -l
      }
    }

    LvsAlertArgs build() throws UsageException {
      if (vip == null) {
        throw new UsageException("-V VIP:PORT (or -V MARK with -P fwm) is required: which virtual service");
      }
      ServiceKey key = serviceKey(protocol, vip);
      for (String r : realServers) {
        try {
          Target.parse(r);
        } catch (IllegalArgumentException e) {
          throw new UsageException("-R " + e.getMessage());
        }
      }
      OptionalInt w = OptionalInt.empty();
      if (weight != null) {
        if (!weight.matches("\\d{1,10}") || Long.parseLong(weight) > Integer.MAX_VALUE) {
          throw new UsageException("-W \"" + weight + "\" is not a weight 0.." + Integer.MAX_VALUE);
        }
        w = OptionalInt.of(Integer.parseInt(weight));
      }
      Optional<ForwardingMethod> f = forwarding == null ? Optional.empty() : Optional.of(forwarding(forwarding));
      if (!scheduler.matches("[A-Za-z0-9_]{1,15}")) {
        throw new UsageException("-S \"" + scheduler + "\" is not a scheduler name (wlc, rr, lblc...)");
      }
      Event event = disable ? Event.DISABLE : ack ? Event.ACK : trapTimeout ? Event.TRAP_TIMEOUT : up ? Event.UP : Event.DOWN;
      return new LvsAlertArgs(event, group, service, key, List.copyOf(realServers), w, f, create, scheduler, delete);
    }
  }

  static ServiceKey serviceKey(String protocol, String vip) throws UsageException {
    String p = protocol.toLowerCase(Locale.ROOT);
    try {
      if (p.equals("fwm") || p.equals("fwm6")) {
        if (!vip.matches("\\d{1,10}") || Long.parseLong(vip) == 0 || Long.parseLong(vip) > 0xffffffffL) {
          throw new UsageException("-V \"" + vip + "\" is not a firewall mark 1..4294967295 (with -P " + protocol + ")");
        }
        return new ServiceKey.Fwmark((int) Long.parseLong(vip), p.equals("fwm6") ? AddressFamily.INET6 : AddressFamily.INET);
      }
      Protocol proto = switch (p) {
        case "tcp" -> Protocol.TCP;
        case "udp" -> Protocol.UDP;
        case "sctp" -> Protocol.SCTP;
        default -> throw new UsageException("-P \"" + protocol + "\" is not tcp, udp, sctp, fwm or fwm6");
      };
      var e = Endpoints.parse(vip);
      return new ServiceKey.Endpoint(proto, e.getAddress(), e.getPort());
    } catch (IllegalArgumentException e) {
      throw new UsageException("-V " + e.getMessage());
    }
  }

  static ForwardingMethod forwarding(String name) throws UsageException {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "dr", "gate", "route", "g" -> ForwardingMethod.ROUTE;
      case "nat", "masq", "m" -> ForwardingMethod.MASQ;
      case "tun", "tunnel", "ipip", "i" -> ForwardingMethod.TUNNEL;
      default -> throw new UsageException("-F \"" + name + "\" is not dr, nat or tun");
    };
  }

  /** {@code group/service} for log lines, or {@code lvs.alert} when mon's -g and -s were not given. */
  public String entity() {
    return group.isEmpty() && service.isEmpty() ? "lvs.alert" : group + "/" + service;
  }
}
