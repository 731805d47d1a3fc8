package org.lvsmon.monitor.ssh;

import java.net.Socket;
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
    SshDial.Dialed d = SshDial.dial(host, options.port(), options.connectTimeout(), options.bannerTimeout(), ctx);
    if (!d.ok()) {
      return d.failure();
    }
    try {
      if (login == null) {
        ctx.phase("goodbye");
        ctx.expireAfter(SshOptions.GOODBYE);
        SshBanner.goodbye(d.socket(), ctx);
        return SshOutcome.OK;
      }
      return logIn(host, d.socket(), d.banner(), ctx);
    } finally {
      d.close();
    }
  }

  private SshOutcome logIn(String host, Socket socket, SshBanner.Reading banner, ProbeContext ctx) {
    ctx.expireAfter(options.sshTimeout());
    try (SshConnection c = login.open(host, options.port(), socket, banner.received(), ctx.remainingMillis(), ctx::phase)) {
      ctx.phase("command");
      int status = c.exec(COMMAND, ctx.remaining());
      if (ctx.expired()) {
        return SshOutcome.sshTimeout(options.sshTimeout(), "command");
      }
      if (status == 0) {
        return SshOutcome.OK;
      }
      return new SshOutcome(SshStatus.COMMAND_FAILED, status < 0
          ? "\"" + COMMAND + "\" ended without an exit status (killed by a signal?)"
          : "\"" + COMMAND + "\" exited with status " + status);
    } catch (SshLoginException e) {
      if (ctx.expired() && (e.status() == SshStatus.SSH_ERROR || e.status() == SshStatus.SSH_TIMEOUT)) {
        return SshOutcome.sshTimeout(options.sshTimeout(), ctx.phase());
      }
      return new SshOutcome(e.status(), e.getMessage());
    }
  }


  @Override
  public SshOutcome unfinished(String host, ProbeContext ctx, Throwable crash) {
    if (crash != null && !(crash instanceof InterruptedException)) {
      return new SshOutcome(SshStatus.SSH_ERROR, "internal error during " + ctx.phase() + ": " + crash);
    }
    SshOutcome dial = SshDial.unfinished(ctx.phase(), options.connectTimeout(), options.bannerTimeout());
    return dial != null ? dial : SshOutcome.sshTimeout(options.sshTimeout(), ctx.phase());
  }
}
