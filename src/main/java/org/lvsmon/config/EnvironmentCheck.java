package org.lvsmon.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a config against this machine: files that must be readable, directories that must exist,
 * and monitor and alert programs that must be found on the search paths. These are reported apart
 * from syntax errors, so that a config can be checked on a machine other than its director.
 */
public final class EnvironmentCheck {
  private EnvironmentCheck() {}

  public static List<ConfigProblem> check(MonConfig config, Settings settings) {
    List<ConfigProblem> found = new ArrayList<>();
    Path file = config.file();
    Globals g = config.globals();
    if (g.authfile() != null && !Files.isReadable(settings.authfile())) {
      found.add(problem(file, config.globalLines().get("authfile"),
          "authfile " + settings.authfile() + " does not exist or is not readable (mon refuses to start without it)"));
    }
    if (g.userfile() != null && !Files.isReadable(settings.userfile())) {
      found.add(problem(file, config.globalLines().get("userfile"),
          "userfile " + settings.userfile() + " does not exist or is not readable"));
    }
    dirs(found, file, config.globalLines().get("mondir"), "mondir", settings.mondirs(), g.mondir() != null);
    dirs(found, file, config.globalLines().get("alertdir"), "alertdir", settings.alertdirs(), g.alertdir() != null);
    config.services().forEach(s -> programs(found, file, s, settings));
    return found;
  }

  /** The first executable named {@code name} on {@code dirs}, as mon resolves monitors and alerts. */
  public static Optional<Path> resolve(String name, List<Path> dirs) {
    for (Path d : dirs) {
      Path p = d.resolve(name);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private static void dirs(List<ConfigProblem> found, Path file, Integer line, String keyword, List<Path> dirs, boolean configured) {
    if (!configured) {
      return; // the defaults list places that need not all exist
    }
    for (Path d : dirs) {
      if (!Files.isDirectory(d)) {
        found.add(problem(file, line, keyword + " directory " + d + " does not exist"));
      }
    }
  }

  private static void programs(List<ConfigProblem> found, Path file, Service s, Settings settings) {
    if (s.monitor() != null) {
      missing(found, file, s.line(), "monitor", s.monitor().command().name(), s, settings.mondirs());
    }
    if (s.redistribute() != null) {
      missing(found, file, s.line(), "redistribute alert", s.redistribute().name(), s, settings.alertdirs());
    }
    for (Period p : s.periods()) {
      List<List<AlertCommand>> lists = List.of(p.alerts(), p.upalerts(), p.startupalerts(), p.ackalerts(), p.disablealerts());
      lists.stream().flatMap(List::stream).map(a -> a.command().name()).distinct()
          .forEach(name -> missing(found, file, p.line(), "alert", name, s, settings.alertdirs()));
      p.extensions().alertNames().stream().distinct()
          .forEach(name -> missing(found, file, p.line(), "alert", name, s, settings.alertdirs()));
    }
  }

  private static void missing(List<ConfigProblem> found, Path file, int line, String what, String name, Service s, List<Path> dirs) {
    if (resolve(name, dirs).isEmpty()) {
      found.add(problem(file, line, what + " \"" + name + "\" of " + s.group() + "/" + s.name()
          + " is not an executable file in any of " + dirs));
    }
  }

  private static ConfigProblem problem(Path file, Integer line, String message) {
    return new ConfigProblem(ConfigProblem.Kind.ENVIRONMENT, file, line == null ? 0 : line, message);
  }
}
