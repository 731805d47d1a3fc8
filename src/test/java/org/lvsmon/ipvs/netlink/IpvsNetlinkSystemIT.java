package org.lvsmon.ipvs.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lvsmon.ipvs.IpvsScenario;
import org.lvsmon.ipvs.memory.MemoryIpvs;

/**
 * The netlink backend on a real kernel (Linux 6.1 under User-Mode Linux, test-fixtures/ipvs-vm):
 * one boot runs {@link KernelChecks}, and each test asserts on a part of what it printed. ipvsadm,
 * reading the same kernel table through its own code (libnl), is the independent witness.
 */
class IpvsNetlinkSystemIT {
  private static final Duration TIMEOUT = Duration.ofMinutes(4);
  private static Map<String, String> kernel;
  private static Map<String, String> memory;

  @BeforeAll
  static void runInsideTheKernel() {
    IpvsVm.Result result = IpvsVm.runMain(KernelChecks.class, TIMEOUT);
    System.out.println("[IpvsNetlinkSystemIT] kernel checks: one boot, " + result.elapsed().toMillis() + " ms");
    assertThat(result.exit()).as("test-fixtures/ipvs-vm/run.sh failed (%s):\n%s", IpvsVm.PREREQUISITES, result.stderr())
        .isNotEqualTo(IpvsVm.HARNESS_FAILED);
    assertThat(result.exit()).as("KernelChecks exit status; stderr:\n%s\nstdout:\n%s", result.stderr(), result.stdout())
        .isZero();
    kernel = result.sections();
    assertThat(kernel).as("sections printed by KernelChecks; stderr:\n%s", result.stderr()).containsKey("end");
    try (MemoryIpvs ipvs = new MemoryIpvs()) {
      memory = new IpvsScenario(ipvs, (name, t) -> { }).run();
    }
  }

  private static String section(String name) {
    assertThat(kernel).as("KernelChecks sections").containsKey(name);
    return kernel.get(name);
  }

  @Test
  void memoryBackend_sameScriptAsKernel_sameTablesAndSameErrors() {
    for (Map.Entry<String, String> step : memory.entrySet()) {
      assertThat(section("netlink:" + step.getKey()).strip()).as("step %s: kernel (netlink) vs memory", step.getKey())
          .isEqualTo(step.getValue().strip());
    }
  }

  @Test
  void addedServicesAndRealServers_areWhatIpvsadmReads() {
    assertThat(section("ipvsadm-save:table-after-add").lines().toList()).containsExactlyInAnyOrder(
        "-A -t 10.99.203.43:22 -s wlc -p 3600 -M 255.255.255.0",
        "-a -t 10.99.203.43:22 -r 10.0.0.5:22 -m -w 7",
        "-a -t 10.99.203.43:22 -r 10.0.0.6:22 -g -w 3",
        "-a -t 10.99.203.43:22 -r 10.0.0.7:22 -i -w 2 --tun-type gue --tun-port 6080 --tun-csum",
        "-A -u 10.0.0.1:53 -s rr -o",
        "-a -u 10.0.0.1:53 -r 10.0.0.8:53 -m -w 1",
        "-A --sctp-service 10.0.0.1:9 -s rr",
        "-A -t [2001:db8::1]:80 -s wrr",
        "-a -t [2001:db8::1]:80 -r 10.0.0.10:80 -i -w 6 --tun-type gre --tun-nocsum",
        "-a -t [2001:db8::1]:80 -r [2001:db8::5]:8080 -m -w 4",
        "-A -f 5 -s rr",
        "-a -f 5 -r 10.0.0.9:0 -g -w 4",
        "-A -f 6 -6 -s sh -p 60 -M 64",
        "-a -f 6 -6 -r [2001:db8::9]:0 -g -w 1");
    assertThat(section("ipvsadm:table-after-add")).containsPattern("10\\.0\\.0\\.5:22 +100 +10 ")
        .containsPattern("10\\.0\\.0\\.7:22 +40 +0 ").containsPattern("10\\.0\\.0\\.9:0 +50 +5 ")
        .containsPattern("\\[2001:db8::5\\]:8080 +20 +0 ");
  }

  @Test
  void setWeight_changesOnlyTheWeight_forwardingThresholdsAndTunnelStay() {
    // ipvsadm --thresholds shows no weights: the same before and after seven weight changes
    assertThat(section("ipvsadm:table-after-weights")).isEqualTo(section("ipvsadm:table-after-add"));
    List<String> before = section("ipvsadm-save:table-after-add").lines().map(l -> l.replaceAll("-w \\d+", "-w W")).toList();
    List<String> after = section("ipvsadm-save:table-after-weights").lines().map(l -> l.replaceAll("-w \\d+", "-w W")).toList();
    assertThat(after).isEqualTo(before);
    assertThat(section("ipvsadm-save:table-after-weights").lines().toList()).contains(
        "-a -t 10.99.203.43:22 -r 10.0.0.5:22 -m -w 42",
        "-a -t 10.99.203.43:22 -r 10.0.0.6:22 -g -w 0",
        "-a -t 10.99.203.43:22 -r 10.0.0.7:22 -i -w 17 --tun-type gue --tun-port 6080 --tun-csum",
        "-a -t [2001:db8::1]:80 -r 10.0.0.10:80 -i -w 1000000 --tun-type gre --tun-nocsum",
        "-a -t [2001:db8::1]:80 -r [2001:db8::5]:8080 -m -w 11",
        "-a -f 5 -r 10.0.0.9:0 -g -w 9",
        "-a -f 6 -6 -r [2001:db8::9]:0 -g -w 3",
        "-a -u 10.0.0.1:53 -r 10.0.0.8:53 -m -w 1");
    assertThat(section("netlink:set-weight-masq").strip()).isEqualTo("ok before=7");
  }

  @Test
  void refusals_nameTheOperationTheServiceAndTheReason() {
    assertThat(section("netlink:error-set-weight-no-real-server").strip()).isEqualTo(
        "NO_SUCH_REAL_SERVER: cannot set weight of 10.0.0.99:22 in TCP 10.99.203.43:22: no such real server");
    assertThat(section("netlink:error-set-weight-no-service").strip()).isEqualTo(
        "NO_SUCH_SERVICE: cannot set weight of 10.0.0.5:22 in TCP 10.0.0.2:22: no such service");
    assertThat(section("netlink:error-add-service-exists").strip()).isEqualTo(
        "SERVICE_EXISTS: cannot add virtual service TCP 10.99.203.43:22: service already exists");
    assertThat(section("netlink:error-add-real-server-exists").strip()).isEqualTo(
        "REAL_SERVER_EXISTS: cannot add real server 10.0.0.5:22 to TCP 10.99.203.43:22: real server already exists");
    assertThat(section("netlink:error-delete-no-service").strip()).isEqualTo(
        "NO_SUCH_SERVICE: cannot delete virtual service TCP 10.0.0.2:22: no such service");
    assertThat(section("netlink:error-add-service-no-scheduler")).contains("scheduler \"nope\"");
    assertThat(section("netlink:error-add-real-server-mixed-family-masq")).startsWith("INVALID: ")
        .contains("needs tunnel forwarding");
    assertThat(section("ipvsadm-save:table-after-errors")).isEqualTo(section("ipvsadm-save:table-after-weights"));
  }

  @Test
  void editAndDelete_reachTheKernel() {
    assertThat(section("ipvsadm-save:table-after-deletes").lines().toList())
        .contains("-a -t 10.99.203.43:22 -r 10.0.0.6:22 -m -w 5")
        .noneMatch(l -> l.contains("10.0.0.1:53"));
    assertThat(section("ipvsadm:table-after-deletes")).containsPattern("10\\.0\\.0\\.6:22 +10 +2 ");
    assertThat(section("netlink:delete-all").strip()).isEqualTo("ok 0");
  }

  @Test
  void procNetIpvs_readsWhatNetlinkReads_whereItCan() {
    for (String checkpoint : List.of("table-after-add", "table-after-weights", "table-after-errors", "table-after-deletes")) {
      assertThat(section("proc-reduced:" + checkpoint)).as(checkpoint).isEqualTo(section("netlink-reduced:" + checkpoint));
    }
  }

  @Test
  void ipvsShow_printsTheTable_textAndJson() throws Exception {
    assertThat(section("cli-show")).startsWith("exit 0\n")
        .contains("TCP  10.99.203.43:22 wlc persistent 3600 mask /24")
        .containsPattern("-> 10\\.0\\.0\\.7:22 +Tunnel +17 +40 +0 +0 +0 +gue:6080 csum")
        .contains("FWM  6 IPv6 sh persistent 60 mask /64");
    String json = section("cli-show-json");
    String body = json.substring(json.indexOf("--- stdout\n") + 11, json.indexOf("--- stderr"));
    JsonNode root = new ObjectMapper().readTree(body);
    assertThat(root.get("source").asText()).isEqualTo("netlink");
    assertThat(root.get("services")).hasSize(6);
  }

  @Test
  void ipvsShow_withoutCapNetAdmin_saysWhyAndReadsProcNetIpvs() {
    String run = section("cli-show-without-cap-net-admin");
    assertThat(run).startsWith("exit 0\n")
        .contains("lvsmon: netlink: cannot list virtual services: permission denied: IPVS netlink needs CAP_NET_ADMIN")
        .contains("read from /proc/net/ip_vs")
        .contains("TCP  10.99.203.43:22 wlc persistent mask /24")
        .containsPattern("-> 10\\.0\\.0\\.5:22 +Masq +42 ");
  }

  @Test
  void missingFamily_orUnloadedModule_clearMessage_andTheKernelLoadsIpVsOnDemand() {
    assertThat(section("unknown-family").strip()).isEqualTo("UNAVAILABLE: cannot open the IPVS table: the kernel has no"
        + " generic netlink family \"IPVS_NO_SUCH\": is the ip_vs module loaded? (modprobe ip_vs; /proc/net/ip_vs exists when it is)");
    assertThat(section("unload")).startsWith("exit 0");
    assertThat(section("proc-after-unload").strip()).isEqualTo("absent");
    assertThat(section("autoload").strip()).isEqualTo("ok 0 services");
    assertThat(section("no-module")).startsWith("UNAVAILABLE: ").contains("no generic netlink family \"IPVS\"")
        .contains("modprobe ip_vs");
    assertThat(section("no-module-proc")).startsWith("UNAVAILABLE: ").contains("no /proc/net/ip_vs");
    assertThat(section("no-module-cli")).startsWith("exit 1\n").contains("lvsmon: cannot open the IPVS table");
  }
}
