package org.lvsmon.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.command.CommandFactory;

/**
 * What a simulated node's shell does with the commands lvsmon sends it. It knows the two commands
 * ssh-load.monitor runs on a node, by what they read, and answers them from the node's {@link
 * LoadCurve} where a real node's shell would read {@code /proc/loadavg} and {@code
 * /sys/devices/system/cpu/online}:
 * <ul>
 *   <li>the long-lived loop (the default): for each request line {@code N} on stdin, one line
 *       {@code lvsmon-load N LOADAVG CPUS}; it exits when stdin ends, as the shell loop does;
 *   <li>the one-shot command ({@code --exec default}): one line {@code LOADAVG CPUS}, exit 0.
 * </ul>
 * Anything else is refused on stderr with exit status 127, as a shell without the program would.
 */
final class NodeShell implements CommandFactory {
  private final String node;
  private final LoadCurve load;

  NodeShell(String node, LoadCurve load) {
    this.node = node;
    this.load = load;
  }

  @Override
  public Command createCommand(ChannelSession channel, String command) {
    boolean readsLoad = command.contains("/proc/loadavg") && command.contains("/sys/devices/system/cpu/online");
    Mode mode = !readsLoad ? Mode.UNKNOWN : command.contains("while read") ? Mode.LOOP : Mode.ONCE;
    return new Run(mode, command);
  }

  private enum Mode { LOOP, ONCE, UNKNOWN }

  /** One command on one channel, served by a thread of its own (ended by the channel's close). */
  private final class Run implements Command {
    private final Mode mode;
    private final String command;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private Thread thread;

    Run(Mode mode, String command) {
      this.mode = mode;
      this.command = command;
    }

    @Override
    public void setInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
      this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
      this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
      thread = new Thread(this::serve, "lvsmon-demo-" + node + "-shell");
      thread.setDaemon(true);
      thread.start();
    }

    private void serve() {
      int status = 0;
      try {
        switch (mode) {
          case LOOP -> loop();
          case ONCE -> write(out, load.loadavg() + " " + load.cpusOnline() + "\n");
          case UNKNOWN -> {
            write(err, "sh: " + node + " is a simulated node: it runs only ssh-load.monitor's load commands, not "
                + command + "\n");
            status = 127;
          }
        }
      } catch (IOException e) {
        status = 1; // the channel went away: the loop's echo failed, so it exits 1 as the shell loop does
      }
      exit.onExit(status);
    }

    private void loop() throws IOException {
      BufferedReader requests = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
      String n;
      while ((n = requests.readLine()) != null) {
        write(out, "lvsmon-load " + n.strip() + " " + load.loadavg() + " " + load.cpusOnline() + "\n");
      }
    }

    private static void write(OutputStream stream, String text) throws IOException {
      stream.write(text.getBytes(StandardCharsets.US_ASCII));
      stream.flush();
    }

    @Override
    public void destroy(ChannelSession channel) {
      if (thread != null) {
        thread.interrupt();
      }
    }
  }
}
