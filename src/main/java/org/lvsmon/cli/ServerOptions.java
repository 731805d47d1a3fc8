package org.lvsmon.cli;

import java.io.Console;
import java.time.Duration;
import java.util.Map;
import org.lvsmon.control.MonClient;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Where a command that talks to a running daemon connects, as moncmd decides it (reference 6.6):
 * the host from {@code -s}, else {@code $MONHOST}, else localhost; the port from {@code -p}, else
 * 2583. With {@code -l USER} it logs in first, the password taken from {@code $LVSMON_PASSWORD} or
 * asked on the terminal, never from the command line.
 */
final class ServerOptions {
  static final String HOST_VARIABLE = "MONHOST";
  static final String PASSWORD_VARIABLE = "LVSMON_PASSWORD";

  @Option(names = "-s", paramLabel = "HOST", description = "the daemon's host (default: $MONHOST, else localhost)")
  String host;

  @Option(names = "-p", paramLabel = "PORT", description = "the daemon's port (default: " + MonClient.DEFAULT_PORT + ")")
  Integer port;

  @Option(names = "-l", paramLabel = "USER",
      description = "log in as USER first; the password is read from $" + PASSWORD_VARIABLE + ", else asked on the terminal")
  String user;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
      description = "how long connecting and each reply may take (default: ${DEFAULT-VALUE})")
  int timeoutSeconds;

  /** The host to connect to: {@code -s}, else {@code $MONHOST} when set and not empty, else localhost. */
  String host(Map<String, String> env) {
    if (host != null) {
      return host;
    }
    String h = env.get(HOST_VARIABLE);
    return h == null || h.isEmpty() ? "localhost" : h;
  }

  /** The port to connect to; {@code spec} names the command in a usage error. */
  int port(CommandSpec spec) {
    int p = port == null ? MonClient.DEFAULT_PORT : port;
    if (p < 1 || p > 65535) {
      throw new ParameterException(spec.commandLine(), "-p " + p + ": a port is 1 to 65535");
    }
    return p;
  }

  Duration timeout(CommandSpec spec) {
    if (timeoutSeconds < 1) {
      throw new ParameterException(spec.commandLine(), "--timeout " + timeoutSeconds + ": at least 1 second");
    }
    return Duration.ofSeconds(timeoutSeconds);
  }

  /**
   * The password of {@code -l}: {@code $LVSMON_PASSWORD}, else asked on {@code console}.
   *
   * @throws ParameterException when there is neither (no terminal to ask on)
   */
  String password(Map<String, String> env, Console console, CommandSpec spec) {
    String p = env.get(PASSWORD_VARIABLE);
    if (p != null) {
      return p;
    }
    char[] typed = console == null ? null : console.readPassword("Password for %s: ", user);
    if (typed == null) {
      throw new ParameterException(spec.commandLine(),
          "-l " + user + ": no password: set $" + PASSWORD_VARIABLE + " or run on a terminal");
    }
    return new String(typed);
  }
}
