package org.lvsmon.ipvs.ipvsadm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lvsmon.ipvs.AddressFamily;
import org.lvsmon.ipvs.IpvsTable;
import org.lvsmon.ipvs.RealServer;
import org.lvsmon.ipvs.TableText;
import org.lvsmon.ipvs.VirtualService;

/** The parsers on listings recorded from ipvsadm 1.31 on Linux 6.1 (recorded-listings.txt). */
class IpvsadmTextTest {
  private final Map<String, String> recorded = Recorded.sections();

  private IpvsTable recordedTable() {
    return IpvsadmText.table(recorded.get("Sn"), recorded.get("Ln-thresholds"), recorded.get("Ln-persistent"));
  }

  @Test
  void table_fromThreeRecordedListings_everySettingOfEveryKindOfService() {
    assertThat(TableText.of(recordedTable())).isEqualTo(""
        + "FWM 5 sched=rr flags=[] timeout=0 netmask=/32 pe=\n"
        + "  10.0.0.12:0 fwd=Route weight=4 upper=0 lower=0 tunnel=-\n"
        + "  10.0.0.9:0 fwd=Route weight=4 upper=50 lower=5 tunnel=-\n"
        + "FWM 6 IPv6 sched=sh flags=[flag-2, persistent] timeout=60 netmask=/64 pe=\n"
        + "  [2001:db8::9]:0 fwd=Route weight=1 upper=0 lower=0 tunnel=-\n"
        + "SCTP 10.0.0.1:9 sched=rr flags=[] timeout=0 netmask=/32 pe=\n"
        + "TCP 10.0.0.3:5060 sched=rr flags=[persistent] timeout=30 netmask=/32 pe=sip\n"
        + "TCP 10.0.0.4:80 sched=wrr flags=[flag-1, flag-2] timeout=0 netmask=/32 pe=\n"
        + "TCP 10.99.203.43:22 sched=wlc flags=[persistent] timeout=3600 netmask=/24 pe=\n"
        + "  10.0.0.11:22 fwd=Tunnel weight=2 upper=0 lower=0 tunnel=IPIP/0/0\n"
        + "  10.0.0.5:22 fwd=Masq weight=7 upper=100 lower=10 tunnel=-\n"
        + "  10.0.0.6:22 fwd=Route weight=3 upper=0 lower=0 tunnel=-\n"
        + "  10.0.0.7:22 fwd=Tunnel weight=2 upper=40 lower=0 tunnel=GUE/6080/1\n"
        + "TCP [2001:db8::1]:80 sched=wrr flags=[] timeout=0 netmask=/128 pe=\n"
        + "  10.0.0.10:80 fwd=Tunnel weight=6 upper=0 lower=0 tunnel=GRE/0/0\n"
        + "  [2001:db8::5]:8080 fwd=Masq weight=4 upper=20 lower=0 tunnel=-\n"
        + "UDP 10.0.0.1:53 sched=rr flags=[ops] timeout=0 netmask=/32 pe=\n"
        + "  10.0.0.8:53 fwd=Masq weight=1 upper=0 lower=0 tunnel=-\n");
    assertThat(recordedTable().source()).isEqualTo("ipvsadm");
  }

  @Test
  void table_keepsTheKernelsOrder_addressServicesThenFwmarks() {
    assertThat(recordedTable().services().stream().map(e -> e.service().key().toString()).toList()).containsExactly(
        "TCP 10.0.0.3:5060", "TCP 10.0.0.4:80", "TCP 10.99.203.43:22", "UDP 10.0.0.1:53", "SCTP 10.0.0.1:9",
        "TCP [2001:db8::1]:80", "FWM 5", "FWM 6 IPv6");
    assertThat(recordedTable().services().get(2).realServers().stream().map(RealServer::name))
        .containsExactly("10.0.0.5:22", "10.0.0.6:22", "10.0.0.7:22", "10.0.0.11:22");
  }

  @Test
  void table_connectionCounts_fromThresholdAndPersistentListings() {
    String thresholds = "TCP  10.0.0.1:22 wlc\n  -> 10.0.0.5:22                  0          0          12         4294967295\n";
    String persistent = "TCP  10.0.0.1:22 wlc\n  -> 10.0.0.5:22                  7         3           12         4294967295\n";
    IpvsTable t = IpvsadmText.table("-A -t 10.0.0.1:22 -s wlc\n-a -t 10.0.0.1:22 -r 10.0.0.5:22 -m -w 7\n", thresholds, persistent);

    RealServer r = t.services().get(0).realServers().get(0);
    assertThat(r.connections().active()).isEqualTo(12);
    assertThat(r.connections().inactive()).isEqualTo(4294967295L);
    assertThat(r.connections().persistent()).isEqualTo(3);
  }

  @Test
  void table_realServerMissingFromAListing_zeroThresholds_notAnError() {
    IpvsTable t = IpvsadmText.table("-A -t 10.0.0.1:22 -s wlc\n-a -t 10.0.0.1:22 -r 10.0.0.5:22 -m -w 7\n", "", "");

    assertThat(t.services().get(0).realServers().get(0).upperThreshold()).isZero();
  }

  @Test
  void save_emptyTable_noServices() {
    assertThat(IpvsadmText.save("")).isEmpty();
    assertThat(IpvsadmText.listing("IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags\n"
        + "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n")).isEmpty();
  }

  @Test
  void save_garbage_namesTheLineAndWhatWasWrong() {
    assertThatThrownBy(() -> IpvsadmText.save("-A -t 10.0.0.1:22 -s wlc\n-X -t 10.0.0.1:22\n"))
        .hasMessage("ipvsadm -Sn line 2 \"-X -t 10.0.0.1:22\": neither -A nor -a");
    assertThatThrownBy(() -> IpvsadmText.save("-a -t 10.0.0.1:22 -r 10.0.0.5:22 -m -w 1\n"))
        .hasMessageContaining("line 1").hasMessageContaining("before the service");
    assertThatThrownBy(() -> IpvsadmText.save("-A -t 10.0.0.1:22 -s\n")).hasMessageContaining("a value was expected");
    assertThatThrownBy(() -> IpvsadmText.save("-A -t 10.0.0.1:22 -s wlc -Z\n")).hasMessageContaining("unknown service option \"-Z\"");
    assertThatThrownBy(() -> IpvsadmText.listing("TCP  10.0.0.1:22 wlc\n  -> 10.0.0.5:22  Masq 1 0 0 0\n"))
        .hasMessageContaining("ipvsadm -Ln line 2").hasMessageContaining("four numbers");
    assertThatThrownBy(() -> IpvsadmText.listing("  -> 10.0.0.5:22 0 0 0 0\n")).hasMessageContaining("before any service");
  }

  @Test
  void netmask_dottedForIpv4_prefixForIpv6_andNonPrefixRefused() {
    assertThat(IpvsadmText.netmaskBits(AddressFamily.INET, "255.255.255.0")).isEqualTo(24);
    assertThat(IpvsadmText.netmaskBits(AddressFamily.INET, "0.0.0.0")).isZero();
    assertThat(IpvsadmText.netmaskBits(AddressFamily.INET6, "64")).isEqualTo(64);
    assertThatThrownBy(() -> IpvsadmText.netmaskBits(AddressFamily.INET, "255.0.255.0")).hasMessageContaining("not a prefix");
  }

  @Test
  void args_ofEverySavedLine_printBackAsIpvsadmSavedIt() {
    List<String> lines = recorded.get("Sn").lines().toList();
    StringBuilder rebuilt = new StringBuilder();
    for (Map.Entry<VirtualService, List<RealServer>> e : IpvsadmText.save(recorded.get("Sn")).entrySet()) {
      rebuilt.append(String.join(" ", IpvsadmArgs.addService(e.getKey()))).append('\n');
      for (RealServer r : e.getValue()) {
        // -S prints no thresholds; the arguments always carry them
        rebuilt.append(String.join(" ", IpvsadmArgs.realServer("-a", e.getKey().key(), r)).replace(" -x 0 -y 0", ""))
            .append('\n');
      }
    }
    assertThat(rebuilt.toString().lines().toList())
        .isEqualTo(lines.stream().map(l -> l.replace("-b sh-port", "-b flag-2")).toList());
  }
}
