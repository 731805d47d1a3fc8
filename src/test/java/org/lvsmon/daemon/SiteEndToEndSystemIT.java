package org.lvsmon.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lvsmon.ipvs.netlink.IpvsVm;

/**
 * The site story end to end in one User-Mode Linux guest (test-fixtures/site-e2e/guest.sh): a director
 * with the VIP 10.99.203.43 (LVS-NAT), four real OpenSSH login nodes in network namespaces, a client
 * namespace making real {@code ssh} logins to the VIP from eight source addresses, a real SMTP server,
 * and {@code lvsmon run} on a seed-style mon.cf: {@code ssh.monitor} with mail.alert and lvs.alert (the
 * persistent transfer VIP :2222), {@code ssh-load.monitor} with {@code balance} (the login VIP :22,
 * wrr). The guest only reports; every verdict is here. Figures are printed for the record.
 */
class SiteEndToEndSystemIT {
  private static final String PREREQUISITES = IpvsVm.PREREQUISITES
      + ", and openssh-server and openssh-client for the login nodes (test-fixtures/install-prereqs.sh)";
  // guest.sh's mon.cf: balance floor=1 ceiling=20 fullload=1.9 slowstart=12s; interval 3s (load), 6s (ssh)
  private static final int FLOOR = 1;
  private static final int CEILING = 20;
  private static final double FULLLOAD = 1.9;
  private static final long INTERVAL_MS = 3_000;
  private static final long SSH_INTERVAL_MS = 6_000;
  private static final long SLOWSTART_MS = 12_000;
  /** A one-CPU guest on a shared CI machine: a monitor run, a JVM pause, a mail delivery. */
  private static final long SLACK_MS = 15_000;
  private static Map<String, String> out;

  @BeforeAll
  static void runTheStory() {
    String jar = System.getProperty("lvsmon.jar");
    assertThat(jar).as("system property lvsmon.jar (set by the system profile)").isNotNull();
    IpvsVm.Result r = IpvsVm.run(Duration.ofMinutes(15),
        List.of("bash", "test-fixtures/site-e2e/guest.sh", IpvsVm.java(), IpvsVm.classPath(), jar));
    System.out.println("[SiteEndToEndSystemIT] one boot, " + r.elapsed().toMillis() + " ms");
    assertThat(r.exit()).as("test-fixtures/ipvs-vm/run.sh failed (%s):\n%s", PREREQUISITES, r.stderr())
        .isNotEqualTo(IpvsVm.HARNESS_FAILED);
    assertThat(r.exit()).as("test-fixtures/site-e2e/guest.sh (%s); stderr:\n%s\nstdout:\n%s", PREREQUISITES, r.stderr(),
        r.stdout()).isZero();
    out = r.sections();
    assertThat(out).as(r.stdout()).containsKey("end");
    printFigures();
  }

  private static void printFigures() {
    String p = "[SiteEndToEndSystemIT] ";
    System.out.println(p + "setup (cluster, JVMs, first weights): " + raw("setup", "ms") + " ms");
    for (String phase : List.of("A", "B", "C")) {
      Map<String, Integer> c = counts(phase);
      System.out.println(p + "logins " + phase + ": " + logins(phase).size() + " in " + out.get("logins-" + phase + "/ms").trim()
          + " ms, per node " + c + (phase.equals("C") ? "" : ", weights " + out.get("weights-" + phase).trim()));
    }
    System.out.println(p + "load 1.50 on node 1 -> its weight at target after " + raw("load-raised", "ms") + " ms");
    System.out.println(p + "kill node 4 -> weight 0: " + since("killed", "weight0", "kill") + " ms, down mail: "
        + since("killed", "mail", "kill") + " ms, quiesced on :2222: " + since("killed", "quiesced", "kill") + " ms");
    System.out.println(p + "start node 4 (cluster.sh start took " + since("restarted", "start-done", "start")
        + " ms) -> up mail: " + since("restarted", "mail", "start") + " ms, restored on :2222: "
        + since("restarted", "restored", "start") + " ms; weight ramp (ms after the start began, weight): "
        + out.get("restarted/ramp").trim().replace('\n', ','));
  }

  private static String raw(String section, String key) {
    return out.getOrDefault(section, "").lines().filter(l -> l.startsWith(key + " ")).map(l -> l.substring(key.length() + 1))
        .findFirst().orElse("-");
  }

  private static String since(String section, String key, String from) {
    String a = raw(section, key);
    String b = raw(section, from);
    return a.matches("[0-9]+") && b.matches("[0-9]+") ? Long.toString(Long.parseLong(a) - Long.parseLong(b)) : "(not seen)";
  }

  @Test
  void logins_landOnTheNodes_inProportionToTheKernelWeights_whichFollowTheLoads() {
    int[] w = weights("weights-A");
    String[] loads = out.get("setup").lines().findFirst().orElseThrow().substring("loads ".length()).split(" ");
    for (int i = 0; i < 4; i++) {
      assertThat(w[i]).as("node %d's weight at load %s", i + 1, loads[i]).isEqualTo(policy(Double.parseDouble(loads[i])));
    }
    assertProportional("A");
    // wrr is not persistent: one source address reaches several nodes
    Map<String, Set<String>> bySource = new HashMap<>();
    for (String[] l : logins("A")) {
      bySource.computeIfAbsent(l[0], k -> new HashSet<>()).add(l[1]);
    }
    assertThat(bySource.values()).as("nodes per source address %s", bySource).anyMatch(s -> s.size() > 1);
  }

  @Test
  void raisingANodesLoad_lowersItsWeight_andMovesNewLoginsAway() {
    int[] a = weights("weights-A");
    int[] b = weights("weights-B");
    assertThat(b[0]).as("node 1's weight at load 1.50 (was %d)", a[0]).isEqualTo(policy(1.50)).isLessThan(a[0]);
    assertThat(Arrays.copyOfRange(b, 1, 4)).isEqualTo(Arrays.copyOfRange(a, 1, 4));
    assertProportional("B");
    double before = counts("A").getOrDefault("node1", 0) / (double) logins("A").size();
    double after = counts("B").getOrDefault("node1", 0) / (double) logins("B").size();
    assertThat(after).as("node 1's share of logins: %.3f before its load rose", before).isLessThan(before - 0.1);
  }

  @Test
  void killingANodesSshd_takesItOut_mailsTheOperators_andQuiescesItOnTheTransferVip() {
    long kill = field("killed", "kill");
    // the node refuses connections at once, so no deadline is waited for: the next run of each
    // service (one interval) sees it
    long bound = 2 * INTERVAL_MS + SLACK_MS;
    assertThat(field("killed", "weight0") - kill).as("ms from kill to weight 0 on :22").isPositive().isLessThan(bound);
    long mailBound = 2 * SSH_INTERVAL_MS + SLACK_MS;
    assertThat(field("killed", "mail") - kill).as("ms from kill to the down mail at the SMTP server").isPositive()
        .isLessThan(mailBound);
    assertThat(field("killed", "quiesced") - kill).as("ms from kill to weight 0 on :2222").isPositive()
        .isLessThan(mailBound);
    assertThat(weights("killed/weights")[3]).isZero();
    assertThat(weights("killed/weights-2222")).containsExactly(10, 10, 10, 0);
    assertThat(out.get("killed/mail")).contains("subject ALERT login/ssh: ssh down on a login node")
        .contains("to hpc-admins@example.org").contains("10.7.7.4");
    List<String[]> c = logins("C");
    assertThat(c).hasSizeGreaterThanOrEqualTo(10);
    assertThat(c).as("logins after node 4 went out").allSatisfy(l -> assertThat(l[1]).isIn("node1", "node2", "node3"));
  }

  @Test
  void theNodeBack_sendsTheUpMail_andClimbsFromTheFloor() {
    // sshd listens somewhere between the start and cluster.sh start's return (which checks that it does)
    long start = field("restarted", "start");
    long starting = field("restarted", "start-done") - start;
    assertThat(field("restarted", "mail") - start).as("ms from the start to the up mail (cluster.sh start took %d ms)",
        starting).isPositive().isLessThan(starting + 2 * SSH_INTERVAL_MS + SLACK_MS);
    assertThat(out.get("restarted/mail")).contains("subject UPALERT login/ssh: ssh back on a login node");
    assertThat(field("restarted", "restored") - start).as("ms from start to weight 10 again on :2222").isPositive();
    List<long[]> ramp = out.get("restarted/ramp").lines().map(l -> Arrays.stream(l.split(" ")).mapToLong(Long::parseLong)
        .toArray()).toList();
    List<long[]> up = ramp.stream().filter(p -> p[1] > 0).toList();
    String seen = out.get("restarted/ramp");
    assertThat(up).as("weights after the start:\n%s", seen).isNotEmpty();
    assertThat(up.get(0)[1]).as("first weight back:\n%s", seen).isEqualTo(FLOOR);
    assertThat(up.get(up.size() - 1)[1]).as("last weight:\n%s", seen).isEqualTo(CEILING);
    for (int i = 1; i < up.size(); i++) {
      assertThat(up.get(i)[1]).as("never falls while climbing:\n%s", seen).isGreaterThan(up.get(i - 1)[1]);
    }
    assertThat(up).as("several results between floor and ceiling:\n%s", seen).hasSizeGreaterThanOrEqualTo(4);
    assertThat(up.get(up.size() - 1)[0] - up.get(0)[0]).as("ms from the floor to the ceiling (slowstart %d ms):\n%s",
        SLOWSTART_MS, seen).isGreaterThanOrEqualTo(SLOWSTART_MS / 2);
  }

  /**
   * Every login of PHASE succeeded, and each node's share is its weight's share within 0.06: wrr deals
   * w/gcd logins to each node per cycle, so over four or more whole cycles the shares are close.
   */
  private static void assertProportional(String phase) {
    int[] w = weights("weights-" + phase);
    assertThat(weights("weights-" + phase + "/after")).as("weights during the logins of %s", phase).isEqualTo(w);
    int gcd = Arrays.stream(w).reduce(0, (x, y) -> java.math.BigInteger.valueOf(x).gcd(java.math.BigInteger.valueOf(y))
        .intValue());
    int cycle = Arrays.stream(w).sum() / gcd;
    List<String[]> all = logins(phase);
    assertThat(all).as("logins %s: at least four wrr cycles of %d (weights %s)", phase, cycle, Arrays.toString(w))
        .hasSizeGreaterThanOrEqualTo(4 * cycle)
        .allSatisfy(l -> assertThat(l[1]).as(String.join(" ", l)).matches("node[1-4]"));
    int sum = Arrays.stream(w).sum();
    Map<String, Integer> c = counts(phase);
    for (int i = 0; i < 4; i++) {
      double observed = c.getOrDefault("node" + (i + 1), 0) / (double) all.size();
      assertThat(observed).as("%s: node %d's share of %d logins (weights %s)", phase, i + 1, all.size(), Arrays.toString(w))
          .isCloseTo(w[i] / (double) sum, org.assertj.core.data.Offset.offset(0.06));
    }
  }

  private static int policy(double load) {
    return (int) Math.max(FLOOR, Math.round(FLOOR + (CEILING - FLOOR) * (1 - load / FULLLOAD)));
  }

  private static int[] weights(String section) {
    return Arrays.stream(out.get(section).trim().split(" ")).mapToInt(Integer::parseInt).toArray();
  }

  private static List<String[]> logins(String phase) {
    return out.get("logins-" + phase).lines().filter(l -> !l.isBlank()).map(l -> l.split(" ", 2)).toList();
  }

  private static Map<String, Integer> counts(String phase) {
    Map<String, Integer> c = new java.util.TreeMap<>();
    for (String[] l : logins(phase)) {
      c.merge(l[1].startsWith("FAIL") ? "FAIL" : l[1], 1, Integer::sum);
    }
    return c;
  }

  /** The number after KEY in a section's lines "KEY VALUE"; fails naming the section when it is missing or "-". */
  private static long field(String section, String key) {
    String v = out.get(section).lines().filter(l -> l.startsWith(key + " ")).map(l -> l.substring(key.length() + 1))
        .findFirst().orElse("-");
    assertThat(v).as("%s %s (never seen in the guest); the daemon's log:\n%s", section, key, out.get("daemon-log"))
        .matches("[0-9]+");
    return Long.parseLong(v);
  }
}
