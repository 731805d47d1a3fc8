package org.lvsmon.monitor.ssh;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import org.lvsmon.monitor.MonitorArgs;
import org.lvsmon.monitor.ProbeContext;

/**
 * The first steps of every SSH check: name lookup and TCP connect (TCP_NODELAY set: OpenSSH does not
 * set it for non-pty sessions, and Nagle with delayed ACKs stalls each exchange by about 40 ms)
 * within the connect timeout, then the server's banner within the banner timeout. Each phase
 * tightens the probe's deadline; the socket is registered to be closed when it passes. Stateless.
 */
final class SshDial {
  /** Either a connected {@code socket} whose {@code banner} was read, or the {@code failure}. */
  record Dialed(Socket socket, SshBanner.Reading banner, SshOutcome failure) {
    boolean ok() {
      return failure == null;
    }

    void close() {
      if (socket != null) {
        try {
          socket.close();
        } catch (IOException e) {
          // nothing to do: the outcome is decided
        }
      }
    }
  }

  private SshDial() {}

  /** Dials {@code host}; on failure the socket is closed already. */
  static Dialed dial(String host, int port, Duration connectTimeout, Duration bannerTimeout, ProbeContext ctx) {
    ctx.phase("resolve");
    ctx.expireAfter(connectTimeout);
    InetAddress address;
    try {
      if (host.isEmpty()) {
        throw new UnknownHostException("empty host name");
      }
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      return failed(null, ctx.expired() ? resolveTimeout(connectTimeout) : new SshOutcome(SshStatus.UNRESOLVED,
          "cannot resolve host name"));
    }
    String peer = address.getHostAddress() + " port " + port;
    ctx.phase("connect");
    Socket socket = new Socket();
    ctx.closeOnExpiry(socket);
    SshOutcome refused = connect(socket, address, port, peer, connectTimeout, ctx);
    if (refused != null) {
      return failed(socket, refused);
    }
    ctx.phase("banner");
    ctx.expireAfter(bannerTimeout);
    SshBanner.Reading banner = SshBanner.read(socket, ctx, peer, bannerTimeout);
    if (!banner.ok()) {
      return failed(socket, new SshOutcome(banner.status(), banner.text()));
    }
    return new Dialed(socket, banner, null);
  }

  private static Dialed failed(Socket socket, SshOutcome why) {
    Dialed d = new Dialed(socket, null, why);
    d.close();
    return d;
  }

  private static SshOutcome connect(Socket socket, InetAddress address, int port, String peer, Duration timeout,
      ProbeContext ctx) {
    try {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(address, port), ctx.remainingMillis());
      return null;
    } catch (SocketTimeoutException e) {
      return connectTimeout(peer, timeout);
    } catch (IOException e) {
      if (ctx.expired()) {
        return connectTimeout(peer, timeout);
      }
      String m = String.valueOf(e.getMessage());
      if (m.equalsIgnoreCase("Connection refused")) {
        return new SshOutcome(SshStatus.REFUSED, "connect to " + peer + ": " + m);
      }
      if (m.equalsIgnoreCase("Connection timed out")) {
        return new SshOutcome(SshStatus.CONNECT_TIMEOUT, "connect to " + peer + ": " + m);
      }
      return new SshOutcome(SshStatus.CONNECT_FAILED, "connect to " + peer + ": " + m);
    }
  }

  private static SshOutcome connectTimeout(String peer, Duration timeout) {
    return new SshOutcome(SshStatus.CONNECT_TIMEOUT, "no TCP connection to " + peer + " within " + MonitorArgs.seconds(timeout));
  }

  static SshOutcome resolveTimeout(Duration connectTimeout) {
    return new SshOutcome(SshStatus.UNRESOLVED, "name lookup did not finish within " + MonitorArgs.seconds(connectTimeout));
  }

  /**
   * The outcome of a dial that did not return by its deadline, from the phase it was in; null when
   * the phase is not one of the dial's.
   */
  static SshOutcome unfinished(String phase, Duration connectTimeout, Duration bannerTimeout) {
    switch (phase) {
      case "resolve":
        return resolveTimeout(connectTimeout);
      case "queued":
      case "start":
      case "connect":
        return new SshOutcome(SshStatus.CONNECT_TIMEOUT, "no TCP connection within " + MonitorArgs.seconds(connectTimeout));
      case "banner":
        return new SshOutcome(SshStatus.NO_BANNER, "no SSH banner within " + MonitorArgs.seconds(bannerTimeout));
      default:
        return null;
    }
  }
}
