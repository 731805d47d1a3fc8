package org.lvsmon.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A parsed mon.cf: globals, hostgroups, views, aliases and watches in config order, plus the warnings
 * and environment problems found while parsing (errors make the parse fail instead). {@code
 * globalLines} gives the line that set each global, for messages about its value. Immutable.
 */
public record MonConfig(
    Path file,
    Globals globals,
    Map<String, Integer> globalLines,
    Map<String, HostGroup> hostgroups,
    Map<String, View> views,
    Map<String, List<String>> aliases,
    List<Watch> watches,
    List<ConfigProblem> problems) {
  public MonConfig {
    globalLines = Collections.unmodifiableMap(new LinkedHashMap<>(globalLines));
    hostgroups = Collections.unmodifiableMap(new LinkedHashMap<>(hostgroups));
    views = Collections.unmodifiableMap(new LinkedHashMap<>(views));
    aliases = Collections.unmodifiableMap(new LinkedHashMap<>(aliases));
    watches = List.copyOf(watches);
    problems = List.copyOf(problems);
  }

  public Optional<Watch> watch(String group) {
    return watches.stream().filter(w -> w.group().equals(group)).findFirst();
  }

  public Optional<Service> service(ServiceRef ref) {
    return watch(ref.group()).flatMap(w -> w.service(ref.service()));
  }

  /** Every service of every watch, in config order. */
  public Stream<Service> services() {
    return watches.stream().flatMap(w -> w.services().stream());
  }

  /** The hosts of a group (for a watch without a hostgroup, the watch name). */
  public List<String> hosts(String group) {
    HostGroup g = hostgroups.get(group);
    return g == null ? List.of() : g.hosts();
  }

  public List<ConfigProblem> problems(ConfigProblem.Kind kind) {
    return problems.stream().filter(p -> p.kind() == kind).toList();
  }
}
