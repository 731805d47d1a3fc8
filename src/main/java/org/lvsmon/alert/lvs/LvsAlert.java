package org.lvsmon.alert.lvs;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.lvsmon.alert.lvs.LvsAlertArgs.Event;
import org.lvsmon.alert.lvs.LvsAlertArgs.Target;
import org.lvsmon.ipvs.AddressFamily;
import org.lvsmon.ipvs.ForwardingMethod;
import org.lvsmon.ipvs.IpvsControl;
import org.lvsmon.ipvs.IpvsException;
import org.lvsmon.ipvs.RealServer;
import org.lvsmon.ipvs.ServiceKey;
import org.lvsmon.ipvs.VirtualService;

/**
 * The built-in {@code lvs.alert}: on a down alert it quiesces the failing real servers of one
 * virtual service (weight 0, so their established connections are kept), or with {@code -X} deletes
 * them as mon-contrib's ipvs.alert does; on an up alert ({@code -u}) it restores their weight
 * ({@code -W}, else ipvsadm's default 1), adding a real server that is missing. The real servers are
 * the {@code -R} values, else the hosts on the first line of stdin (the monitor's summary: for an up
 * alert, the hosts that were failing); never mon's {@code -h}, which lists the whole group. A
 * disablealert ({@code -D}) changes nothing: an alert never deletes a virtual service. Every action
 * and refusal is printed as one line starting with {@code [group/service]}. Thread-safe if the
 * resolver is.
 */
public final class LvsAlert {
  /** Exit status: everything asked was done, or there was nothing to do. */
  public static final int OK = 0;
  /** Exit status: some host could not be resolved, or the IPVS table refused or failed a change. */
  public static final int FAILED = 1;
  /** Exit status: the arguments or stdin are not lvs.alert's; nothing was changed. */
  public static final int USAGE = 2;
  /** ipvsadm's default weight, for an up alert without -W that finds a quiesced or missing server. */
  public static final int DEFAULT_WEIGHT = 1;

  /** Host names to addresses; {@code InetAddress::getAllByName} in production. */
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private final Resolver resolver;

  public LvsAlert(Resolver resolver) {
    this.resolver = resolver;
  }

  /**
   * Runs one alert call.
   *
   * @param argv the arguments after the program name, as mon passes them
   * @param stdin what mon writes on the alert's stdin (only its first line is read); may be null
   * @param out where each action, refusal and error is printed, one line each
   * @return {@link #OK}, {@link #FAILED} or {@link #USAGE}
   */
  public int run(List<String> argv, String stdin, IpvsControl ipvs, PrintWriter out) {
    LvsAlertArgs args;
    try {
      args = LvsAlertArgs.parse(argv);
    } catch (LvsAlertArgs.UsageException e) {
      out.println("lvs.alert: " + e.getMessage() + "; nothing changed");
      out.println("lvs.alert: " + LvsAlertArgs.USAGE);
      return USAGE;
    }
    String who = "[" + args.entity() + "] " + args.virtualService();
    switch (args.event()) {
      case DISABLE:
        out.println(who + ": disable alert (-D): nothing changed; lvs.alert never deletes a virtual service");
        return OK;
      case ACK:
        out.println(who + ": ack alert (-a): nothing to change");
        return OK;
      case TRAP_TIMEOUT:
        out.println(who + ": trap timeout alert (-O) names no hosts: nothing changed");
        return OK;
      default:
        break;
    }
    List<Target> targets;
    try {
      targets = targets(args, stdin);
    } catch (IllegalArgumentException e) {
      out.println(who + ": " + e.getMessage() + "; nothing changed");
      return USAGE;
    }
    List<RealServer> current;
    try {
      current = realServers(args, ipvs, out, who);
    } catch (IpvsException e) {
      out.println(who + ": " + e.getMessage() + "; nothing changed");
      return FAILED;
    }
    boolean failed = false;
    for (Target t : targets) {
      failed |= !act(args, ipvs, current, t, out, who);
    }
    return failed ? FAILED : OK;
  }

  /** The -R values, else the words of stdin's first line. */
  private static List<Target> targets(LvsAlertArgs args, String stdin) {
    List<Target> targets = new ArrayList<>();
    if (!args.realServers().isEmpty()) {
      args.realServers().forEach(r -> targets.add(Target.parse(r)));
      return targets;
    }
    String first = stdin == null ? "" : stdin.split("\n", 2)[0].strip();
    if (first.isEmpty()) {
      throw new IllegalArgumentException("no real server named: no -R, and the first line of stdin (the monitor's"
          + " summary, which names the failing hosts) is empty");
    }
    for (String word : first.split("\\s+")) {
      try {
        targets.add(Target.parse(word));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("the first line of stdin is not a list of hosts (\"" + first + "\"): "
            + e.getMessage(), e);
      }
    }
    return targets;
  }

  /** The service's real servers; an up alert with -B first adds the service when it is missing. */
  private static List<RealServer> realServers(LvsAlertArgs args, IpvsControl ipvs, PrintWriter out, String who)
      throws IpvsException {
    try {
      return ipvs.realServers(args.virtualService());
    } catch (IpvsException e) {
      if (e.reason() != IpvsException.Reason.NO_SUCH_SERVICE || args.event() != Event.UP || !args.createService()) {
        throw e;
      }
    }
    ipvs.addService(VirtualService.of(args.virtualService(), args.scheduler()));
    out.println(who + ": virtual service added, scheduler " + args.scheduler() + " (up alert, -B)");
    return List.of();
  }

  /** Acts on one named host; false when it failed. */
  private boolean act(LvsAlertArgs args, IpvsControl ipvs, List<RealServer> current, Target t, PrintWriter out,
      String who) {
    List<InetAddress> addresses;
    try {
      addresses = List.of(resolver.resolve(t.host()));
    } catch (UnknownHostException | RuntimeException e) {
      out.println(who + ": cannot resolve host \"" + t.host() + "\": " + e.getMessage() + "; it is left as it is");
      return false;
    }
    List<RealServer> matching = current.stream().filter(r -> addresses.contains(r.address())
        && (!t.portGiven() || r.port() == t.port())).toList();
    try {
      if (args.event() == Event.UP) {
        up(args, ipvs, matching, addresses, t, out, who);
      } else {
        down(args, ipvs, matching, t, out, who);
      }
      return true;
    } catch (IpvsException e) {
      out.println(who + ": " + e.getMessage());
      return false;
    }
  }

  private static void down(LvsAlertArgs args, IpvsControl ipvs, List<RealServer> matching, Target t, PrintWriter out,
      String who) throws IpvsException {
    if (matching.isEmpty()) {
      out.println(who + ": " + t.host() + " is not one of its real servers: nothing to quiesce");
      return;
    }
    for (RealServer r : matching) {
      if (args.delete()) {
        ipvs.deleteRealServer(args.virtualService(), r.endpoint());
        out.println(who + ": " + r.name() + " deleted (down alert, -X; was weight " + r.weight() + ")");
      } else if (r.weight() == 0) {
        out.println(who + ": " + r.name() + " weight 0 already (down alert: quiesced)");
      } else {
        RealServer before = ipvs.setWeight(args.virtualService(), r.endpoint(), 0);
        out.println(who + ": " + r.name() + " weight " + before.weight() + " -> 0 (down alert: quiesced, its"
            + " connections are kept)");
      }
    }
  }

  private static void up(LvsAlertArgs args, IpvsControl ipvs, List<RealServer> matching, List<InetAddress> addresses,
      Target t, PrintWriter out, String who) throws IpvsException {
    ServiceKey vs = args.virtualService();
    if (matching.isEmpty()) {
      ForwardingMethod f = args.forwarding().orElse(ForwardingMethod.ROUTE);
      InetAddress a = addresses.stream().filter(x -> AddressFamily.of(x) == vs.family()).findFirst()
          .orElse(addresses.get(0));
      int port = t.portGiven() ? t.port() : vs instanceof ServiceKey.Endpoint e ? e.port() : 0;
      int weight = args.weight().orElse(DEFAULT_WEIGHT);
      RealServer added = RealServer.of(new InetSocketAddress(a, port), f, weight);
      ipvs.addRealServer(vs, added);
      out.println(who + ": " + added.name() + " added with weight " + weight + ", forwarding " + f.label()
          + " (up alert" + (args.weight().isPresent() ? "" : "; no -W, so ipvsadm's default weight") + ")");
      return;
    }
    for (RealServer r : matching) {
      int weight = args.weight().orElse(r.weight() > 0 ? r.weight() : DEFAULT_WEIGHT);
      if (args.forwarding().isPresent() && args.forwarding().get() != r.forwarding()) {
        out.println(who + ": " + r.name() + " keeps forwarding " + r.forwarding().label() + " (-F asks for "
            + args.forwarding().get().label() + "; lvs.alert changes weights only)");
      }
      if (r.weight() == weight) {
        out.println(who + ": " + r.name() + " weight " + weight + " already (up alert)");
        continue;
      }
      RealServer before = ipvs.setWeight(vs, r.endpoint(), weight);
      out.println(who + ": " + r.name() + " weight " + before.weight() + " -> " + weight + " (up alert: restored"
          + (args.weight().isPresent() ? "" : "; no -W, so ipvsadm's default weight") + ")");
    }
  }
}
