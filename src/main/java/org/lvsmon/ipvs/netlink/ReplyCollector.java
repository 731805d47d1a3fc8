package org.lvsmon.ipvs.netlink;

import java.util.ArrayList;
import java.util.List;

/**
 * Gathers the replies to one request, as a pure function of the messages received: it keeps the
 * data messages carrying the request's sequence number and port id, skips any other (a late reply
 * to an earlier request that timed out), and ends on the acknowledgement, {@code NLMSG_DONE}, or an
 * error. Not thread-safe; one collector per request.
 */
final class ReplyCollector {
  private final int seq;
  private final int pid;
  private final List<NetlinkMessage> replies = new ArrayList<>();
  private int skipped;
  private boolean complete;

  /**
   * @param seq the request's sequence number
   * @param pid the socket's port id (the kernel addresses its replies to it)
   */
  ReplyCollector(int seq, int pid) {
    this.seq = seq;
    this.pid = pid;
  }

  /**
   * Takes one received message.
   *
   * @return whether the exchange is over ({@link #replies()} then holds every data message)
   * @throws NetlinkErrnoException when the kernel refused the request or the dump failed
   * @throws NetlinkFormatException when an error or overrun message is malformed
   */
  boolean accept(NetlinkMessage m) throws NetlinkErrnoException {
    if (complete) {
      throw new IllegalStateException("exchange seq " + seq + " is already complete");
    }
    if (m.seq() != seq || m.pid() != pid) {
      skipped++;
      return false;
    }
    switch (m.type()) {
      case Netlink.NLMSG_NOOP -> {
        return false;
      }
      case Netlink.NLMSG_ERROR -> {
        Netlink.ErrorReply e = Netlink.error(m);
        if (!e.isAck()) {
          throw new NetlinkErrnoException(e.errno(), e.message());
        }
        complete = true;
      }
      case Netlink.NLMSG_DONE -> {
        int status = Netlink.doneStatus(m);
        if (status < 0) {
          throw new NetlinkErrnoException(-status, "");
        }
        complete = true;
      }
      case Netlink.NLMSG_OVERRUN -> throw new NetlinkErrnoException(Errno.ENOBUFS, "netlink overrun: replies were lost");
      default -> replies.add(m);
    }
    return complete;
  }

  List<NetlinkMessage> replies() {
    return List.copyOf(replies);
  }

  /** How many messages belonged to another request. */
  int skipped() {
    return skipped;
  }
}
