package org.lvsmon.ipvs;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One script of table changes and refusals, run the same way against any {@link IpvsControl}; its
 * transcript (step name → outcome) lets a test compare backends: the memory backend's transcript
 * must equal the kernel's. The script leaves the table empty.
 */
public final class IpvsScenario {
  public static final ServiceKey SSH = ServiceKey.tcp("10.99.203.43", 22);
  public static final ServiceKey DNS = ServiceKey.udp("10.0.0.1", 53);
  public static final ServiceKey MARK = ServiceKey.fwmark(5);
  public static final ServiceKey MARK6 = ServiceKey.fwmark6(6);
  public static final ServiceKey WEB6 = ServiceKey.tcp("2001:db8::1", 80);
  public static final ServiceKey SCTP = new ServiceKey.Endpoint(Protocol.SCTP, Endpoints.parseAddress("10.0.0.1"), 9);
  public static final ServiceKey MISSING = ServiceKey.tcp("10.0.0.2", 22);

  public static final InetSocketAddress NODE5 = Endpoints.parse("10.0.0.5:22");
  public static final InetSocketAddress NODE6 = Endpoints.parse("10.0.0.6:22");
  public static final InetSocketAddress NODE7 = Endpoints.parse("10.0.0.7:22");
  public static final InetSocketAddress DNS8 = Endpoints.parse("10.0.0.8:53");
  public static final InetSocketAddress MARKED9 = Endpoints.parse("10.0.0.9:0");
  public static final InetSocketAddress MARKED9V6 = Endpoints.parse("[2001:db8::9]:0");
  public static final InetSocketAddress WEB5 = Endpoints.parse("[2001:db8::5]:8080");
  public static final InetSocketAddress WEB10 = Endpoints.parse("10.0.0.10:80");
  public static final InetSocketAddress ABSENT = Endpoints.parse("10.0.0.99:22");

  private final IpvsControl ipvs;
  private final Map<String, String> transcript = new LinkedHashMap<>();
  private final Checkpoint checkpoint;

  /** Something to record at named points besides the table itself (the kernel test adds ipvsadm's view). */
  public interface Checkpoint {
    void at(String name, Map<String, String> transcript);
  }

  public IpvsScenario(IpvsControl ipvs, Checkpoint checkpoint) {
    this.ipvs = ipvs;
    this.checkpoint = checkpoint;
  }

  private interface Step {
    String run() throws IpvsException;
  }

  /** Only the first two steps: every kind of service and real server, left in the table. */
  public Map<String, String> runSetupOnly() {
    setup();
    return transcript;
  }

  /** Runs the script; each step's outcome is "ok[ VALUE]" or "REASON: message". */
  public Map<String, String> run() {
    setup();
    runChanges();
    return transcript;
  }

  private void setup() {
    step("add-services", () -> {
      ipvs.addService(VirtualService.of(SSH, "wlc").persistent(3600).withNetmask(24));
      ipvs.addService(VirtualService.of(DNS, "rr").withFlags(Set.of(ServiceFlag.ONE_PACKET)));
      ipvs.addService(VirtualService.of(MARK, "rr"));
      ipvs.addService(VirtualService.of(MARK6, "sh").persistent(60).withNetmask(64));
      ipvs.addService(VirtualService.of(WEB6, "wrr"));
      ipvs.addService(VirtualService.of(SCTP, "rr"));
      return "ok";
    });
    step("add-real-servers", () -> {
      ipvs.addRealServer(SSH, RealServer.of(NODE5, ForwardingMethod.MASQ, 7).withThresholds(100, 10));
      ipvs.addRealServer(SSH, RealServer.of(NODE6, ForwardingMethod.ROUTE, 3));
      ipvs.addRealServer(SSH, RealServer.of(NODE7, ForwardingMethod.TUNNEL, 2)
          .withTunnel(new Tunnel(Tunnel.Type.GUE, 6080, Tunnel.FLAG_CSUM)).withThresholds(40, 0));
      ipvs.addRealServer(DNS, RealServer.of(DNS8, ForwardingMethod.MASQ, 1));
      ipvs.addRealServer(MARK, RealServer.of(MARKED9, ForwardingMethod.ROUTE, 4).withThresholds(50, 5));
      ipvs.addRealServer(MARK6, RealServer.of(MARKED9V6, ForwardingMethod.ROUTE, 1));
      ipvs.addRealServer(WEB6, RealServer.of(WEB5, ForwardingMethod.MASQ, 4).withThresholds(20, 0));
      ipvs.addRealServer(WEB6, RealServer.of(WEB10, ForwardingMethod.TUNNEL, 6).withTunnel(new Tunnel(Tunnel.Type.GRE, 0, 0)));
      return "ok";
    });
  }

  private void runChanges() {
    table("table-after-add");
    step("set-weight-masq", () -> "ok before=" + ipvs.setWeight(SSH, NODE5, 42).weight());
    step("set-weight-route", () -> "ok before=" + ipvs.setWeight(SSH, NODE6, 0).weight());
    step("set-weight-gue", () -> "ok before=" + ipvs.setWeight(SSH, NODE7, 17).weight());
    step("set-weight-fwmark", () -> "ok before=" + ipvs.setWeight(MARK, MARKED9, 9).weight());
    step("set-weight-fwmark6", () -> "ok before=" + ipvs.setWeight(MARK6, MARKED9V6, 3).weight());
    step("set-weight-ipv6", () -> "ok before=" + ipvs.setWeight(WEB6, WEB5, 11).weight());
    step("set-weight-mixed-family", () -> "ok before=" + ipvs.setWeight(WEB6, WEB10, 1000000).weight());
    table("table-after-weights");

    step("error-set-weight-no-real-server", () -> "ok " + ipvs.setWeight(SSH, ABSENT, 1));
    step("error-set-weight-no-service", () -> "ok " + ipvs.setWeight(MISSING, NODE5, 1));
    step("error-set-weight-negative", () -> "ok " + ipvs.setWeight(SSH, NODE5, -1));
    step("error-list-no-service", () -> "ok " + ipvs.realServers(MISSING));
    step("error-add-service-exists", () -> {
      ipvs.addService(VirtualService.of(SSH, "rr"));
      return "ok";
    });
    step("error-add-service-no-scheduler", () -> {
      ipvs.addService(VirtualService.of(MISSING, "nope"));
      return "ok";
    });
    step("error-add-real-server-exists", () -> {
      ipvs.addRealServer(SSH, RealServer.of(NODE5, ForwardingMethod.MASQ, 1));
      return "ok";
    });
    step("error-add-real-server-no-service", () -> {
      ipvs.addRealServer(MISSING, RealServer.of(NODE5, ForwardingMethod.MASQ, 1));
      return "ok";
    });
    step("error-add-real-server-lower-above-upper", () -> {
      ipvs.addRealServer(SSH, RealServer.of(ABSENT, ForwardingMethod.MASQ, 1).withThresholds(0, 10));
      return "ok";
    });
    step("error-add-real-server-mixed-family-masq", () -> {
      ipvs.addRealServer(WEB6, RealServer.of(ABSENT, ForwardingMethod.MASQ, 1));
      return "ok";
    });
    step("error-add-real-server-gue-without-port", () -> {
      ipvs.addRealServer(SSH, RealServer.of(ABSENT, ForwardingMethod.TUNNEL, 1).withTunnel(new Tunnel(Tunnel.Type.GUE, 0, 0)));
      return "ok";
    });
    step("error-edit-no-real-server", () -> {
      ipvs.editRealServer(SSH, RealServer.of(ABSENT, ForwardingMethod.MASQ, 1));
      return "ok";
    });
    step("error-delete-no-real-server", () -> {
      ipvs.deleteRealServer(SSH, ABSENT);
      return "ok";
    });
    step("error-delete-no-service", () -> {
      ipvs.deleteService(MISSING);
      return "ok";
    });
    table("table-after-errors");

    step("edit-real-server", () -> {
      ipvs.editRealServer(SSH, RealServer.of(NODE6, ForwardingMethod.MASQ, 5).withThresholds(10, 2));
      return "ok";
    });
    step("delete-real-server", () -> {
      ipvs.deleteRealServer(DNS, DNS8);
      return "ok " + ipvs.realServers(DNS).size();
    });
    step("delete-service", () -> {
      ipvs.deleteService(DNS);
      return "ok";
    });
    table("table-after-deletes");
    step("delete-all", () -> {
      for (VirtualService v : ipvs.services()) {
        ipvs.deleteService(v.key());
      }
      return "ok " + ipvs.services().size();
    });
  }

  private void step(String name, Step step) {
    String outcome;
    try {
      outcome = step.run();
    } catch (IpvsException e) {
      outcome = e.reason() + ": " + e.getMessage();
    }
    transcript.put(name, outcome);
  }

  private void table(String name) {
    step(name, () -> TableText.of(ipvs.table()));
    checkpoint.at(name, transcript);
  }
}
