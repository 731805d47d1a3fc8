package org.lvsmon.ipvs.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.SocketTimeoutException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lvsmon.ipvs.AddressFamily;
import org.lvsmon.ipvs.Endpoints;
import org.lvsmon.ipvs.ForwardingMethod;
import org.lvsmon.ipvs.IpvsException;
import org.lvsmon.ipvs.IpvsException.Reason;
import org.lvsmon.ipvs.IpvsScenario;
import org.lvsmon.ipvs.RealServer;
import org.lvsmon.ipvs.VirtualService;

/** The netlink backend against a scripted kernel: what it sends, and what each refusal becomes. */
class NetlinkIpvsTest {
  private final ScriptedKernel kernel = new ScriptedKernel();

  private NetlinkIpvs open() throws IpvsException {
    return NetlinkIpvs.over(kernel.thenFamily(), "IPVS");
  }

  private static NetlinkMessage recordedDest(String address) {
    return Recorded.replies("dest").stream().map(Recorded.Reply::message)
        .filter(m -> IpvsCodec.realServer(m, AddressFamily.INET).name().equals(address))
        .findFirst().orElseThrow();
  }

  @Test
  void open_resolvesTheFamilyByName() throws Exception {
    NetlinkIpvs ipvs = open();

    assertThat(ipvs.familyId()).isEqualTo(28);
    assertThat(kernel.requests.get(0)).isEqualTo(GenericNetlink.getFamily("IPVS"));
  }

  @Test
  void open_familyMissingOnce_triesAgain_asAfterTheKernelLoadedIpVs() throws Exception {
    kernel.thenRefuse(Errno.ENOENT);

    assertThat(open().familyId()).isEqualTo(28);
    assertThat(kernel.requests).hasSize(2);
  }

  @Test
  void open_familyMissing_saysTheModuleIsNotLoaded_andClosesTheSocket() {
    kernel.thenRefuse(Errno.ENOENT).thenRefuse(Errno.ENOENT);

    assertThatThrownBy(() -> NetlinkIpvs.over(kernel, "IPVS")).isInstanceOf(IpvsException.class)
        .hasMessage("cannot open the IPVS table: the kernel has no generic netlink family \"IPVS\": is the ip_vs module"
            + " loaded? (modprobe ip_vs; /proc/net/ip_vs exists when it is)")
        .extracting(e -> ((IpvsException) e).reason()).isEqualTo(Reason.UNAVAILABLE);
    assertThat(kernel.closed).isTrue();
  }

  @Test
  void open_noAnswer_isATimeoutNamingTheLimit() {
    kernel.then(request -> {
      throw new SocketTimeoutException("netlink recv: no progress within the socket timeout of 5000 ms");
    });

    assertThatThrownBy(() -> NetlinkIpvs.over(kernel, "IPVS"))
        .hasMessage("cannot open the IPVS table: no answer in time: netlink recv: no progress within the socket timeout"
            + " of 5000 ms")
        .extracting(e -> ((IpvsException) e).reason()).isEqualTo(Reason.TIMEOUT);
  }

  @Test
  void setWeight_readsTheRealServer_andResendsItsForwardingThresholdsAndTunnel() throws Exception {
    NetlinkIpvs ipvs = open();
    kernel.thenReply(recordedDest("10.0.0.7:22"), recordedDest("10.0.0.5:22")).thenReply();

    RealServer before = ipvs.setWeight(IpvsScenario.SSH, IpvsScenario.NODE7, 99);

    assertThat(before.weight()).isEqualTo(2);
    assertThat(kernel.command(1)).isEqualTo(IpvsCodec.CMD_GET_DEST);
    assertThat(kernel.command(2)).isEqualTo(IpvsCodec.CMD_SET_DEST);
    Attributes dest = GenericNetlink.decode(kernel.requests.get(2), "sent").attributes().nested(IpvsCodec.ATTR_DEST, "dest");
    assertThat(dest.u32(IpvsCodec.DEST_WEIGHT)).isEqualTo(99);
    assertThat(dest.u32(IpvsCodec.DEST_FWD_METHOD)).isEqualTo(ForwardingMethod.TUNNEL.number());
    assertThat(dest.u32(IpvsCodec.DEST_U_THRESH)).isEqualTo(40);
    assertThat(dest.u32(IpvsCodec.DEST_L_THRESH)).isZero();
    assertThat(dest.u8(IpvsCodec.DEST_TUN_TYPE)).isEqualTo(1);
    assertThat(dest.be16(IpvsCodec.DEST_TUN_PORT)).isEqualTo(6080);
    assertThat(dest.u16(IpvsCodec.DEST_TUN_FLAGS)).isEqualTo(1);
  }

  @Test
  void setWeight_unknownRealServer_sendsNothing() throws Exception {
    NetlinkIpvs ipvs = open();
    kernel.thenReply(recordedDest("10.0.0.5:22"));

    assertThatThrownBy(() -> ipvs.setWeight(IpvsScenario.SSH, IpvsScenario.ABSENT, 1))
        .hasMessage("cannot set weight of 10.0.0.99:22 in TCP 10.99.203.43:22: no such real server");
    assertThat(kernel.requests).hasSize(2);
  }

  @Test
  void realServers_emptyDump_thenEsrch_isNoSuchService() throws Exception {
    NetlinkIpvs ipvs = open();
    kernel.thenReply().thenRefuse(Errno.ESRCH);

    assertThatThrownBy(() -> ipvs.realServers(IpvsScenario.MISSING))
        .hasMessage("cannot list real servers of TCP 10.0.0.2:22: no such service");
    assertThat(kernel.command(2)).isEqualTo(IpvsCodec.CMD_GET_SERVICE);
  }

  @Test
  void realServers_emptyDumpOfAnExistingService_isEmpty() throws Exception {
    NetlinkIpvs ipvs = open();
    kernel.thenReply().thenReply(Recorded.replies("service").get(0).message());

    assertThat(ipvs.realServers(IpvsScenario.SCTP)).isEmpty();
  }

  @Test
  void eperm_isMissingCapNetAdmin() throws Exception {
    NetlinkIpvs ipvs = open();
    kernel.thenRefuse(Errno.EPERM);

    assertThatThrownBy(ipvs::services).hasMessageStartingWith("cannot list virtual services: permission denied: IPVS"
        + " netlink needs CAP_NET_ADMIN, to read as well as to write")
        .extracting(e -> ((IpvsException) e).reason()).isEqualTo(Reason.NOT_PERMITTED);
  }

  @Test
  void eexist_isServiceOrRealServerExists_byWhatWasAdded() throws Exception {
    NetlinkIpvs ipvs = open();
    kernel.thenRefuse(Errno.EEXIST).thenRefuse(Errno.EEXIST);

    assertThatThrownBy(() -> ipvs.addService(VirtualService.of(IpvsScenario.SSH, "wlc")))
        .hasMessage("cannot add virtual service TCP 10.99.203.43:22: service already exists");
    assertThatThrownBy(() -> ipvs.addRealServer(IpvsScenario.SSH,
        RealServer.of(Endpoints.parse("10.0.0.5:22"), ForwardingMethod.MASQ, 1)))
        .hasMessage("cannot add real server 10.0.0.5:22 to TCP 10.99.203.43:22: real server already exists");
  }

  @Test
  void enoent_whenAddingAService_isTheScheduler() throws Exception {
    NetlinkIpvs ipvs = open();
    kernel.thenRefuse(Errno.ENOENT);

    assertThatThrownBy(() -> ipvs.addService(VirtualService.of(IpvsScenario.MISSING, "nope")))
        .hasMessage("cannot add virtual service TCP 10.0.0.2:22: scheduler or persistence engine not found"
            + " (scheduler \"nope\")")
        .hasCauseInstanceOf(NetlinkErrnoException.class);
  }

  @Test
  void unexpectedErrno_isNamed() throws Exception {
    NetlinkIpvs ipvs = open();
    kernel.thenRefuse(16);

    assertThatThrownBy(() -> ipvs.deleteService(IpvsScenario.SSH))
        .hasMessage("cannot delete virtual service TCP 10.99.203.43:22: the kernel answered EBUSY (errno 16)")
        .extracting(e -> ((IpvsException) e).reason()).isEqualTo(Reason.FAILED);
  }

  @Test
  void malformedReply_isAFailureNamingTheDefect() throws Exception {
    NetlinkIpvs ipvs = open();
    kernel.thenReply(new NetlinkMessage(28, 2, 0, 0, new byte[] {1}));

    assertThatThrownBy(ipvs::services).hasMessage("cannot list virtual services: malformed reply from the kernel: IPVS"
        + " service reply: generic netlink payload of 1 bytes, the header needs 4");
  }

  @Test
  void services_decodesEachReply() throws Exception {
    NetlinkIpvs ipvs = open();
    kernel.thenReply(Recorded.replies("service").stream().map(Recorded.Reply::message).toArray(NetlinkMessage[]::new));

    assertThat(ipvs.services()).extracting(v -> v.key().toString()).containsExactly("SCTP 10.0.0.1:9",
        "TCP [2001:db8::1]:80", "UDP 10.0.0.1:53", "TCP 10.99.203.43:22", "FWM 5", "FWM 6 IPv6");
    assertThat(List.of(kernel.command(1))).containsExactly(IpvsCodec.CMD_GET_SERVICE);
  }
}
