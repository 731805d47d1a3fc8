package org.lvsmon.ipvs.ipvsadm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lvsmon.ipvs.netlink.IpvsVm;
import org.lvsmon.monitor.ScriptRun;

/**
 * The ipvsadm backend and {@code alerts/lvs.alert} on a real kernel (Linux 6.1 under User-Mode
 * Linux, test-fixtures/ipvs-vm): one boot runs {@link IpvsadmKernelChecks}, and each test asserts on
 * a part of what it printed. The same {@link org.lvsmon.ipvs.IpvsScenario} runs through netlink and
 * then through ipvsadm; three readers that do not depend on the backend under test (a fresh netlink
 * socket, ipvsadm -Sn, ipvsadm -Ln --thresholds) must see the same kernel table after each.
 */
class IpvsadmSystemIT {
  private static final Duration TIMEOUT = Duration.ofMinutes(4);
  private static final List<String> CHECKPOINTS =
      List.of("table-after-add", "table-after-weights", "table-after-errors", "table-after-deletes");
  private static Map<String, String> kernel;

  @BeforeAll
  static void runInsideTheKernel() {
    ScriptRun.requireBuiltJar(); // alerts/lvs.alert runs the launcher, which runs the built jar
    IpvsVm.Result result = IpvsVm.runMain(IpvsadmKernelChecks.class, TIMEOUT);
    System.out.println("[IpvsadmSystemIT] kernel checks: one boot, " + result.elapsed().toMillis() + " ms");
    assertThat(result.exit()).as("test-fixtures/ipvs-vm/run.sh failed (%s):\n%s", IpvsVm.PREREQUISITES, result.stderr())
        .isNotEqualTo(IpvsVm.HARNESS_FAILED);
    assertThat(result.exit()).as("IpvsadmKernelChecks exit status; stderr:\n%s\nstdout:\n%s", result.stderr(),
        result.stdout()).isZero();
    kernel = result.sections();
    assertThat(kernel).as("sections printed; stderr:\n%s", result.stderr()).containsKey("end");
  }

  private static String section(String name) {
    assertThat(kernel).as("IpvsadmKernelChecks sections").containsKey(name);
    return kernel.get(name);
  }

  @Test
  void sameOperations_netlinkAndIpvsadm_leaveIdenticalKernelTables() {
    for (String checkpoint : CHECKPOINTS) {
      for (String reader : List.of("kernel", "save", "thresholds")) {
        assertThat(section(reader + ":ipvsadm:" + checkpoint)).as("%s as %s reads it", checkpoint, reader)
            .isEqualTo(section(reader + ":netlink:" + checkpoint));
      }
    }
    // the scenario covers IPv4, IPv6, fwmark (both families), NAT, DR and TUN (GUE and GRE), UDP and SCTP
    assertThat(section("save:ipvsadm:table-after-weights").lines().toList()).contains(
        "-a -t 10.99.203.43:22 -r 10.0.0.5:22 -m -w 42",
        "-a -t 10.99.203.43:22 -r 10.0.0.6:22 -g -w 0",
        "-a -t 10.99.203.43:22 -r 10.0.0.7:22 -i -w 17 --tun-type gue --tun-port 6080 --tun-csum",
        "-a -t [2001:db8::1]:80 -r 10.0.0.10:80 -i -w 1000000 --tun-type gre --tun-nocsum",
        "-a -f 5 -r 10.0.0.9:0 -g -w 9",
        "-a -f 6 -6 -r [2001:db8::9]:0 -g -w 3",
        "-A --sctp-service 10.0.0.1:9 -s rr");
    assertThat(section("thresholds:ipvsadm:table-after-weights")).containsPattern("10\\.0\\.0\\.5:22 +100 +10 ")
        .containsPattern("10\\.0\\.0\\.9:0 +50 +5 ");
  }

  @Test
  void ipvsadmBackend_readsWhatNetlinkReads() {
    for (String checkpoint : CHECKPOINTS) {
      assertThat(section("own:ipvsadm:" + checkpoint)).as(checkpoint).isEqualTo(section("kernel:ipvsadm:" + checkpoint));
    }
  }

  @Test
  void sameOperations_sameOutcomes_refusalsWithTheSameReasonAndMessage() {
    kernel.keySet().stream().filter(k -> k.startsWith("step:netlink:")).forEach(k -> {
      String step = k.substring("step:netlink:".length());
      String netlink = section(k).strip();
      String ipvsadm = section("step:ipvsadm:" + step).strip();
      if (step.startsWith("table-")) {
        // ipvsadm does not print tunnel settings of servers that are not tunnelled
        netlink = netlink.replaceAll("(fwd=(?:Masq|Route|Local) .*) tunnel=\\S+", "$1 tunnel=-");
        assertThat(ipvsadm).as(step).isEqualTo(netlink);
      } else if (!ipvsadm.equals(netlink)) {
        assertThat(ipvsadm).as("step %s: netlink's message, then what ipvsadm said", step).startsWith(netlink + " (ipvsadm: ");
      }
    });
    assertThat(section("step:ipvsadm:error-set-weight-no-real-server").strip()).isEqualTo(
        "NO_SUCH_REAL_SERVER: cannot set weight of 10.0.0.99:22 in TCP 10.99.203.43:22: no such real server");
    assertThat(section("step:ipvsadm:error-add-real-server-mixed-family-masq")).startsWith("INVALID: ")
        .contains("needs tunnel forwarding");
    assertThat(section("step:ipvsadm:error-add-service-no-scheduler")).startsWith("NO_SUCH_SCHEDULER: ")
        .contains("scheduler \"nope\"");
  }

  @Test
  void ipvsShow_ipvsadmBackend() {
    assertThat(section("cli-show-ipvsadm")).startsWith("exit 0\n").contains("TCP  10.99.203.43:22 wlc persistent 3600")
        .containsPattern("-> 10\\.0\\.0\\.1:22 +Masq +5 +100 +10 ");
  }

  @Test
  void lvsAlert_downAlert_quiescesOnlyTheHostsOnStdinsFirstLine() {
    assertThat(section("alert:down")).isEqualTo("exit 0\n"
        + "[login/ssh] TCP 10.99.203.43:22: 10.0.0.2:22 weight 5 -> 0 (down alert: quiesced, its connections are kept)\n"
        + "[login/ssh] TCP 10.99.203.43:22: 10.0.0.3:22 weight 5 -> 0 (down alert: quiesced, its connections are kept)\n");
    assertThat(section("alert-after:down").lines().toList()).containsExactly("-A -t 10.99.203.43:22 -s wlc -p 3600",
        "-a -t 10.99.203.43:22 -r 10.0.0.1:22 -m -w 5",
        "-a -t 10.99.203.43:22 -r 10.0.0.2:22 -m -w 0",
        "-a -t 10.99.203.43:22 -r 10.0.0.3:22 -m -w 0");
  }

  @Test
  void lvsAlert_upAlert_restoresTheWeight() {
    assertThat(section("alert:up")).startsWith("exit 0\n").contains("10.0.0.2:22 weight 0 -> 5 (up alert: restored)");
    assertThat(section("alert-after:up")).isEqualTo(section("alert-before"));
  }

  @Test
  void lvsAlert_disableAlert_neverDeletesTheVirtualService() {
    assertThat(section("alert:disable")).isEqualTo("exit 0\n[login/ssh] TCP 10.99.203.43:22: disable alert (-D):"
        + " nothing changed; lvs.alert never deletes a virtual service\n");
    assertThat(section("alert-after:disable")).isEqualTo(section("alert-before"));
  }

  @Test
  void lvsAlert_garbageOnStdin_exitTwo_nothingChanged() {
    assertThat(section("alert:garbage")).startsWith("exit 2\n").contains("is not a list of hosts").endsWith("nothing changed\n");
    assertThat(section("alert-after:garbage")).isEqualTo(section("alert-before"));
  }

  @Test
  void lvsAlert_classicDeleteAndReadd_throughTheIpvsadmBackend() {
    assertThat(section("alert:delete-ipvsadm")).startsWith("exit 0\n").contains("10.0.0.3:22 deleted (down alert, -X");
    assertThat(section("alert-after:delete-ipvsadm")).doesNotContain("10.0.0.3").contains("-A -t 10.99.203.43:22");
    assertThat(section("alert:readd-ipvsadm")).startsWith("exit 0\n").contains("10.0.0.3:22 added with weight 4, forwarding Masq");
    assertThat(section("alert-after:readd-ipvsadm")).contains("-a -t 10.99.203.43:22 -r 10.0.0.3:22 -m -w 4");
    assertThat(section("alert-after:up-dash-r")).contains("-a -t 10.99.203.43:22 -r 10.0.0.4:2222 -g -w 2");
    System.out.println("[IpvsadmSystemIT] alerts/lvs.alert under UML (launcher + JVM start), ms: "
        + List.of("down", "up", "disable", "garbage").stream().map(n -> n + " " + section("alert-ms:" + n).strip()).toList());
  }
}
