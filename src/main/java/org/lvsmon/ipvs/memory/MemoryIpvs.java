package org.lvsmon.ipvs.memory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.lvsmon.ipvs.Connections;
import org.lvsmon.ipvs.IpvsControl;
import org.lvsmon.ipvs.IpvsException;
import org.lvsmon.ipvs.IpvsException.Reason;
import org.lvsmon.ipvs.IpvsOperation;
import org.lvsmon.ipvs.IpvsOperation.Kind;
import org.lvsmon.ipvs.KernelRules;
import org.lvsmon.ipvs.RealServer;
import org.lvsmon.ipvs.ServiceKey;
import org.lvsmon.ipvs.Tunnel;
import org.lvsmon.ipvs.VirtualService;

/**
 * An IPVS table in memory, for dry runs, the demo and tests. It accepts and refuses what the Linux
 * kernel (6.1) does, in the same order of checks, and lists in the kernel's order: address/port
 * services before fwmark services, and each service's newest real server first. It reports tunnel
 * settings for every real server, as kernels since 5.2 do, and never counts connections itself
 * ({@link #setConnections} stands in for traffic). Thread-safe.
 */
public final class MemoryIpvs implements IpvsControl {
  /** The schedulers of mainline Linux (6.1); the kernel loads {@code ip_vs_NAME} on demand. */
  public static final Set<String> KERNEL_SCHEDULERS =
      Set.of("rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq", "fo", "ovf", "mh", "twos");
  /** The persistence engines of mainline Linux. */
  public static final Set<String> KERNEL_PERSISTENCE_ENGINES = Set.of("sip");

  private final Map<ServiceKey, Service> services = new LinkedHashMap<>();

  /** One service and its real servers, newest first. */
  private record Service(VirtualService settings, List<RealServer> realServers) {}

  /**
   * A table in memory holding a copy of {@code table} (a dry run's starting point: the kernel's
   * table as read, which the run may then change without touching the kernel).
   */
  public static MemoryIpvs seeded(org.lvsmon.ipvs.IpvsTable table) throws IpvsException {
    MemoryIpvs m = new MemoryIpvs();
    for (org.lvsmon.ipvs.IpvsTable.Entry e : table.services()) {
      m.addService(e.service());
      for (RealServer rs : e.realServers()) {
        m.addRealServer(e.service().key(), rs);
      }
    }
    return m;
  }

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public synchronized List<VirtualService> services() {
    List<VirtualService> list = new ArrayList<>();
    services.values().stream().filter(s -> s.settings().key() instanceof ServiceKey.Endpoint)
        .forEach(s -> list.add(s.settings()));
    services.values().stream().filter(s -> s.settings().key() instanceof ServiceKey.Fwmark)
        .forEach(s -> list.add(s.settings()));
    return list;
  }

  @Override
  public synchronized List<RealServer> realServers(ServiceKey service) throws IpvsException {
    return List.copyOf(find(IpvsOperation.of(Kind.LIST_REAL_SERVERS, service)).realServers());
  }

  @Override
  public synchronized void addService(VirtualService service) throws IpvsException {
    IpvsOperation op = IpvsOperation.of(Kind.ADD_SERVICE, service.key());
    if (services.containsKey(service.key())) {
      throw new IpvsException(op, Reason.SERVICE_EXISTS);
    }
    if (!KERNEL_SCHEDULERS.contains(service.scheduler())
        || !(service.persistenceEngine().isEmpty() || KERNEL_PERSISTENCE_ENGINES.contains(service.persistenceEngine()))) {
      throw KernelRules.noSuchScheduler(op, service, null);
    }
    services.put(service.key(), new Service(service, new ArrayList<>()));
  }

  @Override
  public synchronized void deleteService(ServiceKey service) throws IpvsException {
    find(IpvsOperation.of(Kind.DELETE_SERVICE, service));
    services.remove(service);
  }

  @Override
  public synchronized void addRealServer(ServiceKey service, RealServer server) throws IpvsException {
    IpvsOperation op = IpvsOperation.of(Kind.ADD_REAL_SERVER, service, server.endpoint());
    List<RealServer> list = find(op).realServers();
    checkSettings(op, service, server);
    if (indexOf(list, server.endpoint()) >= 0) {
      throw new IpvsException(op, Reason.REAL_SERVER_EXISTS);
    }
    list.add(0, stored(server));
  }

  @Override
  public synchronized void editRealServer(ServiceKey service, RealServer server) throws IpvsException {
    IpvsOperation op = IpvsOperation.of(Kind.EDIT_REAL_SERVER, service, server.endpoint());
    List<RealServer> list = find(op).realServers();
    checkSettings(op, service, server);
    int i = existing(op, list, server.endpoint());
    list.set(i, stored(server).withConnections(list.get(i).connections()));
  }

  @Override
  public synchronized RealServer setWeight(ServiceKey service, InetSocketAddress realServer, int weight)
      throws IpvsException {
    IpvsOperation op = IpvsOperation.of(Kind.SET_WEIGHT, service, realServer);
    List<RealServer> list = find(op).realServers();
    if (weight < 0) {
      throw KernelRules.refusal(op, Reason.OUT_OF_RANGE, "weight " + weight + " is negative");
    }
    int i = existing(op, list, realServer);
    RealServer before = list.get(i);
    list.set(i, before.withWeight(weight));
    return before;
  }

  /**
   * Sets the connection counts a real server reports, as traffic would (the demo and tests); every
   * other setting stays.
   */
  public synchronized void setConnections(ServiceKey service, InetSocketAddress realServer, Connections connections)
      throws IpvsException {
    IpvsOperation op = IpvsOperation.of(Kind.EDIT_REAL_SERVER, service, realServer);
    List<RealServer> list = find(op).realServers();
    int i = existing(op, list, realServer);
    list.set(i, list.get(i).withConnections(connections));
  }

  @Override
  public synchronized void deleteRealServer(ServiceKey service, InetSocketAddress realServer) throws IpvsException {
    IpvsOperation op = IpvsOperation.of(Kind.DELETE_REAL_SERVER, service, realServer);
    List<RealServer> list = find(op).realServers();
    list.remove(existing(op, list, realServer));
  }

  @Override
  public void close() {
    // nothing held
  }

  private Service find(IpvsOperation op) throws IpvsException {
    Service s = services.get(op.service());
    if (s == null) {
      throw new IpvsException(op, Reason.NO_SUCH_SERVICE);
    }
    return s;
  }

  private static void checkSettings(IpvsOperation op, ServiceKey service, RealServer server) throws IpvsException {
    Optional<IpvsException> refusal = KernelRules.check(op, service, server);
    if (refusal.isPresent()) {
      throw refusal.get();
    }
  }

  private static RealServer stored(RealServer server) {
    return new RealServer(server.address(), server.port(), server.forwarding(), server.weight(),
        server.upperThreshold(), server.lowerThreshold(), Optional.of(server.tunnel().orElse(Tunnel.IPIP)),
        Connections.NONE);
  }

  private static int existing(IpvsOperation op, List<RealServer> list, InetSocketAddress endpoint)
      throws IpvsException {
    int i = indexOf(list, endpoint);
    if (i < 0) {
      throw new IpvsException(op, Reason.NO_SUCH_REAL_SERVER);
    }
    return i;
  }

  private static int indexOf(List<RealServer> list, InetSocketAddress endpoint) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).endpoint().equals(endpoint)) {
        return i;
      }
    }
    return -1;
  }
}
