package org.lvsmon.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lvsmon} command: the composition root of every subcommand. */
@Command(
    name = "lvsmon",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Service monitor for LVS directors, compatible with mon.",
    subcommands = {CheckConfigCommand.class, RunCommand.class, MonitorCommand.class, AlertCommand.class, IpvsCommand.class,
        StatusCommand.class, RequestCommands.Disable.class, RequestCommands.Enable.class, RequestCommands.Ack.class,
        RequestCommands.Test.class, RequestCommands.Drain.class, RequestCommands.Undrain.class, DemoCommand.class,
        CommandLine.HelpCommand.class})
public final class Main {

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit status; never calls {@code System.exit}. */
  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  /** Like {@link #execute(String...)}, with the output and error streams given (for tests and embedding). */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = commandLine();
    cl.setOut(out);
    cl.setErr(err);
    return cl.execute(args);
  }

  private static CommandLine commandLine() {
    return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
  }
}
