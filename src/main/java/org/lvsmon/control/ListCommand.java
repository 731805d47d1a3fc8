package org.lvsmon.control;

import static org.lvsmon.control.PerlWords.field;
import static org.lvsmon.control.PerlWords.str;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lvsmon.config.HostGroup;
import org.lvsmon.config.MonConfig;
import org.lvsmon.config.Service;
import org.lvsmon.config.ServiceRef;
import org.lvsmon.config.View;
import org.lvsmon.config.Watch;
import org.lvsmon.service.OpStatus;

/**
 * The {@code list} command and its subcommands, as mon's {@code client_command} answers them. Where
 * mon walks a Perl hash (in no particular order) this walks the config's order. lvsmon adds {@code
 * list ipvs} (one {@link IpvsLine} per real server of a {@code balance} service, limited to the
 * services the client's view shows, as {@code list opstatus} is) and {@code list drained} (one
 * {@code host= reason=} line per drained host, in the order they were drained, whatever the view).
 */
final class ListCommand {
  static final String NO_VIEW = "no view selected -- all groups will be displayed";

  /** The {@code group:service} terms mon's {@code list deps} finds in a depend expression. */
  private static final Pattern DEP_TERM = Pattern.compile("[a-zA-Z0-9_.-]+:[a-zA-Z0-9_.-]+");

  private final MonServer server;
  private final OpstatusLines opstatusLines = new OpstatusLines();

  ListCommand(MonServer server) {
    this.server = server;
  }

  /** The reply to {@code list ARGS} for a client with {@code view} (null for none), at {@code now}. */
  Reply handle(String args, String view, Instant now) {
    List<String> f = PerlWords.split(args, 2);
    String sub = str(field(f, 0));
    String rest = field(f, 1);
    return switch (sub) {
      case "opstatus" -> opstatus(rest, view, now);
      case "failures" -> filtered(OpStatus::isFailure, view, now, "220 list failures completed");
      case "successes" -> filtered(OpStatus::isSuccess, view, now, "220 list successes completed");
      case "warnings" -> filtered(OpStatus::isWarning, view, now, "220 list successes completed"); // sic
      case "group" -> group(str(rest));
      case "watch" -> perService(view, s -> s.group() + " " + s.name(), "220 list watch completed");
      case "descriptions" -> perService(view,
          s -> s.group() + " " + s.name() + " " + MonEscaping.escape(s.service().description(), true),
          "220 list descriptions completed");
      case "disabled" -> disabled(view);
      case "alerthist" -> history(server.alertHistory(), "220 list alerthist completed");
      case "failurehist" -> history(server.failureHistory(), "220 list failurehist completed");
      case "dtlog" -> dtlog();
      case "pids" -> pids();
      case "state" -> Reply.of(List.of(server.stoppedSince()
          .map(t -> "scheduler stopped since " + t.getEpochSecond()).orElse("scheduler running")),
          "220 list state completed");
      case "deps" -> deps(view);
      case "aliases" -> aliases(PerlWords.split(args, 0));
      case "aliasgroups" -> aliasgroups();
      case "ipvs" -> ipvs(view);
      case "drained" -> Reply.of(server.drained().entrySet().stream()
          .map(e -> IpvsLine.drained(e.getKey(), e.getValue())).toList(), "220 list drained completed");
      case "outbox" -> Reply.of(server.outbox().stream().map(QueuedMail::line).toList(), "220 list outbox completed");
      case "views" -> Reply.of(List.of("views " + String.join(" ", server.config().views().keySet().stream()
          .sorted().toList())), "220 list group completed"); // sic
      default -> Reply.status("520 unknown list command");
    };
  }

  private Reply opstatus(String selectors, String view, Instant now) {
    List<ServiceStatus> all = server.services();
    opstatusLines.forgetBeyond(all.size());
    if (selectors == null || selectors.isEmpty()) {
      ViewFilter visible = ViewFilter.of(server.config(), view);
      return Reply.ofCheckedLines(all.stream().filter(s -> visible.shows(s.group(), s.name()))
          .map(s -> opstatusLines.of(s, now)).toList(), "220 list opstatus completed");
    }
    // selectors ignore the view, as in mon
    Map<ServiceRef, ServiceStatus> byRef = new LinkedHashMap<>();
    all.forEach(s -> byRef.put(s.service().ref(), s));
    List<String> lines = new ArrayList<>();
    for (String selector : PerlWords.split(selectors, 0)) {
      List<String> gs = PerlWords.splitOn(selector, ',');
      String group = str(field(gs, 0));
      String service = str(field(gs, 1));
      if (service.isEmpty()) {
        all.stream().filter(s -> s.group().equals(group)).forEach(s -> lines.add(opstatusLines.of(s, now)));
      } else if (byRef.containsKey(new ServiceRef(group, service))) {
        lines.add(opstatusLines.of(byRef.get(new ServiceRef(group, service)), now));
      } else {
        return Reply.status("520 " + group + "," + service + " does not exist");
      }
    }
    return Reply.ofCheckedLines(lines, "220 list opstatus completed");
  }

  private Reply filtered(Predicate<OpStatus> which, String view, Instant now, String status) {
    ViewFilter visible = ViewFilter.of(server.config(), view);
    List<ServiceStatus> all = server.services();
    opstatusLines.forgetBeyond(all.size());
    return Reply.ofCheckedLines(all.stream()
        .filter(s -> visible.shows(s.group(), s.name()) && which.test(s.state().opStatus()))
        .map(s -> opstatusLines.of(s, now)).toList(), status);
  }

  private Reply perService(String view, Function<ServiceStatus, String> line, String status) {
    ViewFilter visible = ViewFilter.of(server.config(), view);
    return Reply.of(server.services().stream().filter(s -> visible.shows(s.group(), s.name())).map(line).toList(),
        status);
  }

  private Reply ipvs(String view) {
    ViewFilter visible = ViewFilter.of(server.config(), view);
    return Reply.of(server.ipvs().stream().filter(v -> visible.shows(v.service().group(), v.service().service()))
        .map(IpvsLine::of).toList(), "220 list ipvs completed");
  }

  private Reply group(String name) {
    HostGroup g = server.config().hostgroups().get(name);
    if (g == null) {
      return Reply.status("520 list group error, undefined group");
    }
    DisabledState disabled = server.disabled();
    List<String> hosts = new ArrayList<>();
    for (String h : g.hosts()) {
      hosts.add(disabled.hosts().contains(h) ? "*" + h : h);
    }
    return Reply.of(List.of("hostgroup " + name + " " + String.join(" ", hosts)), "220 list group completed");
  }

  private Reply disabled(String view) {
    MonConfig config = server.config();
    DisabledState disabled = server.disabled();
    ViewFilter visible = ViewFilter.of(config, view);
    List<String> lines = new ArrayList<>();
    for (HostGroup g : config.hostgroups().values()) {
      List<String> off = g.hosts().stream().filter(disabled.hosts()::contains).toList();
      if (!off.isEmpty() && visible.shows(g.name(), null)) {
        lines.add("group " + g.name() + ": " + String.join(" ", off));
      }
    }
    for (Watch w : config.watches()) {
      if (disabled.watches().contains(w.group()) && visible.shows(w.group(), null)) {
        lines.add("watch " + w.group());
      }
      for (Service s : w.services()) {
        if (disabled.services().contains(s.ref()) && visible.shows(w.group(), s.name())) {
          lines.add("watch " + w.group() + " service " + s.name());
        }
      }
    }
    return Reply.of(lines, "220 list disabled completed");
  }

  private static Reply history(List<String> entries, String status) {
    return Reply.of(entries.stream().map(l -> MonEscaping.escape(l, false)).toList(), status);
  }

  private Reply dtlog() {
    Optional<List<String>> log;
    try {
      log = server.downtimeLog();
    } catch (IOException e) {
      return Reply.status("520 list dtlog error, cannot open dtlog");
    }
    if (log.isEmpty()) {
      return Reply.status("520 list dtlog error, dtlogging is not turned on");
    }
    List<String> lines = new ArrayList<>();
    for (String l : log.get()) {
      String line = l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
      if (!line.startsWith("#") && !line.chars().allMatch(c -> MonEscaping.isSpace((char) c))) {
        lines.add(line);
      }
    }
    return Reply.of(lines, "220 list dtlog completed");
  }

  private Reply pids() {
    List<String> lines = new ArrayList<>();
    lines.add("server " + server.pid());
    for (ServiceStatus s : server.services()) {
      if (s.monitorRunning() && s.monitorPid() != 0) {
        lines.add(s.group() + " " + s.name() + " " + s.monitorPid());
      }
    }
    return Reply.of(lines, "220 list pids completed");
  }

  private Reply deps(String view) {
    ViewFilter visible = ViewFilter.of(server.config(), view);
    List<String> lines = new ArrayList<>();
    for (ServiceStatus st : server.services()) {
      if (!visible.shows(st.group(), st.name())) {
        continue;
      }
      String gs = st.group() + " " + st.name();
      String expr = st.service().depend() == null ? "" : st.service().depend().expression();
      lines.add("exp " + gs + " '" + (expr.isEmpty() ? "NONE" : MonEscaping.escape(expr, true)) + "'");
      List<String> terms = new ArrayList<>();
      Matcher m = DEP_TERM.matcher(expr);
      while (m.find()) {
        terms.add(m.group());
      }
      lines.add("cmp " + gs + " " + (terms.isEmpty() ? "NONE" : String.join(" ", terms)));
    }
    return Reply.of(lines, "220 list deps completed");
  }

  private Reply aliases(List<String> words) {
    Map<String, List<String>> aliases = server.config().aliases();
    List<String> wanted = words.size() > 1 ? words.subList(1, words.size()) : List.copyOf(aliases.keySet());
    List<String> lines = new ArrayList<>();
    for (String a : wanted) {
      lines.add("alias " + a);
      lines.addAll(aliases.getOrDefault(a, List.of()));
      lines.add("");
    }
    return Reply.of(lines, "220 list aliases completed");
  }

  private Reply aliasgroups() {
    var names = server.config().aliases().keySet();
    return Reply.of(names.isEmpty() ? List.of() : List.of(String.join(" ", names)), "220 list aliasgroups completed");
  }

  /**
   * mon's {@code view_match}: no view shows everything; a view shows its groups and its {@code
   * group:service} pairs; a view that no longer exists (after a reset) shows nothing.
   */
  private record ViewFilter(View view, boolean all) {
    static ViewFilter of(MonConfig config, String name) {
      return name == null ? new ViewFilter(null, true) : new ViewFilter(config.views().get(name), false);
    }

    /** Whether the view shows {@code group} (with {@code service} null) or that service. */
    boolean shows(String group, String service) {
      return all || (view != null
          && (view.members().contains(group) || view.members().contains(group + ":" + str(service))));
    }
  }
}
