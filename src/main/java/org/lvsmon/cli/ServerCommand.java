package org.lvsmon.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lvsmon.control.MonClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that talks to a running daemon: connects (and logs in with {@code -l}), runs, and maps
 * the outcome to the exit status: 0 done, 1 the daemon refused a request (its status line on
 * stderr), 2 the daemon could not be reached or answered nonsense (one line on stderr, no stack trace).
 */
abstract class ServerCommand implements Callable<Integer> {
  /** mon's reply to a command auth.cf does not allow (or does not know). */
  private static final String NOT_ALLOWED = "520 command could not be executed, unknown command";

  @Spec CommandSpec spec;

  @Mixin ServerOptions server;

  /** Checks the arguments before connecting; throws {@link picocli.CommandLine.ParameterException} on a bad one. */
  void validate() {}

  /** Talks to the daemon; returns the exit status. */
  abstract int run(MonClient client, PrintWriter out) throws IOException, Refused;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Map<String, String> env = System.getenv();
    String host = server.host(env);
    int port = server.port(spec);
    validate();
    try (MonClient client = MonClient.connect(host, port, server.timeout(spec))) {
      if (server.user != null) {
        Refused.unlessOk(client.login(server.user, server.password(env, System.console(), spec)));
      }
      return run(client, out);
    } catch (Refused e) {
      err.println("lvsmon: " + e.getMessage() + (e.getMessage().equals(NOT_ALLOWED) && server.user == null
          ? " (not allowed without login? try -l USER)" : ""));
      return 1;
    } catch (IOException e) {
      err.println("lvsmon: " + e.getMessage()
          + (e.getCause() instanceof ConnectException ? " (is lvsmon running?)" : ""));
      return 2;
    } catch (IllegalArgumentException e) { // a word the protocol cannot carry
      err.println("lvsmon: " + e.getMessage());
      return 2;
    } finally {
      out.flush();
      err.flush();
    }
  }
}
