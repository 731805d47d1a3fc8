package org.lvsmon.ipvs.ipvsadm;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.lvsmon.ipvs.IpvsControl;
import org.lvsmon.ipvs.IpvsException;
import org.lvsmon.ipvs.IpvsException.Reason;
import org.lvsmon.ipvs.IpvsOperation;
import org.lvsmon.ipvs.IpvsOperation.Kind;
import org.lvsmon.ipvs.IpvsTable;
import org.lvsmon.ipvs.KernelRules;
import org.lvsmon.ipvs.RealServer;
import org.lvsmon.ipvs.ServiceKey;
import org.lvsmon.ipvs.VirtualService;
import org.lvsmon.ipvs.WeightChange;

/**
 * The kernel's IPVS table through the {@code ipvsadm} program, for kernels or sandboxes where
 * lvsmon's own netlink socket cannot be used. Every call forks ipvsadm one to three times (a read
 * is {@code -Sn}, {@code -Ln --exact --thresholds} and {@code -Ln --exact --persistent-conn}), each
 * bounded by the runner's time limit. Refusals carry the same {@link Reason} as the netlink
 * backend's. Thread-safe: calls are serialized, so a weight change's read and write stay together.
 */
public final class IpvsadmIpvs implements IpvsControl {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  private final IpvsadmRunner runner;

  public IpvsadmIpvs(IpvsadmRunner runner) {
    this.runner = runner;
  }

  /** Finds ipvsadm ({@link IpvsadmProcess#find}) and runs it with {@link #DEFAULT_TIMEOUT} per call. */
  public static IpvsadmIpvs open() throws IpvsException {
    return open(DEFAULT_TIMEOUT);
  }

  /**
   * @throws IpvsException {@link Reason#UNAVAILABLE} when there is no ipvsadm program
   */
  public static IpvsadmIpvs open(Duration timeout) throws IpvsException {
    Path program = IpvsadmProcess.find(System.getenv("PATH")).orElseThrow(() -> new IpvsException(IpvsOperation.open(),
        Reason.UNAVAILABLE, "no ipvsadm program (looked in " + IpvsadmProcess.USUAL_PLACES + " and on PATH):"
        + " install the ipvsadm package, or use the netlink backend", null));
    return new IpvsadmIpvs(new IpvsadmProcess(program, timeout));
  }

  @Override
  public String name() {
    return IpvsadmText.SOURCE;
  }

  @Override
  public synchronized List<VirtualService> services() throws IpvsException {
    IpvsOperation op = IpvsOperation.listServices();
    String save = run(op, List.of("-Sn"), null, null);
    return new ArrayList<>(parse(op, () -> IpvsadmText.save(save)).keySet());
  }

  @Override
  public synchronized List<RealServer> realServers(ServiceKey service) throws IpvsException {
    return realServers(IpvsOperation.of(Kind.LIST_REAL_SERVERS, service));
  }

  @Override
  public synchronized IpvsTable table() throws IpvsException {
    return readTable(IpvsOperation.listServices());
  }

  @Override
  public synchronized void addService(VirtualService service) throws IpvsException {
    IpvsOperation op = IpvsOperation.of(Kind.ADD_SERVICE, service.key());
    try {
      run(op, IpvsadmArgs.addService(service), null, null);
    } catch (IpvsException e) {
      throw e.reason() == Reason.NO_SUCH_SCHEDULER ? KernelRules.noSuchScheduler(op, service, e) : e;
    }
  }

  @Override
  public synchronized void deleteService(ServiceKey service) throws IpvsException {
    run(IpvsOperation.of(Kind.DELETE_SERVICE, service), IpvsadmArgs.deleteService(service), null, null);
  }

  @Override
  public synchronized void addRealServer(ServiceKey service, RealServer server) throws IpvsException {
    IpvsOperation op = IpvsOperation.of(Kind.ADD_REAL_SERVER, service, server.endpoint());
    run(op, IpvsadmArgs.realServer("-a", service, server), null, server);
  }

  @Override
  public synchronized void editRealServer(ServiceKey service, RealServer server) throws IpvsException {
    IpvsOperation op = IpvsOperation.of(Kind.EDIT_REAL_SERVER, service, server.endpoint());
    run(op, IpvsadmArgs.realServer("-e", service, server), null, server);
  }

  /**
   * Read-modify-write, as in the netlink backend: {@code ipvsadm -e} resets whatever it is not
   * given, so the real server's forwarding method, thresholds and tunnel settings, as just read, go
   * back with the new weight.
   */
  @Override
  public synchronized RealServer setWeight(ServiceKey service, InetSocketAddress realServer, int weight)
      throws IpvsException {
    IpvsOperation op = IpvsOperation.of(Kind.SET_WEIGHT, service, realServer);
    WeightChange change = WeightChange.of(op, realServers(op), realServer, weight);
    run(op, IpvsadmArgs.realServer("-e", service, change.after()), null, change.after());
    return change.before();
  }

  @Override
  public synchronized void deleteRealServer(ServiceKey service, InetSocketAddress realServer) throws IpvsException {
    IpvsOperation op = IpvsOperation.of(Kind.DELETE_REAL_SERVER, service, realServer);
    run(op, IpvsadmArgs.deleteRealServer(service, realServer), null, null);
  }

  /**
   * Runs {@code ipvsadm -R} once with these lines (each as {@link IpvsadmArgs} builds them). ipvsadm
   * applies them one by one, so when one is refused the ones before it may have taken effect: read
   * the table again after a failure.
   */
  public synchronized void restore(IpvsOperation op, List<List<String>> lines) throws IpvsException {
    StringBuilder text = new StringBuilder();
    lines.forEach(l -> text.append(String.join(" ", l)).append('\n'));
    run(op, List.of("-R"), text.toString(), null);
  }

  @Override
  public void close() {
    if (runner instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        // nothing held that matters: I/O threads only
      }
    }
  }

  private List<RealServer> realServers(IpvsOperation op) throws IpvsException {
    for (IpvsTable.Entry e : readTable(op).services()) {
      if (e.service().key().equals(op.service())) {
        return e.realServers();
      }
    }
    throw new IpvsException(op, Reason.NO_SUCH_SERVICE);
  }

  private IpvsTable readTable(IpvsOperation op) throws IpvsException {
    String save = run(op, List.of("-Sn"), null, null);
    String thresholds = run(op, List.of("-Ln", "--exact", "--thresholds"), null, null);
    String persistent = run(op, List.of("-Ln", "--exact", "--persistent-conn"), null, null);
    return parse(op, () -> IpvsadmText.table(save, thresholds, persistent));
  }

  private interface Parse<T> {
    T parse();
  }

  private static <T> T parse(IpvsOperation op, Parse<T> parse) throws IpvsException {
    try {
      return parse.parse();
    } catch (IllegalArgumentException e) {
      throw new IpvsException(op, Reason.FAILED, "cannot read ipvsadm's output: " + e.getMessage(), e);
    }
  }

  /** One run; its stdout, or the exception its failure means. */
  private String run(IpvsOperation op, List<String> args, String stdin, RealServer server) throws IpvsException {
    IpvsadmRunner.Output out;
    try {
      out = runner.run(args, stdin);
    } catch (IOException e) {
      throw new IpvsException(op, Reason.UNAVAILABLE, "cannot run " + runner.program() + ": " + e.getMessage()
          + " (install the ipvsadm package, or use the netlink backend)", e);
    } catch (IpvsadmRunner.TimedOut e) {
      throw new IpvsException(op, Reason.TIMEOUT, Reason.TIMEOUT.words() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IpvsException(op, Reason.FAILED, "interrupted while ipvsadm ran", e);
    }
    if (out.exit() != 0) {
      throw IpvsadmErrors.of(op, out.exit(), out.stderr(), server);
    }
    return out.stdout();
  }
}
