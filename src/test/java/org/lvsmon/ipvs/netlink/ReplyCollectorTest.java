package org.lvsmon.ipvs.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ReplyCollectorTest {
  private static final int SEQ = 9;
  private static final int PID = 4242;
  private final ReplyCollector collector = new ReplyCollector(SEQ, PID);

  private static NetlinkMessage error(int seq, int pid, int code) {
    return new NetlinkMessage(Netlink.NLMSG_ERROR, 0, seq, pid,
        ByteBuffer.allocate(4).order(Netlink.ORDER).putInt(code).array());
  }

  private static NetlinkMessage data(int seq, int pid) {
    return new NetlinkMessage(28, Netlink.NLM_F_MULTI, seq, pid, new byte[4]);
  }

  @Test
  void dump_keepsDataUntilDone() throws Exception {
    assertThat(collector.accept(data(SEQ, PID))).isFalse();
    assertThat(collector.accept(data(SEQ, PID))).isFalse();
    assertThat(collector.accept(new NetlinkMessage(Netlink.NLMSG_DONE, Netlink.NLM_F_MULTI, SEQ, PID, new byte[4])))
        .isTrue();

    assertThat(collector.replies()).hasSize(2);
  }

  @Test
  void lateRepliesToEarlierRequests_orOtherSockets_areSkipped() throws Exception {
    assertThat(collector.accept(error(SEQ - 1, PID, -3))).isFalse();
    assertThat(collector.accept(data(SEQ, PID + 1))).isFalse();
    assertThat(collector.accept(error(SEQ, PID, 0))).isTrue();

    assertThat(collector.skipped()).isEqualTo(2);
    assertThat(collector.replies()).isEmpty();
  }

  @Test
  void negativeError_isTheKernelsRefusal() {
    assertThatThrownBy(() -> collector.accept(error(SEQ, PID, -3))).isInstanceOf(NetlinkErrnoException.class)
        .hasMessage("ESRCH (errno 3)").extracting(e -> ((NetlinkErrnoException) e).errno()).isEqualTo(3);
  }

  @Test
  void failedDump_doneWithNegativeStatus_isARefusal() {
    NetlinkMessage done = new NetlinkMessage(Netlink.NLMSG_DONE, 0, SEQ, PID,
        ByteBuffer.allocate(4).order(Netlink.ORDER).putInt(-105).array());

    assertThatThrownBy(() -> collector.accept(done)).hasMessage("ENOBUFS (errno 105)");
  }

  @Test
  void overrun_saysRepliesWereLost() {
    NetlinkMessage overrun = new NetlinkMessage(Netlink.NLMSG_OVERRUN, 0, SEQ, PID, new byte[0]);

    assertThatThrownBy(() -> collector.accept(overrun)).hasMessageContaining("netlink overrun: replies were lost");
  }
}
