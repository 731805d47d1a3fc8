package org.lvsmon.ipvs.netlink;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A netlink peer that answers requests from a script, in order, and keeps every request. */
final class ScriptedKernel implements NetlinkTransport {
  interface Answer {
    List<NetlinkMessage> answer(NetlinkMessage request) throws NetlinkErrnoException, IOException;
  }

  final List<NetlinkMessage> requests = new ArrayList<>();
  private final Deque<Answer> answers = new ArrayDeque<>();
  boolean closed;

  ScriptedKernel then(Answer answer) {
    answers.add(answer);
    return this;
  }

  ScriptedKernel thenReply(NetlinkMessage... replies) {
    return then(request -> List.of(replies));
  }

  ScriptedKernel thenRefuse(int errno) {
    return then(request -> {
      throw new NetlinkErrnoException(errno, "");
    });
  }

  /** The controller's answer for the IPVS family: id 28. */
  ScriptedKernel thenFamily() {
    byte[] attributes = new AttributeWriter().string(GenericNetlink.CTRL_ATTR_FAMILY_NAME, "IPVS")
        .u16(GenericNetlink.CTRL_ATTR_FAMILY_ID, 28).toByteArray();
    byte[] payload = ByteBuffer.allocate(4 + attributes.length).put((byte) GenericNetlink.CTRL_CMD_NEWFAMILY)
        .put((byte) 2).putShort((short) 0).put(attributes).array();
    return thenReply(new NetlinkMessage(GenericNetlink.GENL_ID_CTRL, 0, 0, 0, payload));
  }

  @Override
  public List<NetlinkMessage> exchange(NetlinkMessage request) throws NetlinkErrnoException, IOException {
    requests.add(request);
    if (answers.isEmpty()) {
      fail("unexpected request, command " + (request.payload()[0] & 0xff) + ": " + request);
    }
    return answers.poll().answer(request);
  }

  /** The command of request {@code i}. */
  int command(int i) {
    return requests.get(i).payload()[0] & 0xff;
  }

  @Override
  public void close() {
    closed = true;
  }
}
