package org.lvsmon.ipvs.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lvsmon.ipvs.Connections;
import org.lvsmon.ipvs.Endpoints;
import org.lvsmon.ipvs.ForwardingMethod;
import org.lvsmon.ipvs.IpvsException;
import org.lvsmon.ipvs.IpvsScenario;
import org.lvsmon.ipvs.RealServer;
import org.lvsmon.ipvs.ServiceKey;
import org.lvsmon.ipvs.TableText;
import org.lvsmon.ipvs.Tunnel;
import org.lvsmon.ipvs.VirtualService;

/** The memory backend alone; IpvsNetlinkSystemIT proves it gives the kernel's answers to the same script. */
class MemoryIpvsTest {
  private final MemoryIpvs ipvs = new MemoryIpvs();
  private final ServiceKey ssh = ServiceKey.tcp("10.99.203.43", 22);

  @Test
  void scenario_refusalsCarryTheKernelsReasonAndName() {
    Map<String, String> t = new IpvsScenario(ipvs, (name, transcript) -> { }).run();

    assertThat(t.get("error-set-weight-no-real-server"))
        .isEqualTo("NO_SUCH_REAL_SERVER: cannot set weight of 10.0.0.99:22 in TCP 10.99.203.43:22: no such real server");
    assertThat(t.get("error-add-service-exists")).startsWith("SERVICE_EXISTS: ");
    assertThat(t.get("error-add-real-server-lower-above-upper")).startsWith("OUT_OF_RANGE: ");
    assertThat(t.get("error-add-real-server-gue-without-port")).startsWith("INVALID: ");
    assertThat(t.get("delete-all")).isEqualTo("ok 0");
  }

  @Test
  void setWeight_keepsEverythingElse_andReturnsThePrevious() throws Exception {
    ipvs.addService(VirtualService.of(ssh, "wlc"));
    RealServer node = RealServer.of(Endpoints.parse("10.0.0.7:22"), ForwardingMethod.TUNNEL, 2).withThresholds(40, 4)
        .withTunnel(new Tunnel(Tunnel.Type.GUE, 6080, Tunnel.FLAG_CSUM));
    ipvs.addRealServer(ssh, node);

    RealServer before = ipvs.setWeight(ssh, node.endpoint(), 9);

    assertThat(before.weight()).isEqualTo(2);
    assertThat(ipvs.realServers(ssh)).extracting(TableText::of)
        .containsExactly("10.0.0.7:22 fwd=Tunnel weight=9 upper=40 lower=4 tunnel=GUE/6080/1");
  }

  @Test
  void realServers_newestFirst_andTunnelDefaultsReported_asTheKernelLists() throws Exception {
    ipvs.addService(VirtualService.of(ssh, "wlc"));
    ipvs.addRealServer(ssh, RealServer.of(Endpoints.parse("10.0.0.5:22"), ForwardingMethod.MASQ, 1));
    ipvs.addRealServer(ssh, RealServer.of(Endpoints.parse("10.0.0.6:22"), ForwardingMethod.ROUTE, 1));

    assertThat(ipvs.realServers(ssh)).extracting(TableText::of).containsExactly(
        "10.0.0.6:22 fwd=Route weight=1 upper=0 lower=0 tunnel=IPIP/0/0",
        "10.0.0.5:22 fwd=Masq weight=1 upper=0 lower=0 tunnel=IPIP/0/0");
  }

  @Test
  void services_addressServicesBeforeFwmarkServices() throws Exception {
    ipvs.addService(VirtualService.of(ServiceKey.fwmark(5), "rr"));
    ipvs.addService(VirtualService.of(ssh, "wlc"));

    assertThat(ipvs.services()).extracting(v -> v.key().toString()).containsExactly("TCP 10.99.203.43:22", "FWM 5");
  }

  @Test
  void addService_unknownScheduler_namesIt() {
    assertThatThrownBy(() -> ipvs.addService(VirtualService.of(ssh, "wlcc")))
        .isInstanceOf(IpvsException.class)
        .hasMessage("cannot add virtual service TCP 10.99.203.43:22: scheduler or persistence engine not found"
            + " (scheduler \"wlcc\")");
  }

  @Test
  void setConnections_isReportedAndKeptAcrossAnEdit_andNeedsAnExistingRealServer() throws Exception {
    ipvs.addService(VirtualService.of(ssh, "wlc"));
    RealServer node = RealServer.of(Endpoints.parse("10.0.0.7:22"), ForwardingMethod.ROUTE, 5);
    ipvs.addRealServer(ssh, node);

    ipvs.setConnections(ssh, node.endpoint(), new Connections(3, 7, 1));
    ipvs.setWeight(ssh, node.endpoint(), 0);

    assertThat(ipvs.realServers(ssh)).extracting(RealServer::connections).containsExactly(new Connections(3, 7, 1));
    assertThatThrownBy(() -> ipvs.setConnections(ssh, Endpoints.parse("10.0.0.8:22"), Connections.NONE))
        .isInstanceOf(IpvsException.class).hasMessageContaining("no such real server");
  }
}
