package org.lvsmon.ipvs.netlink;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;

/**
 * An {@code AF_NETLINK} socket (JNA over libc, no libnl), bound with port id 0 so the kernel picks
 * one. Every send and receive is bounded by {@code SO_SNDTIMEO}/{@code SO_RCVTIMEO}; replies are
 * matched to their request by sequence number and port id. Not thread-safe: one exchange at a time
 * (callers serialize).
 */
final class NetlinkSocket implements NetlinkTransport {
  /** Large enough for any one dump datagram (the kernel fills at most ~32 KiB per recv). */
  private static final int RECEIVE_BUFFER = 128 * 1024;
  /** Messages of other requests tolerated in one exchange before giving up. */
  private static final int MAX_SKIPPED = 10_000;
  private static final int SOCKADDR_NL_LENGTH = 12;

  private final NetlinkLibC libc;
  private final int fd;
  private final int pid;
  private final Duration timeout;
  private final byte[] buffer = new byte[RECEIVE_BUFFER];
  private int seq;
  private boolean closed;

  private NetlinkSocket(NetlinkLibC libc, int fd, int pid, Duration timeout) {
    this.libc = libc;
    this.fd = fd;
    this.pid = pid;
    this.timeout = timeout;
  }

  /**
   * Opens and binds a socket for netlink {@code protocol} (16 for generic netlink).
   *
   * @param timeout the bound on each send and each receive, at least 1 ms
   * @throws IOException when libc or the socket cannot be had (the message names the call and errno)
   */
  static NetlinkSocket open(int protocol, Duration timeout) throws IOException {
    if (timeout.isNegative() || timeout.toMillis() < 1) {
      // SO_RCVTIMEO 0 would mean "wait for ever"
      throw new IllegalArgumentException("netlink socket timeout " + timeout + " must be at least 1 ms");
    }
    NetlinkLibC libc;
    try {
      libc = NetlinkLibC.load();
    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
      throw new IOException("cannot load libc through JNA for netlink: " + e.getMessage(), e);
    }
    int fd;
    try {
      fd = libc.socket(NetlinkLibC.AF_NETLINK, NetlinkLibC.SOCK_RAW | NetlinkLibC.SOCK_CLOEXEC, protocol);
    } catch (LastErrorException e) {
      throw new IOException("socket(AF_NETLINK, SOCK_RAW, " + protocol + ") failed: " + Errno.describe(e.getErrorCode()), e);
    }
    try {
      byte[] tv = ByteBuffer.allocate(16).order(Netlink.ORDER).putLong(timeout.toSeconds())
          .putLong(timeout.toMillisPart() * 1000L).array();
      libc.setsockopt(fd, NetlinkLibC.SOL_SOCKET, NetlinkLibC.SO_RCVTIMEO, tv, tv.length);
      libc.setsockopt(fd, NetlinkLibC.SOL_SOCKET, NetlinkLibC.SO_SNDTIMEO, tv, tv.length);
      optional(libc, fd, NetlinkLibC.NETLINK_EXT_ACK);
      optional(libc, fd, NetlinkLibC.NETLINK_CAP_ACK);
      libc.bind(fd, sockaddr(0), SOCKADDR_NL_LENGTH);
      byte[] bound = new byte[SOCKADDR_NL_LENGTH];
      libc.getsockname(fd, bound, new int[] {bound.length});
      int pid = ByteBuffer.wrap(bound).order(Netlink.ORDER).getInt(4);
      return new NetlinkSocket(libc, fd, pid, timeout);
    } catch (LastErrorException e) {
      closeQuietly(libc, fd);
      throw new IOException("cannot set up the netlink socket: " + Errno.describe(e.getErrorCode()), e);
    }
  }

  /** Extended acks (kernel text with errors) and capped acks where the kernel has them (4.12+); fine without. */
  private static void optional(NetlinkLibC libc, int fd, int option) {
    try {
      libc.setsockopt(fd, NetlinkLibC.SOL_NETLINK, option, ByteBuffer.allocate(4).order(Netlink.ORDER).putInt(1).array(), 4);
    } catch (LastErrorException e) {
      // older kernel: plain errors
    }
  }

  private static byte[] sockaddr(int pid) {
    return ByteBuffer.allocate(SOCKADDR_NL_LENGTH).order(Netlink.ORDER).putShort((short) NetlinkLibC.AF_NETLINK)
        .putShort((short) 0).putInt(pid).putInt(0).array();
  }

  /** The port id the kernel gave this socket. */
  int pid() {
    return pid;
  }

  @Override
  public synchronized List<NetlinkMessage> exchange(NetlinkMessage request) throws NetlinkErrnoException, IOException {
    if (closed) {
      throw new IOException("netlink socket is closed");
    }
    if (!request.hasFlag(Netlink.NLM_F_ACK) && (request.flags() & Netlink.NLM_F_DUMP) == 0) {
      // the end of the replies is known only from an acknowledgement or NLMSG_DONE
      throw new IllegalArgumentException("netlink request without NLM_F_ACK or NLM_F_DUMP: " + request);
    }
    int s = ++seq;
    send(Netlink.encode(request.addressed(s, pid)));
    ReplyCollector collector = new ReplyCollector(s, pid);
    while (true) {
      int n = receive();
      for (NetlinkMessage m : Netlink.decode(buffer, n)) {
        if (collector.accept(m)) {
          return collector.replies();
        }
      }
      if (collector.skipped() > MAX_SKIPPED) {
        throw new IOException("more than " + MAX_SKIPPED + " netlink messages for other requests while waiting for seq " + s);
      }
    }
  }

  private void send(byte[] bytes) throws IOException {
    while (true) {
      try {
        long sent = libc.sendto(fd, bytes, bytes.length, 0, sockaddr(0), SOCKADDR_NL_LENGTH);
        if (sent != bytes.length) {
          throw new IOException("netlink sendto sent " + sent + " of " + bytes.length + " bytes");
        }
        return;
      } catch (LastErrorException e) {
        if (e.getErrorCode() != Errno.EINTR) {
          throw failure("sendto", e);
        }
      }
    }
  }

  private int receive() throws IOException {
    while (true) {
      try {
        long n = libc.recv(fd, buffer, buffer.length, NetlinkLibC.MSG_TRUNC);
        if (n > buffer.length) {
          throw new IOException("netlink reply of " + n + " bytes exceeds the receive buffer of " + buffer.length);
        }
        return (int) n;
      } catch (LastErrorException e) {
        if (e.getErrorCode() != Errno.EINTR) {
          throw failure("recv", e);
        }
      }
    }
  }

  /** EAGAIN is the socket timeout (SO_SNDTIMEO/SO_RCVTIMEO) running out. */
  private IOException failure(String call, LastErrorException e) {
    if (e.getErrorCode() == Errno.EAGAIN) {
      SocketTimeoutException timedOut = new SocketTimeoutException("netlink " + call + ": no progress within the socket"
          + " timeout of " + timeout.toMillis() + " ms");
      timedOut.initCause(e);
      return timedOut;
    }
    return new IOException("netlink " + call + " failed: " + Errno.describe(e.getErrorCode()), e);
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      closeQuietly(libc, fd);
    }
  }

  private static void closeQuietly(NetlinkLibC libc, int fd) {
    try {
      libc.close(fd);
    } catch (LastErrorException e) {
      // nothing left to release
    }
  }
}
