package org.lvsmon.balance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.lvsmon.config.BadValueException;
import org.lvsmon.config.Extensions;
import org.lvsmon.config.KeywordRegistry;
import org.lvsmon.config.TimeValue;
import org.lvsmon.ipvs.AddressFamily;
import org.lvsmon.ipvs.Endpoints;
import org.lvsmon.ipvs.ForwardingMethod;
import org.lvsmon.ipvs.Protocol;
import org.lvsmon.ipvs.ServiceKey;

/**
 * lvsmon's {@code balance} service keyword: the service's results drive the weights of a virtual
 * service's real servers (the watch's hosts). Syntax, on one service line:
 *
 * <pre>
 *   balance tcp|udp|sctp ADDRESS:PORT [OPTION=VALUE ...]     (IPv6: [ADDRESS]:PORT)
 *   balance fwmark MARK [family=inet6] [OPTION=VALUE ...]
 * </pre>
 *
 * Options: {@code port=N} the real servers' port (default: the virtual service's; 0 for fwmark);
 * {@code forward=dr|nat|tun} how a missing real server is added (default dr); {@code floor=1},
 * {@code ceiling=100}, {@code fullload=2.0} (1-minute load per CPU at which a server is down to the
 * floor), {@code smoothing=30s}, {@code deadband=2}, {@code step=25}, {@code slowstart=60s}, {@code
 * failstatic=100%|off} (see {@link BalancePolicy}). Durations take mon's units.
 *
 * @param file where the keyword was, for messages
 * @param line its line
 */
public record BalanceSpec(ServiceKey service, Integer realPort, ForwardingMethod forward, BalancePolicy policy,
    Path file, int line) {
  public static final String KEYWORD = "balance";
  public static final Extensions.Key<BalanceSpec> KEY = new Extensions.Key<>(KEYWORD, BalanceSpec.class);

  /** The real servers' port: the option, else the virtual service's port (0 for fwmark). */
  public int port() {
    if (realPort != null) {
      return realPort;
    }
    return service instanceof ServiceKey.Endpoint e ? e.port() : 0;
  }

  public static void register(KeywordRegistry registry) {
    registry.register(KeywordRegistry.Scope.SERVICE, KEYWORD, KEY, (args, ctx) -> parse(args, ctx.file(), ctx.line()));
  }

  static BalanceSpec parse(String args, Path file, int line) throws BadValueException {
    String[] w = args.strip().split("\\s+");
    if (w.length < 2 || w[0].isEmpty()) {
      throw new BadValueException(KEYWORD + ": expected \"balance tcp ADDRESS:PORT [option=value ...]\" or"
          + " \"balance fwmark MARK [option=value ...]\"");
    }
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 2; i < w.length; i++) {
      int eq = w[i].indexOf('=');
      if (eq <= 0 || eq == w[i].length() - 1) {
        throw new BadValueException(KEYWORD + ": \"" + w[i] + "\" is not option=value");
      }
      if (options.put(w[i].substring(0, eq).toLowerCase(Locale.ROOT), w[i].substring(eq + 1)) != null) {
        throw new BadValueException(KEYWORD + ": option " + w[i].substring(0, eq) + " given twice");
      }
    }
    ServiceKey key = service(w[0].toLowerCase(Locale.ROOT), w[1], options.remove("family"));
    Integer port = options.containsKey("port") ? integer(options.remove("port"), "port", 0, 65535) : null;
    ForwardingMethod forward = forward(options.getOrDefault("forward", "dr"));
    options.remove("forward");
    BalancePolicy d = BalancePolicy.DEFAULTS;
    int floor = options.containsKey("floor") ? integer(options.remove("floor"), "floor", 1, BalancePolicy.MAX_WEIGHT) : d.floor();
    int ceiling = options.containsKey("ceiling")
        ? integer(options.remove("ceiling"), "ceiling", 1, BalancePolicy.MAX_WEIGHT) : Math.max(floor, d.ceiling());
    double fullLoad = options.containsKey("fullload") ? decimal(options.remove("fullload"), "fullload") : d.fullLoad();
    Duration smoothing = options.containsKey("smoothing") ? duration(options.remove("smoothing"), "smoothing") : d.smoothing();
    int deadband = options.containsKey("deadband")
        ? integer(options.remove("deadband"), "deadband", 0, BalancePolicy.MAX_WEIGHT) : d.deadband();
    int step = options.containsKey("step") ? integer(options.remove("step"), "step", 1, BalancePolicy.MAX_WEIGHT) : d.maxStep();
    Duration slowStart = options.containsKey("slowstart") ? duration(options.remove("slowstart"), "slowstart") : d.slowStart();
    double failStatic = options.containsKey("failstatic") ? failStatic(options.remove("failstatic")) : d.failStatic();
    if (!options.isEmpty()) {
      throw new BadValueException(KEYWORD + ": unknown option " + options.keySet().iterator().next() + " (known: port,"
          + " forward, family, floor, ceiling, fullload, smoothing, deadband, step, slowstart, failstatic)");
    }
    BalancePolicy policy;
    try {
      policy = new BalancePolicy(floor, ceiling, fullLoad, smoothing, deadband, step, slowStart, failStatic);
    } catch (IllegalArgumentException e) {
      throw new BadValueException(KEYWORD + ": " + e.getMessage());
    }
    return new BalanceSpec(key, port, forward, policy, file, line);
  }

  private static ServiceKey service(String kind, String what, String family) throws BadValueException {
    try {
      if (kind.equals("fwmark")) {
        long mark = Long.parseLong(what);
        if (mark < 1 || mark > 0xffffffffL) {
          throw new BadValueException(KEYWORD + ": firewall mark " + what + " out of range 1..4294967295");
        }
        AddressFamily f = family == null || family.equals("inet") ? AddressFamily.INET
            : family.equals("inet6") ? AddressFamily.INET6 : null;
        if (f == null) {
          throw new BadValueException(KEYWORD + ": family=" + family + ": expected inet or inet6");
        }
        return new ServiceKey.Fwmark((int) mark, f);
      }
      if (family != null) {
        throw new BadValueException(KEYWORD + ": family= is for fwmark services (an address has its own family)");
      }
      Protocol p = switch (kind) {
        case "tcp" -> Protocol.TCP;
        case "udp" -> Protocol.UDP;
        case "sctp" -> Protocol.SCTP;
        default -> throw new BadValueException(KEYWORD + ": \"" + kind + "\" is not tcp, udp, sctp or fwmark");
      };
      var endpoint = Endpoints.parse(what);
      return new ServiceKey.Endpoint(p, endpoint.getAddress(), endpoint.getPort());
    } catch (NumberFormatException e) {
      throw new BadValueException(KEYWORD + ": firewall mark \"" + what + "\" is not a number");
    } catch (IllegalArgumentException e) {
      throw new BadValueException(KEYWORD + ": " + e.getMessage());
    }
  }

  private static ForwardingMethod forward(String v) throws BadValueException {
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "dr", "route", "gatewaying" -> ForwardingMethod.ROUTE;
      case "nat", "masq", "masquerading" -> ForwardingMethod.MASQ;
      case "tun", "tunnel", "ipip" -> ForwardingMethod.TUNNEL;
      default -> throw new BadValueException(KEYWORD + ": forward=" + v + ": expected dr, nat or tun");
    };
  }

  private static int integer(String v, String name, int min, int max) throws BadValueException {
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // the message below says it
    }
    throw new BadValueException(KEYWORD + ": " + name + "=" + v + ": expected a whole number " + min + ".." + max);
  }

  private static double decimal(String v, String name) throws BadValueException {
    if (v.matches("[0-9]*\\.?[0-9]+")) {
      double d = Double.parseDouble(v);
      if (d > 0) {
        return d;
      }
    }
    throw new BadValueException(KEYWORD + ": " + name + "=" + v + ": expected a number above 0, like 2 or 1.5");
  }

  private static Duration duration(String v, String name) throws BadValueException {
    if (v.equals("0")) {
      return Duration.ZERO;
    }
    return TimeValue.parse(v).orElseThrow(() -> new BadValueException(KEYWORD + ": " + name + "=" + v
        + ": expected a time with a unit s, m, h or d (e.g. 30s), or 0"));
  }

  private static double failStatic(String v) throws BadValueException {
    if (v.equalsIgnoreCase("off")) {
      return Double.NaN;
    }
    String n = v.endsWith("%") ? v.substring(0, v.length() - 1) : v;
    if (n.matches("[0-9]+(\\.[0-9]+)?")) {
      double pct = Double.parseDouble(n);
      if (pct > 0 && pct <= 100) {
        return pct / 100;
      }
    }
    throw new BadValueException(KEYWORD + ": failstatic=" + v + ": expected a percentage 1%..100% or off");
  }
}
