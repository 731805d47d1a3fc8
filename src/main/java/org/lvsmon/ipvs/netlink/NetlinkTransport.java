package org.lvsmon.ipvs.netlink;

import java.io.IOException;
import java.util.List;

/**
 * One request and its replies over a netlink socket. The socket implements it; tests put a scripted
 * kernel behind it.
 */
interface NetlinkTransport extends AutoCloseable {
  /**
   * Sends {@code request} with a fresh sequence number and this socket's port id, and returns the
   * data replies once the acknowledgement or {@code NLMSG_DONE} arrives. A request must ask for
   * one or the other ({@code NLM_F_ACK} or {@code NLM_F_DUMP}).
   *
   * @throws NetlinkErrnoException when the kernel refuses
   * @throws java.net.SocketTimeoutException when no reply comes within the socket's timeout
   * @throws IOException when the socket fails
   * @throws NetlinkFormatException when a reply is malformed
   */
  List<NetlinkMessage> exchange(NetlinkMessage request) throws NetlinkErrnoException, IOException;

  @Override
  void close();
}
