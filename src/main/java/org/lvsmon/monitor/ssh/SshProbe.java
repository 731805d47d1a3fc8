package org.lvsmon.monitor.ssh;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.lvsmon.monitor.MonitorArgs;
import org.lvsmon.monitor.ParallelProbes;
import org.lvsmon.monitor.ProbeContext;

/**
 * Checks one host for {@link SshMonitor}: name lookup and TCP connect within the connect timeout,
 * the banner within the banner timeout, then either a polite goodbye or (with a {@link SshLogin})
 * key exchange, login and {@code true} within the SSH timeout. Each phase has its own deadline;
 * the socket is closed when it passes.
 */
final class SshProbe implements ParallelProbes.Probe<SshOutcome> {
  static final String COMMAND = "true";

  private final SshOptions options;
  private final SshLogin login;

  /** {@code login} null: banner only. */
  SshProbe(SshOptions options, SshLogin login) {
    this.options = options;
    this.login = login;
  }

  @Override
  public SshOutcome check(String host, ProbeContext ctx) {
    ctx.phase("resolve");
    ctx.expireAfter(options.connectTimeout());
    InetAddress address;
    try {
      if (host.isEmpty()) {
        throw new UnknownHostException("empty host name");
      }
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      return ctx.expired() ? unfinished(host, ctx, null) : new SshOutcome(SshStatus.UNRESOLVED, "cannot resolve host name");
    }
    String peer = address.getHostAddress() + " port " + options.port();
    ctx.phase("connect");
    Socket socket = new Socket();
    ctx.closeOnExpiry(socket);
    try {
      SshOutcome refused = connect(socket, address, peer, ctx);
      if (refused != null) {
        return refused;
      }
      ctx.phase("banner");
      ctx.expireAfter(options.bannerTimeout());
      SshBanner.Reading banner = SshBanner.read(socket, ctx, peer, options.bannerTimeout());
      if (!banner.ok()) {
        return new SshOutcome(banner.status(), banner.text());
      }
      if (login == null) {
        ctx.phase("goodbye");
        ctx.expireAfter(SshOptions.GOODBYE);
        SshBanner.goodbye(socket, ctx);
        return SshOutcome.OK;
      }
      return logIn(host, socket, banner, ctx);
    } finally {
      try {
        socket.close();
      } catch (IOException e) {
        // nothing to do: the outcome is decided
      }
    }
  }

  private SshOutcome connect(Socket socket, InetAddress address, String peer, ProbeContext ctx) {
    try {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(address, options.port()), ctx.remainingMillis());
      return null;
    } catch (SocketTimeoutException e) {
      return connectTimeout(peer);
    } catch (IOException e) {
      if (ctx.expired()) {
        return connectTimeout(peer);
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

  private SshOutcome connectTimeout(String peer) {
    return new SshOutcome(SshStatus.CONNECT_TIMEOUT,
        "no TCP connection to " + peer + " within " + MonitorArgs.seconds(options.connectTimeout()));
  }

  private SshOutcome logIn(String host, Socket socket, SshBanner.Reading banner, ProbeContext ctx) {
    ctx.expireAfter(options.sshTimeout());
    try (SshConnection c = login.open(host, options.port(), socket, banner.received(), ctx.remainingMillis(), ctx::phase)) {
      ctx.phase("command");
      int status = c.exec(COMMAND, ctx.remaining());
      if (ctx.expired()) {
        return sshTimeout("command");
      }
      if (status == 0) {
        return SshOutcome.OK;
      }
      return new SshOutcome(SshStatus.COMMAND_FAILED, status < 0
          ? "\"" + COMMAND + "\" ended without an exit status (killed by a signal?)"
          : "\"" + COMMAND + "\" exited with status " + status);
    } catch (SshLoginException e) {
      if (ctx.expired() && (e.status() == SshStatus.SSH_ERROR || e.status() == SshStatus.SSH_TIMEOUT)) {
        return sshTimeout(ctx.phase());
      }
      return new SshOutcome(e.status(), e.getMessage());
    }
  }

  private SshOutcome sshTimeout(String phase) {
    return new SshOutcome(SshStatus.SSH_TIMEOUT,
        "no answer within " + MonitorArgs.seconds(options.sshTimeout()) + " during " + phase);
  }

  @Override
  public SshOutcome unfinished(String host, ProbeContext ctx, Throwable crash) {
    if (crash != null && !(crash instanceof InterruptedException)) {
      return new SshOutcome(SshStatus.SSH_ERROR, "internal error during " + ctx.phase() + ": " + crash);
    }
    switch (ctx.phase()) {
      case "resolve":
        return new SshOutcome(SshStatus.UNRESOLVED,
            "name lookup did not finish within " + MonitorArgs.seconds(options.connectTimeout()));
      case "queued":
      case "start":
      case "connect":
        return new SshOutcome(SshStatus.CONNECT_TIMEOUT, "no TCP connection within " + MonitorArgs.seconds(options.connectTimeout()));
      case "banner":
        return new SshOutcome(SshStatus.NO_BANNER, "no SSH banner within " + MonitorArgs.seconds(options.bannerTimeout()));
      default:
        return sshTimeout(ctx.phase());
    }
  }
}
