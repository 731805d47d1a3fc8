package org.lvsmon.monitor.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A logged-in JSch session. {@link #close} disconnects it and waits for its reader thread (JSch
 * names it {@code Connect thread HOST session}), so no thread outlives the connection. Not
 * thread-safe: one user at a time.
 */
public final class SshConnection implements AutoCloseable {
  private final Session session;
  private final SessionThreads threads;
  private final String name;

  SshConnection(Session session, SessionThreads threads, String name) {
    this.session = session;
    this.threads = threads;
    this.name = name;
  }

  /** The JSch session, for opening channels. */
  public Session session() {
    return session;
  }

  /** The name the host key was checked under. */
  public String hostKeyName() {
    return name;
  }

  /**
   * Runs {@code command} (without a pty; its output is read and dropped) and returns its exit
   * status, or -1 when the server sent none (killed by a signal).
   *
   * @throws SshLoginException {@link SshStatus#SSH_TIMEOUT} when it does not end within {@code
   *     timeout}, {@link SshStatus#SSH_ERROR} when the channel fails
   */
  public int exec(String command, Duration timeout) throws SshLoginException {
    long end = System.nanoTime() + timeout.toNanos();
    ChannelExec ch;
    try {
      ch = (ChannelExec) session.openChannel("exec");
    } catch (JSchException e) {
      throw new SshLoginException(SshStatus.SSH_ERROR, "cannot open a channel: " + e.getMessage(), e);
    }
    try {
      ch.setCommand(command);
      ch.setInputStream(null);
      ch.setErrStream(OutputStream.nullOutputStream(), true);
      InputStream out = ch.getInputStream();
      ch.connect(millisLeft(end));
      drain(out);
      // the exit status comes with or right after the end of the output
      while (!ch.isClosed()) {
        if (System.nanoTime() - end >= 0 || !session.isConnected()) {
          break;
        }
        Thread.sleep(1);
      }
      if (!ch.isClosed()) {
        throw new SshLoginException(SshStatus.SSH_TIMEOUT, "command \"" + command + "\" did not end in time", null);
      }
      if (ch.getExitStatus() < 0 && !session.isConnected()) {
        // closed because the connection went away (or was closed at the deadline), not by the command
        throw new SshLoginException(SshStatus.SSH_ERROR, "connection lost before command \"" + command + "\" ended", null);
      }
      return ch.getExitStatus();
    } catch (JSchException | IOException e) {
      if (System.nanoTime() - end >= 0 || SshLogin.isTimeout(e)) {
        throw new SshLoginException(SshStatus.SSH_TIMEOUT, "command \"" + command + "\" did not end in time", e);
      }
      throw new SshLoginException(SshStatus.SSH_ERROR, "command \"" + command + "\" failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SshLoginException(SshStatus.SSH_TIMEOUT, "command \"" + command + "\" interrupted", e);
    } finally {
      ch.disconnect();
    }
  }

  private static void drain(InputStream in) throws IOException {
    byte[] buf = new byte[4096];
    while (in.read(buf) >= 0) {
      // dropped: only the exit status counts
    }
  }

  private static int millisLeft(long end) {
    long ms = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms));
  }

  /** Disconnects and waits (briefly) for JSch's reader thread to end. Idempotent. */
  @Override
  public void close() {
    session.disconnect();
    threads.join(SshLogin.THREAD_JOIN);
  }
}
