package org.lvsmon.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.lvsmon.control.MonClient;
import org.lvsmon.control.Reply;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;

/**
 * The commands that send the daemon one request, as {@code moncmd} would: {@code disable}, {@code
 * enable}, {@code ack}, {@code test}, {@code drain} and {@code undrain}. Each prints the reply's data
 * lines and {@code OK: <status text>}; a refusal is the status line on stderr and exit status 1.
 */
final class RequestCommands {
  private RequestCommands() {}

  /** A command of one request line. */
  abstract static class OneRequest extends ServerCommand {
    /** The request line; names and hosts are checked to be single words. */
    abstract String request();

    private String line;

    @Override
    void validate() {
      line = request();
    }

    @Override
    int run(MonClient client, PrintWriter out) throws IOException, Refused {
      Reply reply = client.request(line);
      reply.data().forEach(out::println);
      Refused.unlessOk(reply);
      out.println("OK: " + reply.status().substring(4));
      return 0;
    }

    /** {@code words} joined by spaces, each checked to be one protocol word. */
    String words(String... words) {
      for (String w : words) {
        if (w.isEmpty() || w.chars().anyMatch(Character::isWhitespace)) {
          throw new ParameterException(spec.commandLine(), "\"" + w + "\" is not one word");
        }
      }
      return String.join(" ", words);
    }

    /** Free text as one quoted, escaped argument ("" for none), as Mon::Client sends an ack comment. */
    static String text(List<String> words) {
      return words.isEmpty() ? "" : " " + MonClient.quote(String.join(" ", words));
    }
  }

  /** A command whose first two arguments name a service. */
  abstract static class OfService extends OneRequest {
    @Parameters(index = "0", paramLabel = "GROUP") String group;
    @Parameters(index = "1", paramLabel = "SERVICE") String service;

    /** {@code GROUP SERVICE}, checked. */
    String ref() {
      return words(group, service);
    }
  }

  @Command(name = "disable", description = "Disable hosts, a service or a watch (mon's disable).",
      subcommands = {Host.class, Service.class, Watch.class})
  static final class Disable extends CommandGroup {}

  @Command(name = "enable", description = "Enable hosts, a service or a watch again (mon's enable).",
      subcommands = {Host.class, Service.class, Watch.class})
  static final class Enable extends CommandGroup {}

  @Command(name = "host", mixinStandardHelpOptions = true, description = "Every watch's checks of these hosts.")
  static final class Host extends OneRequest {
    @Parameters(arity = "1..*", paramLabel = "HOST") List<String> hosts = new ArrayList<>();

    @Override
    String request() {
      return spec.parent().name() + " host " + words(hosts.toArray(String[]::new));
    }
  }

  @Command(name = "service", mixinStandardHelpOptions = true, description = "One service of a watch.")
  static final class Service extends OfService {
    @Override
    String request() {
      return spec.parent().name() + " service " + ref();
    }
  }

  @Command(name = "watch", mixinStandardHelpOptions = true, description = "A whole watch.")
  static final class Watch extends OneRequest {
    @Parameters(index = "0", paramLabel = "GROUP") String group;

    @Override
    String request() {
      return spec.parent().name() + " watch " + words(group);
    }
  }

  @Command(name = "ack", mixinStandardHelpOptions = true,
      description = "Acknowledge the failure of a service: no more alerts until it recovers.")
  static final class Ack extends OfService {
    @Parameters(index = "2..*", paramLabel = "COMMENT") List<String> comment = new ArrayList<>();

    @Override
    String request() {
      return "ack " + ref() + text(comment);
    }
  }

  @Command(name = "test", description = "Run a service's monitor now, or call its alerts with test output.",
      subcommands = {TestMonitor.class, TestAlert.class, TestUpalert.class})
  static final class Test extends CommandGroup {}

  @Command(name = "monitor", mixinStandardHelpOptions = true, description = "Run the service's monitor now.")
  static final class TestMonitor extends OfService {
    @Override
    String request() {
      return "test monitor " + ref();
    }
  }

  /** {@code test alert|upalert G S RETVAL PERIOD}: the period is its label or its exact spec text. */
  abstract static class TestAlertKind extends OfService {
    @Parameters(index = "2", paramLabel = "RETVAL") String retval;
    @Parameters(index = "3..*", arity = "1..*", paramLabel = "PERIOD") List<String> period = new ArrayList<>();

    @Override
    String request() {
      return "test " + spec.name() + " " + ref() + " " + words(retval) + " " + String.join(" ", period);
    }
  }

  @Command(name = "alert", mixinStandardHelpOptions = true, description = "Call one period's alerts.")
  static final class TestAlert extends TestAlertKind {}

  @Command(name = "upalert", mixinStandardHelpOptions = true, description = "Call one period's upalerts.")
  static final class TestUpalert extends TestAlertKind {}

  @Command(name = "drain", mixinStandardHelpOptions = true, description = {
      "Set a real server's weight to 0 in every balance service, whatever its health, until undrain.",
      "The reason is shown by status and list ipvs."})
  static final class Drain extends OneRequest {
    @Parameters(index = "0", paramLabel = "HOST") String host;
    @Parameters(index = "1..*", paramLabel = "REASON") List<String> reason = new ArrayList<>();

    @Override
    String request() {
      return "drain " + words(host) + text(reason);
    }
  }

  @Command(name = "undrain", mixinStandardHelpOptions = true,
      description = "Give a drained real server back to the weight controller (slow start).")
  static final class Undrain extends OneRequest {
    @Parameters(index = "0", paramLabel = "HOST") String host;

    @Override
    String request() {
      return "undrain " + words(host);
    }
  }
}
