package org.lvsmon.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lvsmon.config.ConfigException;
import org.lvsmon.config.ConfigProblem;
import org.lvsmon.config.ConfigProblem.Kind;
import org.lvsmon.config.PerlSpace;
import org.lvsmon.config.Suggestions;

/**
 * mon's {@code auth.cf}: which users may run which client commands ({@code command section}) and who
 * may send traps ({@code trap section}), read as mon's {@code load_auth} reads it. Immutable and
 * thread-safe. Lines mon skips with only a syslog message (a bad trap entry) are kept as warnings;
 * a command line without a colon, which stops mon at startup, is an error.
 */
public final class AuthConfig {

  /** mon's table when auth.cf cannot be read: every command that needs authorization is refused. */
  public static final AuthConfig DENY_ALL =
      new AuthConfig(Map.of(), Map.of(), List.of(), List.of());

  /**
   * The words a client command may start with: mon's {@code client_command} regex, then lvsmon's
   * {@code drain} and {@code undrain} (which, like every command, an auth.cf must list to allow).
   */
  static final List<String> COMMANDS = List.of("dump", "login", "disable", "enable", "quit", "list",
      "set", "get", "setview", "getview", "stop", "start", "loadstate", "savestate", "reset", "clear",
      "checkauth", "reload", "term", "test", "servertime", "ack", "version", "protid", "drain", "undrain");

  private static final String ALL = "all";
  private static final String AUTH_ANY = "AUTH_ANY";
  private static final Pattern COMMAND_SECTION = Pattern.compile("^command[ \\t\\n\\r\\f\\x0B]+section");
  private static final Pattern TRAP_SECTION = Pattern.compile("^trap[ \\t\\n\\r\\f\\x0B]+section");
  private static final Pattern COLON = Pattern.compile("[ \\t\\n\\r\\f\\x0B]*:[ \\t\\n\\r\\f\\x0B]*");
  private static final Pattern COMMA = Pattern.compile("[ \\t\\n\\r\\f\\x0B]*,[ \\t\\n\\r\\f\\x0B]*");
  private static final Pattern TRAP_ENTRY =
      Pattern.compile("^(\\S+)[ \\t\\n\\r\\f\\x0B]+(\\S+)[ \\t\\n\\r\\f\\x0B]+(\\S+)$");
  private static final Pattern DOTTED_QUAD = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");
  /** mon's host name pattern, stray brackets included. */
  private static final Pattern HOST_NAME =
      Pattern.compile("^[A-Z\\d][\\[A-Z.\\d\\-]*[\\[A-Z\\d]+$", Pattern.CASE_INSENSITIVE);

  private final Map<String, Set<String>> allowed;
  private final Map<String, Set<String>> denied;
  private final List<TrapSender> trapSenders;
  private final List<ConfigProblem> warnings;

  private AuthConfig(Map<String, Set<String>> allowed, Map<String, Set<String>> denied,
      List<TrapSender> trapSenders, List<ConfigProblem> warnings) {
    this.allowed = freeze(allowed);
    this.denied = freeze(denied);
    this.trapSenders = List.copyOf(trapSenders);
    this.warnings = List.copyOf(warnings);
  }

  /**
   * One {@code trap section} line: traps from {@code host} ({@code *} for any, else an address or a
   * name, resolved when traps arrive) with {@code user} and the crypt hash {@code password}.
   */
  public record TrapSender(String host, String user, String password, int line) {}

  /** Reads and parses {@code file} (bytes that are not UTF-8 are replaced, never fatal). */
  public static AuthConfig read(Path file) throws IOException, ConfigException {
    return parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8), file);
  }

  /**
   * Parses auth.cf text; {@code file} only names the source in problems.
   *
   * @throws ConfigException with every error of the text, each as {@code FILE:LINE: message}
   */
  public static AuthConfig parse(String text, Path file) throws ConfigException {
    Parser p = new Parser(file);
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      p.line(lines[i], i + 1);
    }
    if (!p.errors.isEmpty()) {
      List<ConfigProblem> all = new ArrayList<>(p.errors);
      all.addAll(p.warnings);
      throw new ConfigException(all);
    }
    return new AuthConfig(p.allowed, p.denied, p.traps, p.warnings);
  }

  /**
   * mon's {@code check_auth(user, command)}: refused if the logged-in user is denied ({@code !user})
   * or logged-in users are denied ({@code !AUTH_ANY}); else allowed for {@code all}, for any
   * logged-in user under {@code AUTH_ANY}, or for a listed user. {@code command} is matched as given
   * (mon lowercases the command word, but not the argument of {@code checkauth}); {@code user} is
   * null before a successful login.
   */
  public boolean allows(String command, String user) {
    String cmd = command == null ? "" : command;
    Set<String> deny = denied.getOrDefault(cmd, Set.of());
    if (user != null && (deny.contains(user) || deny.contains(AUTH_ANY))) {
      return false;
    }
    Set<String> allow = allowed.getOrDefault(cmd, Set.of());
    return allow.contains(ALL) || (user != null && (allow.contains(AUTH_ANY) || allow.contains(user)));
  }

  /** The trap senders in file order; a later line for the same host and user wins, as in mon. */
  public List<TrapSender> trapSenders() {
    return trapSenders;
  }

  /** Lines mon accepts or skips silently but that are probably not what the author meant. */
  public List<ConfigProblem> warnings() {
    return warnings;
  }

  private static Map<String, Set<String>> freeze(Map<String, Set<String>> m) {
    Map<String, Set<String>> copy = new LinkedHashMap<>();
    m.forEach((k, v) -> copy.put(k, Collections.unmodifiableSet(new LinkedHashSet<>(v))));
    return Collections.unmodifiableMap(copy);
  }

  /** One pass over the file, collecting every problem. */
  private static final class Parser {
    final Path file;
    final Map<String, Set<String>> allowed = new LinkedHashMap<>();
    final Map<String, Set<String>> denied = new LinkedHashMap<>();
    final List<TrapSender> traps = new ArrayList<>();
    final List<ConfigProblem> errors = new ArrayList<>();
    final List<ConfigProblem> warnings = new ArrayList<>();
    boolean trapSection;

    Parser(Path file) {
      this.file = file;
    }

    void line(String raw, int n) {
      String l = PerlSpace.trim(raw);
      if (l.isEmpty() || l.startsWith("#")) {
        return;
      }
      if (COMMAND_SECTION.matcher(l).find()) {
        trapSection = false;
      } else if (TRAP_SECTION.matcher(l).find()) {
        trapSection = true;
      } else if (trapSection) {
        trap(l, n);
      } else {
        command(l, n);
      }
    }

    void command(String l, int n) {
      String[] parts = COLON.split(l, 2);
      if (parts.length < 2) {
        errors.add(new ConfigProblem(Kind.ERROR, file, n,
            "cannot parse \"" + l + "\": expected \"command: user[,user...]\""));
        return;
      }
      String cmd = parts[0].toLowerCase(Locale.ROOT);
      if (!COMMANDS.contains(cmd)) {
        warnings.add(new ConfigProblem(Kind.WARNING, file, n,
            "unknown command \"" + parts[0] + "\"" + hint(cmd) + "; this line has no effect"));
      }
      for (String u : COMMA.split(parts[1])) {
        if (u.isEmpty()) {
          continue;
        }
        if (u.chars().anyMatch(c -> MonEscaping.isSpace((char) c))) {
          warnings.add(new ConfigProblem(Kind.WARNING, file, n, "user \"" + u
              + "\" contains whitespace and can never log in (users are separated by commas,"
              + " comments must be whole lines)"));
        }
        if (u.startsWith("!")) {
          denied.computeIfAbsent(cmd, k -> new LinkedHashSet<>()).add(u.substring(1));
        } else {
          allowed.computeIfAbsent(cmd, k -> new LinkedHashSet<>()).add(u);
        }
      }
    }

    void trap(String l, int n) {
      Matcher m = TRAP_ENTRY.matcher(l);
      if (!m.find()) {
        warnings.add(new ConfigProblem(Kind.WARNING, file, n, "invalid entry \"" + l
            + "\" in trap section: expected \"host user password\"; mon skips it, and so does lvsmon"));
        return;
      }
      String host = m.group(1);
      if (!host.equals("*") && !validHost(host)) {
        warnings.add(new ConfigProblem(Kind.WARNING, file, n, "invalid host \"" + host
            + "\" in trap section: expected *, an IPv4 address or a host name; line skipped"));
        return;
      }
      traps.add(new TrapSender(host, m.group(2), m.group(3), n));
    }

    private static boolean validHost(String host) {
      Matcher quad = DOTTED_QUAD.matcher(host);
      if (quad.find()) {
        for (int i = 1; i <= 4; i++) {
          if (Integer.parseInt(quad.group(i)) > 255) {
            return false;
          }
        }
        return true;
      }
      return HOST_NAME.matcher(host).find();
    }

    private static String hint(String cmd) {
      return Suggestions.hint(cmd, COMMANDS);
    }

  }
}
