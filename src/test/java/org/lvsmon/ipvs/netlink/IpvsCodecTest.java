package org.lvsmon.ipvs.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.lvsmon.ipvs.netlink.NetlinkFramingTest.hex;

import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lvsmon.ipvs.AddressFamily;
import org.lvsmon.ipvs.Endpoints;
import org.lvsmon.ipvs.ForwardingMethod;
import org.lvsmon.ipvs.IpvsScenario;
import org.lvsmon.ipvs.RealServer;
import org.lvsmon.ipvs.ServiceKey;
import org.lvsmon.ipvs.TableText;
import org.lvsmon.ipvs.Tunnel;
import org.lvsmon.ipvs.VirtualService;

/**
 * Golden bytes of every request lvsmon sends (seq 1, port id 4242, IPVS family id 28), and the
 * decoding of replies recorded from Linux 6.1.
 */
class IpvsCodecTest {
  private static final int FAMILY = 28;
  private static final String HEADER_TAIL = "01000000 92100000"; // seq 1, pid 4242

  @BeforeEach
  void littleEndian() {
    assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "golden bytes are written for little-endian hosts");
  }

  private static byte[] bytes(NetlinkMessage request) {
    return Netlink.encode(request.addressed(1, 4242));
  }

  @Test
  void getFamily_ctrlGetfamilyWithTheName_acked() {
    assertThat(bytes(GenericNetlink.getFamily("IPVS"))).isEqualTo(hex("20000000 1000 0500" + HEADER_TAIL
        + "03010000" + "0900 0200 49505653 00000000"));
  }

  @Test
  void familyId_fromTheControllersReply() {
    NetlinkMessage reply = new NetlinkMessage(0x10, 0, 1, 4242, hex("01020000" + "0900 0200 49505653 00000000"
        + "0600 0100 1c00 0000"));

    assertThat(GenericNetlink.familyId(reply)).isEqualTo(28);
  }

  @Test
  void dumpServices_getServiceWithDumpFlags_noAttributes() {
    assertThat(bytes(IpvsCodec.dumpServices(FAMILY))).isEqualTo(hex("14000000 1c00 0103" + HEADER_TAIL + "04010000"));
  }

  @Test
  void newService_everySetting_ipv4NetmaskInNetworkOrder() {
    VirtualService ssh = VirtualService.of(IpvsScenario.SSH, "wlc").persistent(3600).withNetmask(24);

    assertThat(bytes(IpvsCodec.newService(FAMILY, ssh))).isEqualTo(hex("5c000000 1c00 0500" + HEADER_TAIL + "01010000"
        + "4800 0100" + "0600 0100 0200 0000" + "0600 0200 0600 0000" + "0800 0300 0a63cb2b" + "0600 0400 0016 0000"
        + "0800 0600 776c6300" + "0c00 0700 01000000 ffffffff" + "0800 0800 100e0000" + "0800 0900 ffffff00"));
  }

  @Test
  void setRealServer_fullEntry_forwardingThresholdsAndTunnelSent() {
    RealServer node7 = RealServer.of(IpvsScenario.NODE7, ForwardingMethod.TUNNEL, 17).withThresholds(40, 0)
        .withTunnel(new Tunnel(Tunnel.Type.GUE, 6080, Tunnel.FLAG_CSUM));

    assertThat(bytes(IpvsCodec.setRealServer(FAMILY, IpvsScenario.SSH, node7))).isEqualTo(hex("8c000000 1c00 0500"
        + HEADER_TAIL + "06010000"
        + "2400 0100" + "0600 0100 0200 0000" + "0600 0200 0600 0000" + "0800 0300 0a63cb2b" + "0600 0400 0016 0000"
        + "5400 0200" + "0800 0100 0a000007" + "0600 0200 0016 0000" + "0600 0b00 0200 0000" + "0800 0300 02000000"
        + "0800 0400 11000000" + "0800 0500 28000000" + "0800 0600 00000000" + "0500 0d00 01000000"
        + "0600 0e00 17c0 0000" + "0600 0f00 0100 0000"));
  }

  @Test
  void deleteRealServer_fwmarkIpv6_addressAndPortOnly() {
    assertThat(bytes(IpvsCodec.deleteRealServer(FAMILY, ServiceKey.fwmark6(6), Endpoints.parseAddress("2001:db8::9"), 0)))
        .isEqualTo(hex("50000000 1c00 0500" + HEADER_TAIL + "07010000"
            + "1400 0100" + "0600 0100 0a00 0000" + "0800 0500 06000000"
            + "2800 0200" + "1400 0100 20010db8000000000000000000000009" + "0600 0200 0000 0000" + "0600 0b00 0a00 0000"));
  }

  @Test
  void dumpRealServers_carriesTheServiceKey_ipv6() {
    assertThat(bytes(IpvsCodec.dumpRealServers(FAMILY, IpvsScenario.WEB6))).isEqualTo(hex("44000000 1c00 0103" + HEADER_TAIL
        + "08010000" + "3000 0100" + "0600 0100 0a00 0000" + "0600 0200 0600 0000"
        + "1400 0300 20010db8000000000000000000000001" + "0600 0400 0050 0000"));
  }

  @Test
  void deleteService_andGetService_keyOnly() {
    assertThat(bytes(IpvsCodec.deleteService(FAMILY, ServiceKey.fwmark(5)))).isEqualTo(hex("28000000 1c00 0500"
        + HEADER_TAIL + "03010000" + "1400 0100" + "0600 0100 0200 0000" + "0800 0500 05000000"));
    assertThat(bytes(IpvsCodec.getService(FAMILY, ServiceKey.fwmark(5)))).isEqualTo(hex("28000000 1c00 0500"
        + HEADER_TAIL + "04010000" + "1400 0100" + "0600 0100 0200 0000" + "0800 0500 05000000"));
  }

  @Test
  void recordedServiceDump_decodesEveryKindOfService() {
    List<String> services = Recorded.replies("service").stream().map(r -> TableText.of(IpvsCodec.service(r.message())))
        .toList();

    assertThat(Recorded.familyId()).isEqualTo(28);
    assertThat(services).containsExactly(
        "SCTP 10.0.0.1:9 sched=rr flags=[] timeout=0 netmask=/32 pe=",
        "TCP [2001:db8::1]:80 sched=wrr flags=[] timeout=0 netmask=/128 pe=",
        "UDP 10.0.0.1:53 sched=rr flags=[ops] timeout=0 netmask=/32 pe=",
        "TCP 10.99.203.43:22 sched=wlc flags=[persistent] timeout=3600 netmask=/24 pe=",
        "FWM 5 sched=rr flags=[] timeout=0 netmask=/32 pe=",
        "FWM 6 IPv6 sched=sh flags=[persistent] timeout=60 netmask=/64 pe=");
  }

  @Test
  void recordedDestDump_decodesForwardingThresholdsTunnelsAndMixedFamilies() {
    List<String> dests = Recorded.replies("dest").stream().map(r -> r.service() + " -> " + TableText.of(
        IpvsCodec.realServer(r.message(), AddressFamily.INET))).toList();

    assertThat(dests).containsExactly(
        "TCP [2001:db8::1]:80 -> 10.0.0.10:80 fwd=Tunnel weight=6 upper=0 lower=0 tunnel=GRE/0/0",
        "TCP [2001:db8::1]:80 -> [2001:db8::5]:8080 fwd=Masq weight=4 upper=20 lower=0 tunnel=IPIP/0/0",
        "UDP 10.0.0.1:53 -> 10.0.0.8:53 fwd=Masq weight=1 upper=0 lower=0 tunnel=IPIP/0/0",
        "TCP 10.99.203.43:22 -> 10.0.0.7:22 fwd=Tunnel weight=2 upper=40 lower=0 tunnel=GUE/6080/1",
        "TCP 10.99.203.43:22 -> 10.0.0.6:22 fwd=Route weight=3 upper=0 lower=0 tunnel=IPIP/0/0",
        "TCP 10.99.203.43:22 -> 10.0.0.5:22 fwd=Masq weight=7 upper=100 lower=10 tunnel=IPIP/0/0",
        "FWM 5 -> 10.0.0.9:0 fwd=Route weight=4 upper=50 lower=5 tunnel=IPIP/0/0",
        "FWM 6 IPv6 -> [2001:db8::9]:0 fwd=Route weight=1 upper=0 lower=0 tunnel=IPIP/0/0");
  }

  @Test
  void serviceReply_withoutTheServiceNest_namesWhatIsMissing() {
    NetlinkMessage reply = new NetlinkMessage(FAMILY, 2, 1, 4242, hex("01010000"));

    assertThatThrownBy(() -> IpvsCodec.service(reply)).isInstanceOf(NetlinkFormatException.class)
        .hasMessage("IPVS service reply: attribute 1 missing");
  }

  @Test
  void destReply_unknownForwardingMethod_isAFormatError() {
    NetlinkMessage reply = new NetlinkMessage(FAMILY, 2, 1, 4242, hex("05010000" + "2c00 0200" + "0800 0100 0a000005"
        + "0600 0200 0016 0000" + "0800 0300 04000000" + "0800 0400 01000000" + "0800 0500 00000000"));

    assertThatThrownBy(() -> IpvsCodec.realServer(reply, AddressFamily.INET)).isInstanceOf(NetlinkFormatException.class)
        .hasMessageContaining("IPVS real server reply: forwarding method 4 is not one of");
  }
}
