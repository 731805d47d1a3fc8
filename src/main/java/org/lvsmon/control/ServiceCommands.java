package org.lvsmon.control;

import static org.lvsmon.control.PerlWords.field;
import static org.lvsmon.control.PerlWords.str;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lvsmon.config.PerlSpace;
import org.lvsmon.config.ServiceRef;
import org.lvsmon.service.OpStatus;
import org.lvsmon.service.ServiceEvent.TestAlert;

/**
 * The commands that act on watches, services and hosts ({@code disable}, {@code enable}, {@code
 * ack}, {@code test}, {@code set}, {@code get}, {@code clear}, and lvsmon's {@code drain} and {@code
 * undrain}), with mon's argument splitting and replies. The caller has already checked authorization.
 */
final class ServiceCommands {
  private static final Pattern SET_MAXKEEP = Pattern.compile("^maxkeep[ \\t\\n\\r\\f\\x0B]+(\\d+)");
  private static final Pattern GET_MAXKEEP = Pattern.compile("^maxkeep[ \\t\\n\\r\\f\\x0B]*$");
  private static final Pattern CLEAR_TIMERS = Pattern.compile(
      "^timers[ \\t\\n\\r\\f\\x0B]+([a-zA-Z0-9_.-]+)[ \\t\\n\\r\\f\\x0B]+([a-zA-Z0-9_.-]+)", Pattern.CASE_INSENSITIVE);

  /** mon's {@code %OPSTAT}: the words {@code set G S opstatus} accepts (no depend, no warn). */
  private static final Map<String, OpStatus> OPSTAT = Map.of("fail", OpStatus.FAIL, "ok", OpStatus.OK,
      "coldstart", OpStatus.COLDSTART, "warmstart", OpStatus.WARMSTART, "linkdown", OpStatus.LINKDOWN,
      "unknown", OpStatus.UNKNOWN, "timeout", OpStatus.TIMEOUT, "untested", OpStatus.UNTESTED);

  private static final Map<String, TestAlert.Kind> TEST_KINDS = Map.of("alert", TestAlert.Kind.ALERT,
      "startupalert", TestAlert.Kind.STARTUPALERT, "upalert", TestAlert.Kind.UPALERT,
      "ackalert", TestAlert.Kind.ACKALERT, "disablealert", TestAlert.Kind.DISABLEALERT);

  private final MonServer server;

  ServiceCommands(MonServer server) {
    this.server = server;
  }

  /** The reply to the authorized command {@code cmd} (lowercase) with {@code args} (null for none). */
  Reply handle(String cmd, String args, String user) {
    return switch (cmd) {
      case "disable" -> disable(args, user);
      case "enable" -> enable(args, user);
      case "ack" -> ack(args, user);
      case "test" -> test(args);
      case "set" -> set(args);
      case "get" -> get(args);
      case "clear" -> clear(args);
      case "drain" -> drain(args, user);
      case "undrain" -> undrain(args, user);
      default -> Reply.status(ProtocolHandler.UNKNOWN_COMMAND);
    };
  }

  private Reply disable(String args, String user) {
    List<String> f = PerlWords.split(args, 2);
    String target = str(field(f, 1));
    switch (str(field(f, 0))) {
      case "watch":
        return server.setWatchDisabled(target, true)
            ? Reply.status("220 disable watch completed")
            : Reply.status("520 disable error, unknown watch \"" + target + "\"");
      case "service":
        return server.setServiceDisabled(ref(PerlWords.split(target, 2)), true, user)
            ? Reply.status("220 disable service completed")
            : Reply.status("520 disable error, unknown service");
      case "host":
        List<String> hosts = PerlWords.split(target, 0);
        List<String> unknown = hosts.isEmpty() ? List.of() : server.disableHosts(hosts);
        return unknown.isEmpty()
            ? Reply.status("220 disable host completed")
            : Reply.status("520 disable host failed, host(s) " + String.join(" ", unknown) + " do not exist");
      default:
        return Reply.status("520 command could not be executed");
    }
  }

  private Reply enable(String args, String user) {
    List<String> f = PerlWords.split(args, 2);
    String target = str(field(f, 1));
    switch (str(field(f, 0))) {
      case "watch":
        return server.setWatchDisabled(target, false)
            ? Reply.status("220 enable watch completed")
            : Reply.status("520 enable error, unknown watch");
      case "service":
        return server.setServiceDisabled(ref(PerlWords.split(target, 2)), false, user)
            ? Reply.status("220 enable completed")
            : Reply.status("520 enable error, unknown group");
      case "host":
        List<String> hosts = PerlWords.split(target, 0);
        if (!hosts.isEmpty()) {
          server.enableHosts(hosts);
        }
        return Reply.status("220 enable completed");
      default:
        return Reply.status("520 command could not be executed");
    }
  }

  private Reply ack(String args, String user) {
    List<String> f = PerlWords.split(args, 3);
    String comment = PerlWords.firstShellWord(field(f, 2));
    return switch (server.ack(ref(f), user, comment)) {
      case ACKNOWLEDGED -> Reply.status("220 ack completed");
      case UNKNOWN_GROUP -> Reply.status("520 unknown group");
      case UNKNOWN_SERVICE -> Reply.status("520 unknown service");
      case NOT_FAILING -> Reply.status("520 service is in a non-failure state");
    };
  }

  private Reply test(String args) {
    List<String> f = PerlWords.split(args, 2);
    String what = str(field(f, 0));
    String rest = field(f, 1);
    if (what.equals("monitor")) {
      List<String> gs = PerlWords.split(rest, 0);
      List<String> data = server.testMonitor(ref(gs))
          ? List.of()
          : List.of(str(field(gs, 0)) + " " + str(field(gs, 1)) + " not defined");
      return Reply.of(data, "220 test monitor completed");
    }
    if (TEST_KINDS.containsKey(what)) {
      List<String> p = PerlWords.split(rest, 4);
      return switch (server.testAlert(TEST_KINDS.get(what), ref(p), field(p, 2), str(field(p, 3)))) {
        case CALLED -> Reply.status("220 test alert completed");
        case UNKNOWN_SERVICE -> Reply.status("520 " + str(field(p, 0)) + " " + str(field(p, 1)) + " not defined");
        case UNKNOWN_PERIOD -> Reply.status("520 period not defined");
      };
    }
    if (what.equals("config")) {
      List<String> errors = new ArrayList<>();
      server.testConfig().forEach(e -> errors.addAll(List.of(e.split("\r?\n|\r", -1))));
      return errors.isEmpty()
          ? Reply.status("220 test config completed OK, no errors found")
          : Reply.of(errors, "520 test config completed, errors found in config file");
    }
    return Reply.status("520 test error");
  }

  private Reply set(String args) {
    Matcher maxkeep = SET_MAXKEEP.matcher(str(args));
    if (maxkeep.find()) {
      String n = maxkeep.group(1).replaceFirst("^0+(?=.)", "");
      server.setMaxKeep(n.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(n));
      return Reply.status("220 set completed");
    }
    List<String> f = PerlWords.split(args, 4);
    ServiceRef ref = ref(f);
    String var = str(field(f, 2));
    String notDefined = "520 " + ref.group() + "," + ref.service() + " not defined";
    if (var.equals("opstatus")) {
      if (server.config().service(ref).isEmpty()) {
        return Reply.status(notDefined);
      }
      OpStatus status = OPSTAT.get(str(field(f, 3)));
      if (status == null) {
        return Reply.status("520 undefined opstatus");
      }
      return server.setOpStatus(ref, status) ? Reply.status("220 set completed") : Reply.status(notDefined);
    }
    String value = PerlWords.firstShellWord(field(f, 3));
    return switch (server.set(ref, var, value)) {
      case SET -> Reply.of(List.of(ref.group() + " " + ref.service() + " " + var + "='" + echo(value) + "'"),
          "220 set completed");
      case UNKNOWN_SERVICE -> Reply.status(notDefined);
      case NOT_SETTABLE -> Reply.status("520 set error, variable \"" + var + "\" cannot be set");
    };
  }

  /** mon echoes the stored value raw; one holding a line break is escaped so the reply stays framed. */
  private static String echo(String value) {
    return value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 ? MonEscaping.escape(value, true) : value;
  }

  private Reply get(String args) {
    if (GET_MAXKEEP.matcher(str(args)).find()) {
      return Reply.of(List.of("maxkeep = " + server.maxKeep()), "220 set completed"); // sic
    }
    List<String> f = PerlWords.split(args, 3);
    ServiceRef ref = ref(f);
    String var = str(field(f, 2));
    return server.get(ref, var)
        .map(v -> Reply.of(List.of(ref.group() + " " + ref.service() + " " + var + "='"
            + MonEscaping.escape(v, true) + "'"), "220 get completed"))
        .orElseGet(() -> Reply.status("520 " + ref.group() + "," + ref.service() + " not defined"));
  }

  private Reply clear(String args) {
    Matcher m = CLEAR_TIMERS.matcher(str(args));
    if (!m.find()) {
      return Reply.status("520 unknown clear command");
    }
    return server.clearTimers(new ServiceRef(m.group(1), m.group(2)))
        ? Reply.status("220 clear timers completed")
        : Reply.status("520 unknown group");
  }

  /**
   * {@code drain HOST [REASON]}: the reason is the rest of the line with its outer whitespace
   * removed, or, when it starts with a quote, its first shell word unquoted and unescaped (how
   * Mon::Client sends the comment of {@code ack}, and how {@code lvsmon drain} sends it).
   */
  private Reply drain(String args, String user) {
    List<String> f = PerlWords.split(args, 2);
    String host = str(field(f, 0));
    if (host.isEmpty()) {
      return Reply.status("520 drain error, host required");
    }
    String rest = PerlSpace.trim(str(field(f, 1)));
    String reason = rest.startsWith("'") || rest.startsWith("\"") ? PerlWords.firstShellWord(rest) : rest;
    return server.drain(host, reason, user)
        ? Reply.status("220 drain completed")
        : Reply.status("520 drain error, " + host + " is not a real server of any balance service");
  }

  private Reply undrain(String args, String user) {
    String host = str(field(PerlWords.words(args), 0));
    if (host.isEmpty()) {
      return Reply.status("520 undrain error, host required");
    }
    return server.undrain(host, user)
        ? Reply.status("220 undrain completed")
        : Reply.status("520 undrain error, " + host + " is not drained");
  }

  /** The service named by the first two fields (missing ones are "", as Perl's undef). */
  private static ServiceRef ref(List<String> fields) {
    return new ServiceRef(str(field(fields, 0)), str(field(fields, 1)));
  }
}
