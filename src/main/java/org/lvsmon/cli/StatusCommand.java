package org.lvsmon.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import org.lvsmon.control.MonClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lvsmon status}: every service and every balanced real server of a running daemon (lvsmon,
 * or mon without the IPVS part), as a table or as JSON ({@link StatusJson}). Colour only on a
 * terminal, and not with {@code --no-color} or {@code $NO_COLOR}; the last columns are cut to
 * {@code $COLUMNS} (else 80) on a terminal and left whole otherwise.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {"Show every service of a running lvsmon (or mon) and the IPVS real servers it balances.",
        "Exit 0 shown, 1 the daemon refused a request, 2 it could not be reached."})
final class StatusCommand extends ServerCommand {
  static final int DEFAULT_WIDTH = 80;

  @Option(names = "--json", description = "print JSON (version 1) instead of tables")
  boolean json;

  @Option(names = "--no-color", description = "no colours, even on a terminal")
  boolean noColor;

  @Override
  int run(MonClient client, PrintWriter out) throws IOException, Refused {
    StatusReport report = StatusReport.read(client);
    if (json) {
      out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(new StatusJson().toJson(report)));
      return 0;
    }
    boolean terminal = System.console() != null;
    out.print(StatusText.format(report, terminal ? width(System.getenv("COLUMNS")) : 0,
        terminal && !noColor && System.getenv("NO_COLOR") == null));
    return 0;
  }

  /** The terminal width from {@code $COLUMNS}, {@value #DEFAULT_WIDTH} when unset or not a number. */
  static int width(String columns) {
    try {
      int w = columns == null ? 0 : Integer.parseInt(columns.strip());
      return w > 0 ? w : DEFAULT_WIDTH;
    } catch (NumberFormatException e) {
      return DEFAULT_WIDTH;
    }
  }
}
