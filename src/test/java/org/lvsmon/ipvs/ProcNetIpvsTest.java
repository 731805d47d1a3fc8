package org.lvsmon.ipvs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcNetIpvsTest {
  /** Linux 6.1's /proc/net/ip_vs (trailing spaces as the kernel writes them), after ipvsadm set it up. */
  static final String RECORDED = """
      IP Virtual Server version 1.2.1 (size=4096)
      Prot LocalAddress:Port Scheduler Flags
        -> RemoteAddress:Port Forward Weight ActiveConn InActConn
      TCP  [2001:0db8:0000:0000:0000:0000:0000:0001]:0050 sh persistent 6000 80000000
        -> [2001:0db8:0000:0000:0000:0000:0000:0005]:1F90      Masq    4      0          0         \s
      SCTP  0A000001:0009 rr \s
      TCP  0A000001:0016 wlc  persistent 360000 FFFFFF00
        -> 0A000006:0016      Route   3      0          0         \s
        -> 0A000005:0016      Masq    7      12         3         \s
      UDP  0A000001:0035 rr ops \s
        -> 0A000007:0035      Tunnel  1      0          0         \s
      FWM  00000005 rr\s
        -> 0A000008:0000      Tunnel  2      0          0         \s
      FWM  00000006 rr\s
      """;

  @TempDir Path dir;

  @Test
  void parse_recordedKernelOutput_everyServiceAndRealServerInKernelOrder() {
    IpvsTable t = ProcNetIpvs.parse(RECORDED);

    assertThat(t.source()).isEqualTo("/proc/net/ip_vs");
    assertThat(t.notes()).containsExactly(ProcNetIpvs.NOTE);
    assertThat(t.services()).extracting(e -> TableText.of(e.service())).containsExactly(
        "TCP [2001:db8::1]:80 sched=sh flags=[persistent] timeout=0 netmask=/128 pe=",
        "SCTP 10.0.0.1:9 sched=rr flags=[] timeout=0 netmask=/32 pe=",
        "TCP 10.0.0.1:22 sched=wlc flags=[persistent] timeout=0 netmask=/24 pe=",
        "UDP 10.0.0.1:53 sched=rr flags=[ops] timeout=0 netmask=/32 pe=",
        "FWM 5 sched=rr flags=[] timeout=0 netmask=/32 pe=",
        "FWM 6 sched=rr flags=[] timeout=0 netmask=/32 pe=");
    assertThat(t.services().get(2).realServers()).extracting(TableText::of).containsExactly(
        "10.0.0.6:22 fwd=Route weight=3 upper=0 lower=0 tunnel=-",
        "10.0.0.5:22 fwd=Masq weight=7 upper=0 lower=0 tunnel=-");
    assertThat(t.services().get(2).realServers().get(1).connections()).isEqualTo(new Connections(12, 3, 0));
    assertThat(t.services().get(0).realServers().get(0).name()).isEqualTo("[2001:db8::5]:8080");
  }

  @Test
  void parse_fwmarkService_takesItsFamilyFromItsRealServers() {
    IpvsTable t = ProcNetIpvs.parse("FWM  00000007 rr\n  -> [2001:0db8:0000:0000:0000:0000:0000:0009]:0000      Route   1      0          0\n");

    assertThat(t.services().get(0).service().key()).isEqualTo(ServiceKey.fwmark6(7));
  }

  @Test
  void parse_malformedLine_namesTheLine() {
    assertThatThrownBy(() -> ProcNetIpvs.parse("TCP  0A000001:0016 wlc\n  -> 0A0000:0016 Masq 1 0 0\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("line 2 \"-> 0A0000:0016 Masq 1 0 0\": IPv4 address \"0A0000\" is not 8 hex digits");
    assertThatThrownBy(() -> ProcNetIpvs.parse("  -> 0A000005:0016 Masq 1 0 0\n"))
        .hasMessageContaining("a real server before any service");
    assertThatThrownBy(() -> ProcNetIpvs.parse("TCP  0A000001:0016 wlc persistent\n"))
        .hasMessageStartingWith("line 1 ");
    assertThatThrownBy(() -> ProcNetIpvs.parse("TCP  0A000001:0016 wlc\n  -> 0A000005:0016 Teleport 1 0 0\n"))
        .hasMessageContaining("forwarding method \"Teleport\"");
  }

  @Test
  void read_missingFile_saysTheModuleIsNotLoaded() {
    assertThatThrownBy(() -> ProcNetIpvs.read(dir.resolve("ip_vs"))).isInstanceOf(IpvsException.class)
        .hasMessageContaining("cannot list virtual services: no ").hasMessageEndingWith(
            "ip_vs: the ip_vs module is not loaded (modprobe ip_vs)")
        .extracting(e -> ((IpvsException) e).reason()).isEqualTo(IpvsException.Reason.UNAVAILABLE);
  }

  @Test
  void read_garbage_failsNamingTheFile() throws Exception {
    Path f = Files.writeString(dir.resolve("ip_vs"), "TCP  zz:0016 wlc\n");

    assertThatThrownBy(() -> ProcNetIpvs.read(f)).isInstanceOf(IpvsException.class)
        .hasMessageContaining("cannot list virtual services: " + f + ": line 1");
  }
}
