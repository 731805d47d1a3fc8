package org.lvsmon.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.lvsmon.config.AlertCommand;
import org.lvsmon.config.EnvironmentCheck;
import org.lvsmon.config.MonConfig;
import org.lvsmon.config.Period;
import org.lvsmon.config.Service;
import org.lvsmon.config.Settings;
import org.lvsmon.monitor.BuiltinMonitors;
import org.lvsmon.service.FailStaticAlerts;

/**
 * For a migration from mon: which monitor and alert names of a config lvsmon runs in-process (its
 * built-ins, found by their scripts' marker line), which it forks as scripts, and which are found
 * on no search path; with the services that use each.
 */
final class NameReport {
  /** The built-in monitors the daemon runs in-process. */
  static final Set<String> MONITORS = Set.of("tcp", "ssh", "ssh-load");
  /** The built-in alerts the daemon runs in-process. */
  static final Set<String> ALERTS = Set.of("lvs", "mail");

  private NameReport() {}

  /** One line per name: {@code monitor|alert NAME: built-in X (PATH) | script PATH | NOT FOUND on DIRS; used by ...}. */
  static List<String> lines(MonConfig config, Settings settings) {
    Map<String, List<String>> monitors = new TreeMap<>();
    Map<String, List<String>> alerts = new TreeMap<>();
    for (Service s : config.services().toList()) {
      String who = s.group() + "/" + s.name();
      if (s.monitor() != null) {
        add(monitors, s.monitor().command().name(), who);
      }
      if (s.redistribute() != null) {
        add(alerts, s.redistribute().name(), who);
      }
      for (Period p : s.periods()) {
        for (List<AlertCommand> list : List.of(p.alerts(), p.upalerts(), p.startupalerts(), p.ackalerts(),
            p.disablealerts())) {
          list.forEach(a -> add(alerts, a.command().name(), who));
        }
        p.extensions().get(FailStaticAlerts.KEY).ifPresent(f -> f.commands().forEach(c -> add(alerts, c.name(), who)));
      }
    }
    List<String> out = new ArrayList<>();
    monitors.forEach((name, who) -> out.add(line("monitor", name, who, settings.mondirs(), MONITORS)));
    alerts.forEach((name, who) -> out.add(line("alert", name, who, settings.alertdirs(), ALERTS)));
    return out;
  }

  private static void add(Map<String, List<String>> into, String name, String who) {
    List<String> users = into.computeIfAbsent(name, k -> new ArrayList<>());
    if (!users.contains(who)) {
      users.add(who);
    }
  }

  private static String line(String kind, String name, List<String> who, List<Path> dirs, Set<String> builtins) {
    Optional<Path> path = EnvironmentCheck.resolve(name, dirs);
    String what;
    if (path.isEmpty()) {
      what = "NOT FOUND on " + String.join(":", dirs.stream().map(Path::toString).toList());
    } else {
      Optional<String> builtin = BuiltinMonitors.builtinName(path.get()).filter(builtins::contains);
      what = builtin.map(b -> "built-in " + b + ", in-process (" + path.get() + ")")
          .orElse("script " + path.get() + ", forked");
    }
    return kind + " " + name + ": " + what + "; used by " + String.join(", ", who);
  }
}
