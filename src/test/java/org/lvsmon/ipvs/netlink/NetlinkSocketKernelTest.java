package org.lvsmon.ipvs.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.lvsmon.ipvs.IpvsException;
import org.lvsmon.ipvs.IpvsException.Reason;

/**
 * The JNA socket against this machine's own kernel, through the generic netlink controller, which
 * every Linux kernel has and which needs no privilege (IPVS itself is tested in
 * IpvsNetlinkSystemIT, under a kernel that has it).
 */
@Tag("kernel")
class NetlinkSocketKernelTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  @Test
  void controller_resolvesItsOwnFamily_repeatedly_onOneSocket() throws Exception {
    try (NetlinkSocket socket = NetlinkSocket.open(GenericNetlink.NETLINK_GENERIC, TIMEOUT)) {
      for (int i = 0; i < 3; i++) {
        assertThat(GenericNetlink.familyId(socket.exchange(GenericNetlink.getFamily("nlctrl")).get(0)))
            .isEqualTo(GenericNetlink.GENL_ID_CTRL);
      }
      assertThat(socket.pid()).isNotZero();
    }
  }

  @Test
  void unknownFamily_isUnavailable_withTheModuleHint() {
    assertThatThrownBy(() -> NetlinkIpvs.open("LVSMON_NONE", TIMEOUT)).isInstanceOf(IpvsException.class)
        .hasMessage("cannot open the IPVS table: the kernel has no generic netlink family \"LVSMON_NONE\": is the"
            + " ip_vs module loaded? (modprobe ip_vs; /proc/net/ip_vs exists when it is)")
        .extracting(e -> ((IpvsException) e).reason()).isEqualTo(Reason.UNAVAILABLE);
  }

  @Test
  void requestWithoutAckOrDump_isRefusedBeforeSending() throws Exception {
    try (NetlinkSocket socket = NetlinkSocket.open(GenericNetlink.NETLINK_GENERIC, TIMEOUT)) {
      NetlinkMessage noAck = new NetlinkMessage(GenericNetlink.GENL_ID_CTRL, Netlink.NLM_F_REQUEST, 0, 0, new byte[4]);

      assertThatThrownBy(() -> socket.exchange(noAck)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("without NLM_F_ACK or NLM_F_DUMP");
    }
  }

  @Test
  void zeroTimeout_wouldMeanNoLimit_isRefused() {
    assertThatThrownBy(() -> NetlinkSocket.open(GenericNetlink.NETLINK_GENERIC, Duration.ZERO))
        .hasMessage("netlink socket timeout PT0S must be at least 1 ms");
  }

  @Test
  void closedSocket_refusesFurtherExchanges() throws Exception {
    NetlinkSocket socket = NetlinkSocket.open(GenericNetlink.NETLINK_GENERIC, TIMEOUT);
    socket.close();
    socket.close();

    assertThatThrownBy(() -> socket.exchange(GenericNetlink.getFamily("nlctrl"))).hasMessage("netlink socket is closed");
  }
}
