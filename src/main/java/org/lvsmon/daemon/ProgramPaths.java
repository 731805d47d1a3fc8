package org.lvsmon.daemon;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lvsmon.config.EnvironmentCheck;
import org.lvsmon.config.MonConfig;
import org.lvsmon.config.Period;
import org.lvsmon.config.Service;
import org.lvsmon.config.Settings;
import org.lvsmon.service.FailStaticAlerts;

/**
 * Every monitor and alert name of a config resolved once, at start (and reset), to the first
 * executable of that name on the mondir / alertdir path, as mon builds its lookup tables. A name
 * that did not resolve stays unresolved until the next reset, as in mon.
 */
final class ProgramPaths {
  private final Map<String, Path> monitors = new HashMap<>();
  private final Map<String, Path> alerts = new HashMap<>();

  ProgramPaths(MonConfig config, Settings settings) {
    for (Service s : config.services().toList()) {
      if (s.monitor() != null) {
        resolve(monitors, s.monitor().command().name(), settings.mondirs());
      }
      if (s.redistribute() != null) {
        resolve(alerts, s.redistribute().name(), settings.alertdirs());
      }
      for (Period p : s.periods()) {
        for (var list : List.of(p.alerts(), p.upalerts(), p.startupalerts(), p.ackalerts(), p.disablealerts())) {
          list.forEach(a -> resolve(alerts, a.command().name(), settings.alertdirs()));
        }
        p.extensions().get(FailStaticAlerts.KEY).ifPresent(f -> f.commands()
            .forEach(c -> resolve(alerts, c.name(), settings.alertdirs())));
      }
    }
  }

  private static void resolve(Map<String, Path> into, String name, List<Path> dirs) {
    if (!into.containsKey(name)) {
      into.put(name, EnvironmentCheck.resolve(name, dirs).orElse(null));
    }
  }

  /** The monitor's path, or null when it was not found (or {@code name} is null). */
  Path monitor(String name) {
    return name == null ? null : monitors.get(name);
  }

  /** The alert's path, or null when it was not found. */
  Path alert(String name) {
    return alerts.get(name);
  }
}
