package org.lvsmon.monitor.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One node's load over one long-lived remote command on its persistent session, the way
 * ssh-load.monitor samples by default. lvsmon writes a request number and a newline to the
 * command's stdin; the command answers each with one line {@code lvsmon-load N LOADAVG CPUS}. The
 * default command ({@link #DEFAULT_COMMAND}) does so with shell builtins only: no process is forked
 * on the node per sample, and it exits as soon as its stdin ends (lvsmon went away) or its output
 * breaks, so it never lingers as an orphan.
 *
 * <p>Output is taken from JSch's session thread as it arrives ({@link Sink}), so no thread of
 * lvsmon's blocks reading it: a request is a future that the answer completes. Lines that are not
 * answers (a login shell's chatter) are skipped, up to {@value #MAX_NOISE} bytes between answers;
 * an answer to an earlier request that missed its deadline is dropped. Thread-safe.
 */
final class LoadStream implements LoadSource {
  /** The word an answer line starts with. */
  static final String TAG = "lvsmon-load";
  /**
   * The default remote command. Run by the login shell as {@code $SHELL -c COMMAND}, so it execs a
   * POSIX sh whatever the user's shell is (csh too); the loop uses only builtins.
   */
  static final String DEFAULT_COMMAND = "exec /bin/sh -c 'while read -r n; do"
      + " read -r l </proc/loadavg && read -r c </sys/devices/system/cpu/online || exit 1;"
      + " echo \"" + TAG + " $n $l $c\" || exit 1; done'";
  /** The longest line kept; the rest of a longer one is skipped. */
  static final int MAX_LINE = 1024;
  /** How much output that is not an answer is tolerated between two answers. */
  static final int MAX_NOISE = 64 * 1024;
  /** How much of the command's stderr is kept for the message when it ends. */
  static final int MAX_STDERR = 2048;

  private final ChannelExec channel;
  private final OutputStream requests;
  private final String command;
  private final Tail stderr = new Tail();
  private long sequence;
  private long pendingSequence = -1;
  private CompletableFuture<LoadLine.Load> pending;
  private int noise;
  private String firstNoise;
  private String ended;

  private LoadStream(ChannelExec channel, OutputStream requests, String command) {
    this.channel = channel;
    this.requests = requests;
    this.command = command;
  }

  /**
   * Starts {@code command} on the logged-in {@code connection}; {@code timeout} bounds opening the
   * channel.
   *
   * @throws SshLoginException when the channel cannot be opened in time
   */
  static LoadStream start(SshConnection connection, String command, Duration timeout) throws SshLoginException {
    ChannelExec ch;
    try {
      ch = (ChannelExec) connection.session().openChannel("exec");
    } catch (JSchException e) {
      throw new SshLoginException(SshStatus.SSH_ERROR, "cannot open a channel: " + e.getMessage(), e);
    }
    try {
      ch.setCommand(command);
      LoadStream s = new LoadStream(ch, ch.getOutputStream(), command);
      ch.setOutputStream(s.new Sink(), false);
      ch.setErrStream(s.stderr, false);
      ch.connect((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
      return s;
    } catch (JSchException | IOException e) {
      ch.disconnect();
      if (SshLogin.isTimeout(e)) {
        throw new SshLoginException(SshStatus.SSH_TIMEOUT, "the load command's channel did not open in time", e);
      }
      throw new SshLoginException(SshStatus.SSH_ERROR, "cannot start the load command: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized CompletableFuture<LoadLine.Load> request(Duration timeout) {
    CompletableFuture<LoadLine.Load> f = new CompletableFuture<>();
    if (ended != null) {
      f.completeExceptionally(new SshLoginException(SshStatus.SSH_ERROR, ended, null));
      return f;
    }
    if (pending != null) {
      pending.cancel(false); // missed its deadline; its answer will be dropped
    }
    pending = f;
    pendingSequence = ++sequence;
    try {
      requests.write((pendingSequence + "\n").getBytes(StandardCharsets.US_ASCII));
      requests.flush();
    } catch (IOException e) {
      end("cannot send a request to the load command: " + e.getMessage());
    }
    return f;
  }

  @Override
  public synchronized boolean isOpen() {
    return ended == null && !channel.isClosed() && channel.isConnected();
  }

  @Override
  public synchronized String ended() {
    return ended;
  }

  private synchronized void answer(String line) {
    String rest = line.substring(TAG.length()).strip();
    int sp = rest.indexOf(' ');
    long n;
    try {
      n = Long.parseLong(sp < 0 ? rest : rest.substring(0, sp));
    } catch (NumberFormatException e) {
      noise(line);
      return;
    }
    if (n != pendingSequence || pending == null) {
      return; // the answer to a request that missed its deadline
    }
    CompletableFuture<LoadLine.Load> f = pending;
    pending = null;
    noise = 0;
    try {
      f.complete(LoadLine.parse(sp < 0 ? "" : rest.substring(sp + 1)));
    } catch (IllegalArgumentException e) {
      f.completeExceptionally(new SshLoginException(SshStatus.BAD_OUTPUT, e.getMessage(), e));
    }
  }

  private synchronized void noise(String line) {
    if (firstNoise == null) {
      firstNoise = line;
    }
    noise += line.length() + 1;
    if (noise > MAX_NOISE) {
      String why = "more than " + MAX_NOISE + " bytes of output that is not a load answer, starting "
          + SshBanner.quote(firstNoise);
      if (pending != null) {
        pending.completeExceptionally(new SshLoginException(SshStatus.BAD_OUTPUT, why, null));
        pending = null;
      }
      end(why);
      channel.disconnect();
    }
  }

  private synchronized void end(String why) {
    if (ended != null) {
      return;
    }
    ended = why;
    if (pending != null) {
      pending.completeExceptionally(new SshLoginException(SshStatus.SSH_ERROR, why, null));
      pending = null;
    }
  }

  private void commandEnded() {
    String err = stderr.lastLine();
    int status = channel.getExitStatus();
    end("the load command ended" + (status >= 0 ? " with exit status " + status : "")
        + (err.isEmpty() ? "" : ": " + SshBanner.quote(err)) + " (command: " + SshBanner.quote(command) + ")");
  }

  /** Ends the command (its stdin closes, so the default loop exits) and the channel. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      end("closed by lvsmon");
    }
    channel.disconnect();
  }

  /** Stdout, written by JSch's session thread: split into lines, each handled as it completes. */
  private final class Sink extends OutputStream {
    private final byte[] line = new byte[MAX_LINE];
    private int length;
    private boolean overlong;

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      for (int i = off; i < off + len; i++) {
        byte c = b[i];
        if (c == '\n') {
          String text = new String(line, 0, length, StandardCharsets.ISO_8859_1);
          length = 0;
          if (overlong) {
            overlong = false;
            noise(text);
          } else if (text.startsWith(TAG + " ")) {
            answer(text.strip());
          } else {
            noise(text);
          }
        } else if (length < MAX_LINE) {
          line[length++] = c;
        } else {
          overlong = true;
        }
      }
    }

    @Override
    public void close() {
      commandEnded();
    }
  }

  /** The last {@value #MAX_STDERR} bytes of stderr. */
  private static final class Tail extends OutputStream {
    private final byte[] buf = new byte[MAX_STDERR];
    private int length;

    @Override
    public synchronized void write(int b) {
      if (length == buf.length) {
        System.arraycopy(buf, 1, buf, 0, length - 1);
        length--;
      }
      buf[length++] = (byte) b;
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      for (int i = off; i < off + len; i++) {
        write(b[i]);
      }
    }

    synchronized String lastLine() {
      String s = new String(buf, 0, length, StandardCharsets.UTF_8).strip();
      int nl = s.lastIndexOf('\n');
      return nl < 0 ? s : s.substring(nl + 1);
    }
  }
}
