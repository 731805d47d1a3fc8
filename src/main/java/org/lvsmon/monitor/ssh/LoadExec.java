package org.lvsmon.monitor.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One node's load by running a command once per sample on its persistent session
 * ({@code ssh-load.monitor --exec}): no new connection, but each sample forks the user's login shell
 * on the node (bash reads {@code .bashrc} even then). The command's first stdout line is the load
 * ({@link LoadLine}). The output is taken from JSch's session thread, so a node that stops
 * answering blocks no thread of lvsmon's beyond opening the channel. Thread-safe.
 */
final class LoadExec implements LoadSource {
  /** Stdout kept per sample; the rest is dropped. */
  static final int MAX_OUTPUT = 4096;

  private final SshConnection connection;
  private final String command;

  LoadExec(SshConnection connection, String command) {
    this.connection = connection;
    this.command = command;
  }

  @Override
  public CompletableFuture<LoadLine.Load> request(Duration timeout) {
    CompletableFuture<LoadLine.Load> f = new CompletableFuture<>();
    ChannelExec ch;
    try {
      ch = (ChannelExec) connection.session().openChannel("exec");
    } catch (JSchException e) {
      f.completeExceptionally(new SshLoginException(SshStatus.SSH_ERROR, "cannot open a channel: " + e.getMessage(), e));
      return f;
    }
    ch.setCommand(command);
    ch.setInputStream(null);
    ch.setErrStream(OutputStream.nullOutputStream(), true);
    ch.setOutputStream(new OutputStream() {
      private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        kept.write(b, off, Math.max(0, Math.min(len, MAX_OUTPUT - kept.size())));
      }

      @Override
      public void close() {
        String out = kept.toString(StandardCharsets.ISO_8859_1);
        int nl = out.indexOf('\n');
        String first = nl < 0 ? out : out.substring(0, nl);
        try {
          f.complete(LoadLine.parse(first));
        } catch (IllegalArgumentException e) {
          f.completeExceptionally(new SshLoginException(SshStatus.BAD_OUTPUT, e.getMessage()
              + " (command: " + SshBanner.quote(command) + ")", e));
        }
      }
    }, false);
    f.whenComplete((v, e) -> ch.disconnect());
    try {
      ch.connect((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
    } catch (JSchException e) {
      if (SshLogin.isTimeout(e)) {
        return f; // never completes: the caller's deadline finds the sample missed
      }
      f.completeExceptionally(new SshLoginException(SshStatus.SSH_ERROR, "cannot run the load command: " + e.getMessage(), e));
    }
    return f;
  }

  @Override
  public boolean isOpen() {
    return connection.session().isConnected();
  }

  @Override
  public String ended() {
    return isOpen() ? null : "the SSH session ended";
  }

  @Override
  public void close() {
    // each sample's channel closes itself; the session belongs to the caller
  }
}
