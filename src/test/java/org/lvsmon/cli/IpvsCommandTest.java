package org.lvsmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lvsmon.ipvs.Endpoints;
import org.lvsmon.ipvs.ForwardingMethod;
import org.lvsmon.ipvs.IpvsScenario;
import org.lvsmon.ipvs.IpvsTable;
import org.lvsmon.ipvs.ProcNetIpvs;
import org.lvsmon.ipvs.RealServer;
import org.lvsmon.ipvs.ServiceKey;
import org.lvsmon.ipvs.Tunnel;
import org.lvsmon.ipvs.VirtualService;
import org.lvsmon.ipvs.memory.MemoryIpvs;
import picocli.CommandLine;

/** {@code lvsmon ipvs show} in-process; the kernel backends are exercised by IpvsNetlinkSystemIT. */
class IpvsCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void show_memoryBackend_anEmptyTable() {
    assertThat(run("ipvs", "show", "--ipvs", "memory")).isZero();
    assertThat(out.toString()).isEqualTo(IpvsTableText.HEADER);
  }

  @Test
  void show_json_sourceNotesAndServices() throws Exception {
    assertThat(run("ipvs", "show", "--json", "--ipvs", "memory")).isZero();
    JsonNode root = new ObjectMapper().readTree(out.toString());
    assertThat(root.get("source").asText()).isEqualTo("memory");
    assertThat(root.get("services")).isEmpty();
  }

  @Test
  void ipvs_withoutSubcommand_printsUsage_exitTwo() {
    assertThat(run("ipvs")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required subcommand").contains("show");
  }

  @Test
  void show_unknownBackend_isAUsageError() {
    assertThat(run("ipvs", "show", "--ipvs", "ipvsadmin")).isEqualTo(2);
    assertThat(err.toString()).contains("expected one of [AUTO, NETLINK, IPVSADM, MEMORY]");
  }

  @Test
  void text_layoutOfIpvsadm_withThresholdsAndTunnels() throws Exception {
    MemoryIpvs ipvs = new MemoryIpvs();
    ipvs.addService(VirtualService.of(IpvsScenario.SSH, "wlc").persistent(3600).withNetmask(24));
    ipvs.addRealServer(IpvsScenario.SSH, RealServer.of(IpvsScenario.NODE5, ForwardingMethod.MASQ, 7).withThresholds(100, 10));
    ipvs.addRealServer(IpvsScenario.SSH, RealServer.of(IpvsScenario.NODE7, ForwardingMethod.TUNNEL, 2)
        .withTunnel(new Tunnel(Tunnel.Type.GUE, 6080, Tunnel.FLAG_CSUM)));
    ipvs.addService(VirtualService.of(ServiceKey.fwmark6(6), "sh"));
    ipvs.addRealServer(ServiceKey.fwmark6(6), RealServer.of(Endpoints.parse("[2001:db8::9]:0"), ForwardingMethod.ROUTE, 1));

    assertThat(IpvsTableText.format(ipvs.table())).isEqualTo(IpvsTableText.HEADER
        + "TCP  10.99.203.43:22 wlc persistent 3600 mask /24\n"
        + "  -> 10.0.0.7:22                  Tunnel  2      0      0      0          0         gue:6080 csum\n"
        + "  -> 10.0.0.5:22                  Masq    7      100    10     0          0\n"
        + "FWM  6 IPv6 sh\n"
        + "  -> [2001:db8::9]:0              Route   1      0      0      0          0\n");
  }

  @Test
  void text_fromProcNetIpvs_leavesOutTheUnknownTimeout() {
    IpvsTable proc = ProcNetIpvs.parse("TCP  0A000001:0016 wlc persistent 360000 FFFFFF00\n");

    assertThat(IpvsTableText.format(proc)).endsWith("TCP  10.0.0.1:22 wlc persistent mask /24\n");
    assertThat(proc.notes()).isEqualTo(List.of(ProcNetIpvs.NOTE));
  }
}
