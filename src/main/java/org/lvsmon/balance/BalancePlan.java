package org.lvsmon.balance;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lvsmon.alert.lvs.LvsAlertArgs;
import org.lvsmon.config.AlertCommand;
import org.lvsmon.config.ConfigProblem;
import org.lvsmon.config.MonConfig;
import org.lvsmon.config.Period;
import org.lvsmon.config.Service;
import org.lvsmon.config.ServiceRef;
import org.lvsmon.config.Watch;
import org.lvsmon.ipvs.Endpoints;
import org.lvsmon.ipvs.ServiceKey;

/**
 * Which service drives which real servers, decided when the config loads: each {@code balance}
 * service's watch hosts, resolved to addresses, on the virtual service's (or the given) port. A real
 * server has exactly one writer: two services that would drive the same real server of the same
 * virtual service make the config invalid, as does an {@code lvs.alert} of any service that names
 * that virtual service and could touch one of its real servers (its {@code -R} hosts, else its own
 * watch's hosts, whose failures it acts on), and a host that does not resolve.
 */
public record BalancePlan(List<Binding> bindings, List<ConfigProblem> problems) {
  /** One {@code balance} service: its virtual service and real servers (host name -> address:port). */
  public record Binding(ServiceRef service, BalanceSpec spec, Map<String, InetSocketAddress> realServers) {}

  /** Resolves a host name or address literal; throws when it cannot. */
  @FunctionalInterface
  public interface Resolver {
    InetAddress resolve(String host) throws UnknownHostException;
  }

  public BalancePlan {
    bindings = List.copyOf(bindings);
    problems = List.copyOf(problems);
  }

  public static BalancePlan of(MonConfig config, Resolver resolver) {
    List<Binding> bindings = new ArrayList<>();
    List<ConfigProblem> problems = new ArrayList<>();
    Map<String, Binding> writers = new HashMap<>(); // "SERVICEKEY REALSERVER" -> the binding that drives it
    for (Watch w : config.watches()) {
      for (Service s : w.services()) {
        BalanceSpec spec = s.extensions().get(BalanceSpec.KEY).orElse(null);
        if (spec == null) {
          continue;
        }
        Map<String, InetSocketAddress> reals = new LinkedHashMap<>();
        for (String host : config.hosts(w.group())) {
          InetAddress a;
          try {
            a = resolver.resolve(host);
          } catch (UnknownHostException e) {
            problems.add(error(spec, "host " + host + " of watch " + w.group() + " does not resolve to an address"));
            continue;
          }
          if (spec.service() instanceof ServiceKey.Endpoint e && e.address().getClass() != a.getClass()) {
            problems.add(error(spec, "host " + host + " (" + a.getHostAddress() + ") is not of the same address family as "
                + spec.service()));
            continue;
          }
          reals.put(host, new InetSocketAddress(a, spec.port()));
        }
        Binding b = new Binding(s.ref(), spec, reals);
        for (InetSocketAddress rs : reals.values()) {
          Binding other = writers.putIfAbsent(spec.service() + " " + Endpoints.format(rs), b);
          if (other != null) {
            problems.add(error(spec, "real server " + Endpoints.format(rs) + " of " + spec.service() + " is already driven by "
                + other.service() + " (" + other.spec().file() + ":" + other.spec().line() + "); a real server has exactly"
                + " one writer"));
          }
        }
        bindings.add(b);
      }
    }
    for (Watch w : config.watches()) {
      for (Service s : w.services()) {
        for (Period p : s.periods()) {
          for (List<AlertCommand> list : List.of(p.alerts(), p.upalerts(), p.startupalerts(), p.ackalerts(),
              p.disablealerts())) {
            for (AlertCommand a : list) {
              lvsAlertConflict(config, w, s, a, bindings, resolver).ifPresent(problems::add);
            }
          }
        }
      }
    }
    return new BalancePlan(bindings, problems);
  }

  /** An {@code lvs.alert} that would write a real server a {@code balance} service drives. */
  private static Optional<ConfigProblem> lvsAlertConflict(MonConfig config, Watch w, Service s, AlertCommand a,
      List<Binding> bindings, Resolver resolver) {
    if (!a.command().name().equals(LVS_ALERT)) {
      return Optional.empty();
    }
    LvsAlertArgs args;
    try {
      args = LvsAlertArgs.parse(a.command().args());
    } catch (LvsAlertArgs.UsageException e) {
      return Optional.empty(); // the alert itself reports its bad arguments when it runs
    }
    for (Binding b : bindings) {
      if (!b.spec().service().equals(args.virtualService())) {
        continue;
      }
      List<String> hosts = args.realServers().isEmpty() ? config.hosts(w.group())
          : args.realServers().stream().map(r -> LvsAlertArgs.Target.parse(r).host()).toList();
      for (String h : hosts) {
        InetAddress addr;
        try {
          addr = resolver.resolve(h);
        } catch (UnknownHostException e) {
          continue;
        }
        for (InetSocketAddress rs : b.realServers().values()) {
          if (rs.getAddress().equals(addr)) {
            return Optional.of(error(b.spec(), "real server " + Endpoints.format(rs) + " of " + b.spec().service()
                + " is also written by lvs.alert in " + s.ref() + "; a real server has exactly one writer: let"
                + " balance quiesce failing servers, or drop balance"));
          }
        }
      }
    }
    return Optional.empty();
  }

  /** Resolves with the system resolver (address literals need no lookup). */
  public static BalancePlan of(MonConfig config) {
    return of(config, InetAddress::getByName);
  }

  private static final String LVS_ALERT = "lvs.alert";

  private static ConfigProblem error(BalanceSpec spec, String message) {
    return new ConfigProblem(ConfigProblem.Kind.ERROR, spec.file(), spec.line(), BalanceSpec.KEYWORD + ": " + message);
  }
}
