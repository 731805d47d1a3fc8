package org.lvsmon.ipvs.ipvsadm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lvsmon.ipvs.Endpoints;
import org.lvsmon.ipvs.ForwardingMethod;
import org.lvsmon.ipvs.IpvsException;
import org.lvsmon.ipvs.IpvsException.Reason;
import org.lvsmon.ipvs.IpvsOperation;
import org.lvsmon.ipvs.IpvsScenario;
import org.lvsmon.ipvs.RealServer;
import org.lvsmon.ipvs.ServiceKey;
import org.lvsmon.ipvs.Tunnel;
import org.lvsmon.ipvs.VirtualService;

/** The ipvsadm backend over a scripted ipvsadm: the arguments it passes and how it reads refusals. */
class IpvsadmIpvsTest {
  private final Map<String, String> recorded = Recorded.sections();
  private final ScriptedIpvsadm ipvsadm = new ScriptedIpvsadm();
  private final IpvsadmIpvs ipvs = new IpvsadmIpvs(ipvsadm);

  private void recordedTable() {
    ipvsadm.ok(recorded.get("Sn")).ok(recorded.get("Ln-thresholds")).ok(recorded.get("Ln-persistent"));
  }

  @Test
  void setWeight_readsThenResendsForwardingThresholdsAndTunnel_withTheNewWeight() throws Exception {
    recordedTable();

    RealServer before = ipvs.setWeight(IpvsScenario.SSH, IpvsScenario.NODE7, 0);

    assertThat(before.weight()).isEqualTo(2);
    assertThat(ipvsadm.calls).containsExactly("-Sn", "-Ln --exact --thresholds", "-Ln --exact --persistent-conn",
        "-e -t 10.99.203.43:22 -r 10.0.0.7:22 -i -w 0 -x 40 -y 0 --tun-type gue --tun-port 6080 --tun-csum");
  }

  @Test
  void setWeight_fwmarkIpv6AndMasqWithThresholds() throws Exception {
    recordedTable();
    ipvsadm.ok("");
    recordedTable();

    ipvs.setWeight(ServiceKey.fwmark6(6), Endpoints.parse("[2001:db8::9]:0"), 5);
    ipvs.setWeight(IpvsScenario.SSH, IpvsScenario.NODE5, 70);

    assertThat(ipvsadm.calls).contains("-e -f 6 -6 -r [2001:db8::9]:0 -g -w 5 -x 0 -y 0",
        "-e -t 10.99.203.43:22 -r 10.0.0.5:22 -m -w 70 -x 100 -y 10");
  }

  @Test
  void setWeight_absentRealServer_orService_sameReasonsAsTheKernel() {
    recordedTable();
    assertThatThrownBy(() -> ipvs.setWeight(IpvsScenario.SSH, IpvsScenario.ABSENT, 1))
        .hasMessage("cannot set weight of 10.0.0.99:22 in TCP 10.99.203.43:22: no such real server");
    recordedTable();
    assertThatThrownBy(() -> ipvs.setWeight(IpvsScenario.MISSING, IpvsScenario.NODE5, 1))
        .hasMessage("cannot set weight of 10.0.0.5:22 in TCP 10.0.0.2:22: no such service");
    assertThat(ipvsadm.calls).noneMatch(c -> c.startsWith("-e"));
  }

  @Test
  void addService_andRealServers_argumentsAsIpvsadmSavesThem() throws Exception {
    ipvs.addService(VirtualService.of(IpvsScenario.SSH, "wlc").persistent(3600).withNetmask(24));
    ipvs.addService(VirtualService.of(IpvsScenario.MARK6, "sh").persistent(60).withNetmask(64));
    ipvs.addService(VirtualService.of(IpvsScenario.SCTP, "rr"));
    ipvs.addRealServer(IpvsScenario.WEB6, RealServer.of(IpvsScenario.WEB10, ForwardingMethod.TUNNEL, 6)
        .withTunnel(new Tunnel(Tunnel.Type.GRE, 0, 0)));
    ipvs.addRealServer(IpvsScenario.DNS, RealServer.of(IpvsScenario.DNS8, ForwardingMethod.MASQ, 1));
    ipvs.deleteRealServer(IpvsScenario.MARK, IpvsScenario.MARKED9);
    ipvs.deleteService(IpvsScenario.MARK6);

    assertThat(ipvsadm.calls).containsExactly(
        "-A -t 10.99.203.43:22 -s wlc -p 3600 -M 255.255.255.0",
        "-A -f 6 -6 -s sh -p 60 -M 64",
        "-A --sctp-service 10.0.0.1:9 -s rr",
        "-a -t [2001:db8::1]:80 -r 10.0.0.10:80 -i -w 6 -x 0 -y 0 --tun-type gre --tun-nocsum",
        "-a -u 10.0.0.1:53 -r 10.0.0.8:53 -m -w 1 -x 0 -y 0",
        "-d -f 5 -r 10.0.0.9:0",
        "-D -f 6 -6");
  }

  /** The stderr lines are what ipvsadm 1.31 printed on Linux 6.1 for each refusal. */
  @Test
  void refusals_ipvsadmErrorText_becomesTheSameReasonAsNetlinks() {
    assertRefusal(() -> ipvs.addService(VirtualService.of(IpvsScenario.SSH, "rr")), 255, "Service already exists\n",
        Reason.SERVICE_EXISTS, "cannot add virtual service TCP 10.99.203.43:22: service already exists (ipvsadm: Service already exists)");
    assertRefusal(() -> ipvs.addService(VirtualService.of(IpvsScenario.MISSING, "nope")), 255,
        "Scheduler or persistence engine not found\n", Reason.NO_SUCH_SCHEDULER,
        "cannot add virtual service TCP 10.0.0.2:22: scheduler or persistence engine not found (scheduler \"nope\")");
    assertRefusal(() -> ipvs.addRealServer(IpvsScenario.SSH, RealServer.of(IpvsScenario.NODE5, ForwardingMethod.MASQ, 1)),
        255, "Destination already exists\n", Reason.REAL_SERVER_EXISTS, null);
    assertRefusal(() -> ipvs.addRealServer(IpvsScenario.MISSING, RealServer.of(IpvsScenario.NODE5, ForwardingMethod.MASQ, 1)),
        255, "Service not defined\n", Reason.NO_SUCH_SERVICE, null);
    assertRefusal(() -> ipvs.addRealServer(IpvsScenario.SSH, RealServer.of(IpvsScenario.ABSENT, ForwardingMethod.MASQ, 1)
        .withThresholds(0, 10)), 255, "Numerical result out of range\n", Reason.OUT_OF_RANGE,
        "cannot add real server 10.0.0.99:22 to TCP 10.99.203.43:22: weight or thresholds out of range (lower threshold 10"
            + " above upper threshold 0; 0 means no limit, so both are 0 or lower <= upper)");
    assertRefusal(() -> ipvs.addRealServer(IpvsScenario.WEB6, RealServer.of(IpvsScenario.ABSENT, ForwardingMethod.MASQ, 1)),
        2, "Different address family is allowed only for tunneling servers\n", Reason.INVALID, null);
    assertRefusal(() -> ipvs.editRealServer(IpvsScenario.SSH, RealServer.of(IpvsScenario.ABSENT, ForwardingMethod.MASQ, 1)),
        255, "No such destination\n", Reason.NO_SUCH_REAL_SERVER, null);
    assertRefusal(() -> ipvs.deleteService(IpvsScenario.MISSING), 255, "No such service\n", Reason.NO_SUCH_SERVICE,
        "cannot delete virtual service TCP 10.0.0.2:22: no such service (ipvsadm: No such service)");
    assertRefusal(() -> ipvs.services(), 2,
        "Can't initialize ipvs: Permission denied (you must be root)\nAre you sure that IP Virtual Server is built in the kernel or as module?\n",
        Reason.NOT_PERMITTED, null);
    assertRefusal(() -> ipvs.services(), 2,
        "Can't initialize ipvs: Protocol not available\nAre you sure that IP Virtual Server is built in the kernel or as module?\n",
        Reason.UNAVAILABLE, "cannot list virtual services: IPVS not available: is the ip_vs module loaded? (modprobe ip_vs;"
            + " /proc/net/ip_vs exists when it is) (ipvsadm: Can't initialize ipvs: Protocol not available; Are you sure"
            + " that IP Virtual Server is built in the kernel or as module?)");
    assertRefusal(() -> ipvs.services(), 1, "Memory allocation problem\n", Reason.FAILED,
        "cannot list virtual services: ipvsadm exited 1: Memory allocation problem");
  }

  private interface Call {
    void run() throws IpvsException;
  }

  private void assertRefusal(Call call, int exit, String stderr, Reason reason, String message) {
    ipvsadm.answer(exit, "", stderr);
    IpvsException e = org.assertj.core.api.Assertions.catchThrowableOfType(call::run, IpvsException.class);
    assertThat(e).as("refusal for %s", stderr).isNotNull();
    assertThat(e.reason()).as(stderr).isEqualTo(reason);
    if (message != null) {
      assertThat(e.getMessage()).isEqualTo(message);
    }
  }

  @Test
  void missingProgram_unavailable_namingItAndTheWayOut() {
    ipvsadm.fail(new IOException("Cannot run program \"/usr/sbin/ipvsadm\": error=2, No such file or directory"));

    assertThatThrownBy(ipvs::services).isInstanceOfSatisfying(IpvsException.class, e -> {
      assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
      assertThat(e.getMessage()).startsWith("cannot list virtual services: cannot run /usr/sbin/ipvsadm:")
          .endsWith("(install the ipvsadm package, or use the netlink backend)");
    });
  }

  @Test
  void timeout_isItsOwnReason_namingTheLimit() {
    ipvsadm.fail(new IpvsadmRunner.TimedOut("ipvsadm -Sn still ran after 5000 ms (the ipvsadm time limit); killed it",
        Duration.ofSeconds(5)));

    assertThatThrownBy(ipvs::services).isInstanceOfSatisfying(IpvsException.class, e -> {
      assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
      assertThat(e.getMessage()).isEqualTo("cannot list virtual services: no answer in time: ipvsadm -Sn still ran after"
          + " 5000 ms (the ipvsadm time limit); killed it");
    });
  }

  @Test
  void garbageOutput_failed_namingTheLine() {
    ipvsadm.ok("hello\n");

    assertThatThrownBy(ipvs::services).hasMessage(
        "cannot list virtual services: cannot read ipvsadm's output: ipvsadm -Sn line 1 \"hello\": neither -A nor -a");
  }

  @Test
  void restore_oneRunWithEveryLineOnStdin() throws Exception {
    ipvs.restore(IpvsOperation.listServices(), List.of(
        IpvsadmArgs.realServer("-e", IpvsScenario.SSH, RealServer.of(IpvsScenario.NODE5, ForwardingMethod.MASQ, 3)),
        IpvsadmArgs.realServer("-e", IpvsScenario.SSH, RealServer.of(IpvsScenario.NODE6, ForwardingMethod.ROUTE, 4))));

    assertThat(ipvsadm.calls).containsExactly("-R");
    assertThat(ipvsadm.stdins.get(0)).isEqualTo("-e -t 10.99.203.43:22 -r 10.0.0.5:22 -m -w 3 -x 0 -y 0\n"
        + "-e -t 10.99.203.43:22 -r 10.0.0.6:22 -g -w 4 -x 0 -y 0\n");
  }
}
