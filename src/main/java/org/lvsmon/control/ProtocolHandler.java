package org.lvsmon.control;

import static org.lvsmon.control.PerlWords.field;
import static org.lvsmon.control.PerlWords.str;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lvsmon.control.MonServer.StateKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mon's client protocol without the socket: {@link #handle} takes one request line and answers with
 * the reply mon's {@code client_command} would write, byte for byte, for the full command set of
 * reference 6.3 (minus the quirks README.md lists as fixed). Each line is handled on its own; the
 * only state carried between lines is the {@link Session}. Call from the thread that owns the
 * daemon's state (or give it a {@link MonServer} whose methods are each thread-safe).
 */
public final class ProtocolHandler {
  private static final Logger log = LoggerFactory.getLogger(ProtocolHandler.class);

  /** mon's protocol version, {@code 0x2611}. */
  public static final int PROTOCOL_VERSION = 9745;

  /** mon's request pattern: a known command word, then optionally whitespace and the arguments. */
  private static final Pattern REQUEST = Pattern.compile(
      "^(" + String.join("|", AuthConfig.COMMANDS) + ")(?:[ \\t\\n\\r\\f\\x0B]+(.*))?$",
      Pattern.CASE_INSENSITIVE | Pattern.UNIX_LINES);

  /** Perl's scalar {@code localtime}, e.g. {@code Sun Nov  2 01:29:30 2026}. */
  private static final DateTimeFormatter CTIME =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ENGLISH);

  static final String UNKNOWN_COMMAND = "520 command could not be executed, unknown command";

  private final MonServer server;
  private final Authenticator authenticator;
  private final Clock clock;
  private final ListCommand list;
  private final ServiceCommands services;

  /** A handler over {@code server}; {@code clock} gives {@code servertime} and its zone. */
  public ProtocolHandler(MonServer server, Authenticator authenticator, Clock clock) {
    this.server = Objects.requireNonNull(server, "server");
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.list = new ListCommand(server);
    this.services = new ServiceCommands(server);
  }

  /**
   * The reply to one request line (without its line terminator; a trailing CR is ignored). Never
   * throws for any input: a request mon does not know, or one that fails inside the server, gets a
   * 520 reply.
   */
  public Reply handle(String line, Session session) {
    Objects.requireNonNull(session, "session");
    String l = line == null ? "" : line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    Matcher m = REQUEST.matcher(l);
    if (!m.find()) {
      return Reply.status("520 invalid command");
    }
    String cmd = m.group(1).toLowerCase(Locale.ROOT);
    String args = m.group(2);
    try {
      return dispatch(cmd, args, session);
    } catch (RuntimeException e) {
      log.error("[control] {} from {} failed", cmd, session.clientHost(), e);
      return Reply.status("520 command could not be executed, internal error");
    }
  }

  private Reply dispatch(String cmd, String args, Session session) {
    Reply open = open(cmd, args, session);
    if (open != null) {
      return open;
    }
    if (cmd.equals("dump") || !server.auth().allows(cmd, session.user())) {
      return Reply.status(UNKNOWN_COMMAND); // mon's dump needs -d, which lvsmon does not have
    }
    return switch (cmd) {
      case "list" -> list.handle(args, session.view(), clock.instant());
      case "servertime" -> servertime();
      case "term" -> Reply.status("220 terminating server").then(Reply.After.TERMINATE);
      case "stop", "start" -> {
        server.setStopped(cmd.equals("stop"));
        yield Reply.status("220 " + cmd + " completed");
      }
      case "reset" -> reset(args);
      case "reload" -> reload(args);
      case "savestate" -> savestate(args);
      case "loadstate" -> loadstate(args);
      default -> services.handle(cmd, args, session.user());
    };
  }

  /** The commands mon runs without asking auth.cf; null for every other command. */
  private Reply open(String cmd, String args, Session session) {
    return switch (cmd) {
      case "quit" -> Reply.status("220 quitting").then(Reply.After.CLOSE);
      case "protid" -> Reply.status(
          PerlWords.number(args) == PROTOCOL_VERSION ? "220 protocol match" : "520 protocol mismatch");
      case "version" -> Reply.of(List.of("version " + PROTOCOL_VERSION), "220 version completed");
      case "login" -> login(args, session);
      case "checkauth" -> server.auth().allows(field(PerlWords.words(args), 0), session.user())
          ? Reply.status("220 command authorized")
          : Reply.status("520 command could not be executed");
      case "setview" -> setview(args, session);
      case "getview" -> Reply.of(
          List.of(session.view() == null ? ListCommand.NO_VIEW : "view " + session.view() + " selected"),
          "220 getview completed");
      default -> null;
    };
  }

  private Reply login(String args, Session session) {
    List<String> f = PerlWords.split(args, 2);
    String user = str(field(f, 0));
    if (user.isEmpty() || !authenticator.login(user, str(field(f, 1)), session.clientHost())) {
      log.info("[control] login as \"{}\" from {} refused", abbreviate(user), session.clientHost());
      return Reply.status("530 login unsuccessful");
    }
    session.loggedIn(user);
    log.info("[control] {} logged in from {}", user, session.clientHost());
    return Reply.status("220 login accepted");
  }

  private Reply setview(String args, Session session) {
    List<String> f = PerlWords.split(args, 0);
    if (f.size() > 1) {
      return Reply.status("500 Unknown setview command");
    }
    if (f.isEmpty()) {
      session.view(null);
      return Reply.of(List.of(ListCommand.NO_VIEW), "220 setview completed");
    }
    if (!server.config().views().containsKey(f.get(0))) {
      return Reply.status("504 unknown view " + f.get(0));
    }
    session.view(f.get(0));
    return Reply.of(List.of("selecting view " + f.get(0)), "220 setview completed");
  }

  private Reply servertime() {
    Instant now = clock.instant();
    return Reply.of(List.of(now.getEpochSecond() + " " + CTIME.format(now.atZone(clock.getZone()))),
        "220 servertime completed");
  }

  private Reply reset(String args) {
    String a = str(args);
    // mon tests substrings: "stopped" case-insensitively, "keepstate" exactly
    boolean stopped = a.toLowerCase(Locale.ROOT).contains("stopped");
    boolean ok = server.reset(stopped, a.contains("keepstate"));
    String who = server.pid() + "@" + server.hostname();
    return Reply.status(ok ? "220 reset PID " + who : "520 reset PID " + who + " failed, error in config file");
  }

  private Reply reload(String args) {
    for (String what : PerlWords.split(args, 0)) {
      if (!what.equals("auth")) {
        return Reply.status("520 unknown reload command");
      }
      server.reloadAuth();
    }
    return Reply.status("220 reload completed");
  }

  private Reply loadstate(String args) {
    Set<StateKind> kinds = stateKinds(args);
    if (!kinds.isEmpty()) {
      server.loadState(kinds);
    }
    return Reply.status("220 loadstate completed");
  }

  private Reply savestate(String args) {
    if (args == null || args.chars().allMatch(c -> MonEscaping.isSpace((char) c))) {
      return Reply.status("520 savestate error, arguments required");
    }
    Set<StateKind> kinds = stateKinds(args);
    if (!kinds.isEmpty()) {
      server.saveState(kinds);
    }
    return Reply.status("220 savestate completed");
  }

  /** A client-supplied word cut to a length fit for a log line. */
  private static String abbreviate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "...";
  }

  /** The kinds named by {@code disabled}, {@code opstatus} and {@code all}; mon ignores other words. */
  private static Set<StateKind> stateKinds(String args) {
    Set<StateKind> kinds = new LinkedHashSet<>();
    for (String w : PerlWords.split(args, 0)) {
      if (w.equals("disabled") || w.equals("all")) {
        kinds.add(StateKind.DISABLED);
      }
      if (w.equals("opstatus") || w.equals("all")) {
        kinds.add(StateKind.OPSTATUS);
      }
    }
    return kinds;
  }
}
