package org.lvsmon.monitor.ssh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.command.CommandFactory;

/**
 * What the node side of ssh-load.monitor does, for an in-process MINA server: as a long-lived
 * command it answers each request line {@code N} with {@code lvsmon-load N LOAD} after {@code
 * delayMillis} (never, while {@code hang}); as a per-sample command ({@code --exec}) it prints
 * {@code LOAD} once and exits. The settings can change while sessions are open. It records the
 * command lines it was started with.
 */
final class FakeLoadCommand implements CommandFactory {
  volatile String load = "0.50 0.40 0.30 1/100 4242 0-3";
  volatile long delayMillis;
  volatile boolean hang;
  /** Printed before the first answer, as a chatty login shell would. */
  volatile String chatter = "";
  final List<String> started = new CopyOnWriteArrayList<>();
  private final TestSshd[] server = new TestSshd[1];

  FakeLoadCommand on(TestSshd d) {
    server[0] = d;
    return this;
  }

  @Override
  public Command createCommand(ChannelSession channel, String command) {
    started.add(command);
    server[0].counted();
    boolean stream = command.contains("while read");
    return new Command() {
      private InputStream in;
      private OutputStream out;
      private ExitCallback exit;
      private Thread thread;

      @Override
      public void setInputStream(InputStream in) {
        this.in = in;
      }

      @Override
      public void setOutputStream(OutputStream out) {
        this.out = out;
      }

      @Override
      public void setErrorStream(OutputStream err) {}

      @Override
      public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
      }

      @Override
      public void start(ChannelSession channel, Environment env) {
        thread = new Thread(this::serve, "fake-load");
        thread.setDaemon(true);
        thread.start();
      }

      private void serve() {
        try {
          if (!chatter.isEmpty()) {
            write(chatter);
          }
          if (!stream) {
            write(load + "\n");
            exit.onExit(0);
            return;
          }
          BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
          String n;
          while ((n = r.readLine()) != null) {
            Thread.sleep(delayMillis);
            if (!hang) {
              write("lvsmon-load " + n.strip() + " " + load + "\n");
            }
          }
          exit.onExit(0); // stdin ended: the client went away
        } catch (IOException | InterruptedException e) {
          exit.onExit(1);
        }
      }

      private void write(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }

      @Override
      public void destroy(ChannelSession channel) {
        if (thread != null) {
          thread.interrupt();
        }
      }
    };
  }
}
