package org.lvsmon.ipvs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EndpointsTest {
  @Test
  void format_ipv6_isRfc5952ShortForm_asIpvsadmPrintsIt() {
    assertThat(Endpoints.format(Endpoints.parseAddress("2001:0db8:0000:0000:0000:0000:0000:0001"))).isEqualTo("2001:db8::1");
    assertThat(Endpoints.format(Endpoints.parseAddress("2001:db8:0:1:0:0:0:1"))).isEqualTo("2001:db8:0:1::1");
    assertThat(Endpoints.format(Endpoints.parseAddress("2001:db8:0:1:1:1:1:1"))).isEqualTo("2001:db8:0:1:1:1:1:1");
    assertThat(Endpoints.format(Endpoints.parseAddress("::"))).isEqualTo("::");
    // equal runs: the first is shortened (RFC 5952 4.2.3)
    assertThat(Endpoints.format(Endpoints.parseAddress("fe80:0:0:0:1:0:0:0"))).isEqualTo("fe80::1:0:0:0");
  }

  @Test
  void format_withPort_bracketsIpv6Only() {
    assertThat(Endpoints.format(Endpoints.parse("10.0.0.5:22"))).isEqualTo("10.0.0.5:22");
    assertThat(Endpoints.format(Endpoints.parse("[2001:db8::5]:8080"))).isEqualTo("[2001:db8::5]:8080");
  }

  @Test
  void parse_hostName_isRefusedWithoutAskingDns() {
    assertThatThrownBy(() -> Endpoints.parse("login.example.org:22")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"login.example.org\" is not an IPv4 or IPv6 address literal");
    assertThatThrownBy(() -> Endpoints.parse("10.0.0.1:99999")).hasMessageContaining("99999 out of range 0..65535");
    assertThatThrownBy(() -> Endpoints.parse("2001:db8::1:80")).hasMessageContaining("[ADDRESS]:PORT");
  }

  @Test
  void serviceKey_namesAsIpvsadmDoes() {
    assertThat(ServiceKey.tcp("10.0.0.1", 22)).hasToString("TCP 10.0.0.1:22");
    assertThat(ServiceKey.udp("2001:db8::1", 53)).hasToString("UDP [2001:db8::1]:53");
    assertThat(ServiceKey.fwmark(5)).hasToString("FWM 5");
    assertThat(ServiceKey.fwmark6(-1)).hasToString("FWM 4294967295 IPv6");
    assertThatThrownBy(() -> ServiceKey.fwmark(0)).hasMessageContaining("firewall mark 0 means no mark");
  }

  @Test
  void virtualService_netmaskOutsideTheFamily_isRefused() {
    assertThatThrownBy(() -> VirtualService.of(ServiceKey.tcp("10.0.0.1", 22), "wlc").withNetmask(33))
        .hasMessage("netmask of TCP 10.0.0.1:22 is /33; IPv4 takes /0../32");
    assertThatThrownBy(() -> VirtualService.of(ServiceKey.fwmark6(1), "wlc").withNetmask(0))
        .hasMessage("netmask of FWM 1 IPv6 is /0; IPv6 takes /1../128");
    assertThatThrownBy(() -> VirtualService.of(ServiceKey.tcp("10.0.0.1", 22), "weighted-least-conn"))
        .hasMessageContaining("is not a name of 1..15 letters");
  }
}
