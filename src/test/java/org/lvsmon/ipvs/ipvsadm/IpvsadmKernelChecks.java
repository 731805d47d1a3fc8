package org.lvsmon.ipvs.ipvsadm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lvsmon.ipvs.Endpoints;
import org.lvsmon.ipvs.ForwardingMethod;
import org.lvsmon.ipvs.GuestCommand;
import org.lvsmon.ipvs.IpvsControl;
import org.lvsmon.ipvs.IpvsException;
import org.lvsmon.ipvs.IpvsScenario;
import org.lvsmon.ipvs.RealServer;
import org.lvsmon.ipvs.ServiceKey;
import org.lvsmon.ipvs.TableText;
import org.lvsmon.ipvs.VirtualService;
import org.lvsmon.ipvs.netlink.NetlinkIpvs;

/**
 * Runs inside test-fixtures/ipvs-vm (a real kernel with IPVS, as root) for {@code IpvsadmSystemIT}:
 * one JVM, one boot. Prints sections {@code === NAME}. Not a test itself.
 *
 * <p>First the {@link IpvsScenario} through each backend, netlink then ipvsadm, with the kernel
 * table at each checkpoint as three independent readers see it: a fresh netlink socket, ipvsadm -Sn
 * and ipvsadm -Ln --thresholds. Then {@code alerts/lvs.alert} as mon runs it (launcher, built jar,
 * stdin) on a pool of three real servers, with ipvsadm -Sn after each call.
 */
public final class IpvsadmKernelChecks {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  static final ServiceKey POOL = ServiceKey.tcp("10.99.203.43", 22);
  private final Map<String, String> out = new LinkedHashMap<>();

  public static void main(String[] args) throws Exception {
    IpvsadmKernelChecks checks = new IpvsadmKernelChecks();
    try {
      checks.runAll();
    } finally {
      checks.out.forEach((k, v) -> System.out.print("=== " + k + "\n" + v + (v.endsWith("\n") || v.isEmpty() ? "" : "\n")));
      System.out.println("=== end");
    }
  }

  private void runAll() throws Exception {
    try (NetlinkIpvs witness = NetlinkIpvs.open(TIMEOUT)) {
      try (NetlinkIpvs netlink = NetlinkIpvs.open(TIMEOUT)) {
        scenario("netlink", netlink, witness);
      }
      try (IpvsadmIpvs ipvsadm = IpvsadmIpvs.open(TIMEOUT)) {
        scenario("ipvsadm", ipvsadm, witness);
      }
      alerts(witness);
    }
  }

  private void scenario(String backend, IpvsControl ipvs, NetlinkIpvs witness) {
    Map<String, String> transcript = new IpvsScenario(ipvs, (name, t) -> {
      out.put("kernel:" + backend + ":" + name, readBy(witness));
      out.put("save:" + backend + ":" + name, GuestCommand.run("ipvsadm", "-Sn").output());
      out.put("thresholds:" + backend + ":" + name, GuestCommand.run("ipvsadm", "-Ln", "--exact", "--thresholds").output());
      out.put("own:" + backend + ":" + name, readBy(ipvs));
    }).run();
    transcript.forEach((k, v) -> out.put("step:" + backend + ":" + k, v));
  }

  /**
   * The table as canonical text. Tunnel settings of a real server that is not tunnelled are left
   * out: ipvsadm does not print them (the kernel keeps IPIP defaults there).
   */
  static String readBy(IpvsControl ipvs) {
    try {
      List<String> lines = new ArrayList<>();
      for (String l : TableText.of(ipvs.table()).split("\n")) {
        lines.add(l.contains(" fwd=") && !l.contains(" fwd=Tunnel ") ? l.replaceAll(" tunnel=\\S+$", " tunnel=-") : l);
      }
      return String.join("\n", lines) + "\n";
    } catch (IpvsException e) {
      return e.reason() + ": " + e.getMessage();
    }
  }

  /** lvs.alert through alerts/lvs.alert, as classic mon would call it. */
  private void alerts(NetlinkIpvs ipvs) throws IpvsException {
    ipvs.addService(VirtualService.of(POOL, "wlc").persistent(3600));
    ipvs.addRealServer(POOL, RealServer.of(Endpoints.parse("10.0.0.1:22"), ForwardingMethod.MASQ, 5).withThresholds(100, 10));
    ipvs.addRealServer(POOL, RealServer.of(Endpoints.parse("10.0.0.2:22"), ForwardingMethod.MASQ, 5));
    ipvs.addRealServer(POOL, RealServer.of(Endpoints.parse("10.0.0.3:22"), ForwardingMethod.MASQ, 5));
    out.put("alert-before", GuestCommand.run("ipvsadm", "-Sn").output());
    out.put("cli-show-ipvsadm", GuestCommand.cli("ipvs", "show", "--ipvs", "ipvsadm"));
    List<String> mon = List.of("-s", "ssh", "-g", "login", "-h", "10.0.0.1 10.0.0.2 10.0.0.3", "-t", "1795311202");
    String failing = "10.0.0.2 10.0.0.3\n\n10.0.0.2 refused: connect to 10.0.0.2 port 22: Connection refused\n"
        + "10.0.0.3 no banner\n";
    alert("down", mon, List.of("-P", "tcp", "-V", "10.99.203.43:22"), failing);
    alert("up", mon, List.of("-u", "-u", "-P", "tcp", "-V", "10.99.203.43:22", "-W", "5", "-F", "nat"), failing);
    alert("disable", mon, List.of("-D", "-P", "tcp", "-V", "10.99.203.43:22"), failing);
    alert("garbage", mon, List.of("-P", "tcp", "-V", "10.99.203.43:22"), "10.0.0.2; reboot\n");
    alert("delete-ipvsadm", mon, List.of("--ipvs", "ipvsadm", "-X", "-P", "tcp", "-V", "10.99.203.43:22"), "10.0.0.3\n");
    alert("readd-ipvsadm", mon, List.of("--ipvs", "ipvsadm", "-u", "-P", "tcp", "-V", "10.99.203.43:22", "-W", "4",
        "-F", "nat"), "10.0.0.3\n");
    alert("up-dash-r", mon, List.of("-u", "-P", "tcp", "-V", "10.99.203.43:22", "-R", "10.0.0.4:2222", "-W", "2",
        "-F", "dr"), "");
    ipvs.deleteService(POOL);
  }

  private void alert(String name, List<String> mon, List<String> args, String stdin) {
    List<String> argv = new ArrayList<>(List.of("alerts/lvs.alert"));
    argv.addAll(mon);
    argv.addAll(args);
    long t0 = System.nanoTime();
    GuestCommand r = GuestCommand.run(argv, stdin);
    out.put("alert:" + name, r.transcript());
    out.put("alert-ms:" + name, Long.toString(Duration.ofNanos(System.nanoTime() - t0).toMillis()));
    out.put("alert-after:" + name, GuestCommand.run("ipvsadm", "-Sn").output());
  }

}
