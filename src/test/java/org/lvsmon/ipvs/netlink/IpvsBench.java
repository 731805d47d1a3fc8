package org.lvsmon.ipvs.netlink;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lvsmon.ipvs.ForwardingMethod;
import org.lvsmon.ipvs.IpvsException;
import org.lvsmon.ipvs.IpvsOperation;
import org.lvsmon.ipvs.RealServer;
import org.lvsmon.ipvs.ServiceKey;
import org.lvsmon.ipvs.VirtualService;
import org.lvsmon.ipvs.ipvsadm.IpvsadmArgs;
import org.lvsmon.ipvs.ipvsadm.IpvsadmIpvs;
import org.lvsmon.ipvs.ipvsadm.IpvsadmProcess;

/**
 * Issue 5's IPVS benchmark, run by hand under test-fixtures/ipvs-vm (test-fixtures/bench/ipvs.sh):
 * the same N weight changes through netlink, through N {@code ipvsadm -e} processes and through one
 * {@code ipvsadm -R} batch, in one run on one kernel; then a reconcile-like pass (read the table
 * once, write only the real servers whose weight differs) over N real servers of which M changed,
 * with the netlink messages it sent. Not a test. Arguments: {@code [--servers N] [--changed M]}.
 */
public final class IpvsBench {
  private static final ServiceKey VIP = ServiceKey.tcp("10.99.203.43", 22);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** A transport that counts requests sent and replies received. */
  private static final class Counting implements NetlinkTransport {
    private final NetlinkTransport inner;
    long requests;
    long replies;

    Counting(NetlinkTransport inner) {
      this.inner = inner;
    }

    @Override
    public List<NetlinkMessage> exchange(NetlinkMessage request) throws NetlinkErrnoException, IOException {
      requests++;
      List<NetlinkMessage> r = inner.exchange(request);
      replies += r.size();
      return r;
    }

    @Override
    public void close() {
      inner.close();
    }
  }

  public static void main(String[] args) throws Exception {
    int servers = 1000;
    int changed = 10;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--servers" -> servers = Integer.parseInt(args[++i]);
        case "--changed" -> changed = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (--servers N --changed M)");
      }
    }
    Counting counting = new Counting(NetlinkSocket.open(GenericNetlink.NETLINK_GENERIC, TIMEOUT));
    try (NetlinkIpvs ipvs = NetlinkIpvs.over(counting, IpvsCodec.FAMILY_NAME);
        IpvsadmIpvs ipvsadm = new IpvsadmIpvs(new IpvsadmProcess(IpvsadmProcess.find(System.getenv("PATH")).orElseThrow(),
            TIMEOUT))) {
      new IpvsBench().run(ipvs, counting, ipvsadm, servers, changed);
    }
  }

  private void run(NetlinkIpvs ipvs, Counting counting, IpvsadmIpvs ipvsadm, int n, int changed) throws Exception {
    System.out.printf("# %d real servers (NAT) in %s, %d CPUs, %s%n", n, VIP, Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.version"));
    ipvs.addService(VirtualService.of(VIP, "wlc"));
    List<RealServer> pool = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      InetAddress a = InetAddress.getByAddress(new byte[] {10, 1, (byte) (i >> 8), (byte) (i & 0xff)});
      pool.add(RealServer.of(new InetSocketAddress(a, 22), ForwardingMethod.MASQ, 1));
    }
    long t = System.nanoTime();
    for (RealServer r : pool) {
      ipvs.addRealServer(VIP, r);
    }
    report("netlink: add " + n + " real servers (NEW_DEST)", t, n);
    for (int i = 0; i < 200; i++) { // warm the JIT on the write path
      ipvs.editRealServer(VIP, pool.get(i % n).withWeight(1));
    }

    t = System.nanoTime();
    for (int i = 0; i < n; i++) {
      ipvs.editRealServer(VIP, pool.get(i).withWeight(2));
    }
    double setDest = report("netlink: " + n + " weight changes, one SET_DEST each (the table read once before)", t, n);

    int few = Math.min(n, 100);
    t = System.nanoTime();
    for (int i = 0; i < few; i++) {
      ipvs.setWeight(VIP, pool.get(i).endpoint(), 3);
    }
    double rmw = report("netlink: " + few + " setWeight calls (each a GET_DEST dump of all " + n + " + SET_DEST)", t, few);

    t = System.nanoTime();
    for (int i = 0; i < n; i++) {
      ipvsadm.editRealServer(VIP, pool.get(i).withWeight(4));
    }
    double perCall = report("ipvsadm: " + n + " x ipvsadm -e, each a process started by this JVM", t, n);

    Path script = Files.createTempFile("ipvs-bench", ".sh");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < n; i++) {
      text.append("ipvsadm ").append(String.join(" ", IpvsadmArgs.realServer("-e", VIP, pool.get(i).withWeight(6))))
          .append(" || exit 1\n");
    }
    Files.writeString(script, text);
    t = System.nanoTime();
    Process shell = new ProcessBuilder("bash", script.toString()).inheritIO().start();
    if (shell.waitFor() != 0) {
      throw new IllegalStateException("the shell loop of ipvsadm -e failed");
    }
    double shellLoop = report("ipvsadm: " + n + " x ipvsadm -e from one bash script (ldirectord's way: fork+exec each)", t, n);
    check(ipvs, n, 6);

    List<List<String>> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lines.add(IpvsadmArgs.realServer("-e", VIP, pool.get(i).withWeight(5)));
    }
    t = System.nanoTime();
    ipvsadm.restore(IpvsOperation.of(IpvsOperation.Kind.EDIT_REAL_SERVER, VIP), lines);
    double batch = report("ipvsadm: one ipvsadm -R batch of " + n + " edits", t, n);
    check(ipvs, n, 5);

    System.out.printf("ratios to netlink SET_DEST: ipvsadm -e from bash %.0fx, from the JVM %.0fx; ipvsadm -R %.1fx;"
        + " setWeight (read-modify-write over %d servers) %.0fx%n", shellLoop / setDest, perCall / setDest,
        batch / setDest, n, rmw / setDest);

    reconcile(ipvs, counting, pool, changed);
    List<List<String>> reset = new ArrayList<>();
    pool.forEach(r -> reset.add(IpvsadmArgs.realServer("-e", VIP, r.withWeight(5))));
    ipvsadm.restore(IpvsOperation.of(IpvsOperation.Kind.EDIT_REAL_SERVER, VIP), reset);
    reconcileIpvsadm(ipvsadm, pool, changed);
    ipvs.deleteService(VIP);
  }

  /** Reads the table once (service dump + GET_DEST dump), writes only what differs. */
  private void reconcile(NetlinkIpvs ipvs, Counting counting, List<RealServer> pool, int changed) throws IpvsException {
    Map<InetSocketAddress, Integer> desired = desired(pool, changed);
    long requests = counting.requests;
    long replies = counting.replies;
    long t = System.nanoTime();
    int writes = 0;
    for (RealServer r : ipvs.realServers(VIP)) {
      int w = desired.get(r.endpoint());
      if (r.weight() != w) {
        ipvs.editRealServer(VIP, r.withWeight(w));
        writes++;
      }
    }
    double ms = (System.nanoTime() - t) / 1e6;
    System.out.printf("reconcile (netlink): %d real servers, %d changed: %.1f ms, %d writes, %d requests sent,"
        + " %d reply messages received%n", pool.size(), changed, ms, writes, counting.requests - requests,
        counting.replies - replies);
  }

  private void reconcileIpvsadm(IpvsadmIpvs ipvsadm, List<RealServer> pool, int changed) throws IpvsException {
    Map<InetSocketAddress, Integer> desired = desired(pool, changed);
    long t = System.nanoTime();
    int writes = 0;
    List<List<String>> lines = new ArrayList<>();
    for (RealServer r : ipvsadm.realServers(VIP)) {
      int w = desired.get(r.endpoint());
      if (r.weight() != w) {
        lines.add(IpvsadmArgs.realServer("-e", VIP, r.withWeight(w)));
        writes++;
      }
    }
    ipvsadm.restore(IpvsOperation.of(IpvsOperation.Kind.EDIT_REAL_SERVER, VIP), lines);
    double ms = (System.nanoTime() - t) / 1e6;
    System.out.printf("reconcile (ipvsadm): %d real servers, %d changed: %.1f ms, %d writes, 4 processes"
        + " (-Sn, -Ln --thresholds, -Ln --persistent-conn, -R)%n", pool.size(), changed, ms, writes);
  }

  /** Weight 5 for all, except the first {@code changed} which get 6 + i. */
  private static Map<InetSocketAddress, Integer> desired(List<RealServer> pool, int changed) {
    Map<InetSocketAddress, Integer> d = new HashMap<>();
    for (int i = 0; i < pool.size(); i++) {
      d.put(pool.get(i).endpoint(), i < changed ? 6 + i : 5);
    }
    return d;
  }

  private static void check(NetlinkIpvs ipvs, int n, int weight) throws IpvsException {
    long wrong = ipvs.realServers(VIP).stream().filter(r -> r.weight() != weight).count();
    if (wrong > 0) {
      throw new IllegalStateException(wrong + " of " + n + " real servers do not have weight " + weight);
    }
  }

  private static double report(String what, long start, int n) {
    double ms = (System.nanoTime() - start) / 1e6;
    System.out.printf("%-90s %10.1f ms total %9.3f ms each%n", what, ms, ms / n);
    return ms / n;
  }
}
