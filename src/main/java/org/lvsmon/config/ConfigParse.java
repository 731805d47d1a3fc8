package org.lvsmon.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lvsmon.config.KeywordRegistry.Scope;

/**
 * One pass over one file's logical lines, following mon's {@code read_cf}: the record a line starts or
 * continues is decided in mon's order, so the same text yields the same model. Unlike mon it does not
 * stop at the first error; it records every problem and carries on with a placeholder block so one
 * mistake does not cascade into many.
 */
final class ConfigParse {
  private static final Pattern GLOBAL = Pattern.compile("^(\\w+)\\s*=\\s*(.*)$", Pattern.DOTALL);
  private static final Pattern HOSTGROUP = Pattern.compile("^hostgroup\\s+([a-zA-Z0-9_.-]+)\\s*(.*)$");
  private static final Pattern ALIAS = Pattern.compile("^alias\\s+([a-zA-Z0-9_.-]+)\\s*$");
  private static final Pattern VIEW = Pattern.compile("^view\\s+([a-zA-Z0-9_.-]+)\\s+(.*)$");
  private static final Pattern VIEW_EMPTY = Pattern.compile("^view\\s+([a-zA-Z0-9_.-]+)$");
  private static final Pattern WATCH = Pattern.compile("^watch\\s+([a-zA-Z0-9_.-]+)");
  private static final Pattern ENV = Pattern.compile("^([A-Z_][A-Z0-9_]*)=(.*)$");
  private static final Pattern WORD = Pattern.compile("^(\\w+)\\s*(.*)$");
  private static final Pattern TAG = Pattern.compile("^[a-zA-Z0-9_.-]+$");
  private static final Pattern PERIOD_LABEL =
      Pattern.compile("^([a-z_]\\w*)\\s*:\\s*(.*)$", Pattern.CASE_INSENSITIVE);

  private enum Record { NONE, HOSTGROUP, ALIAS, VIEW, WATCH }

  private final Path file;
  private final KeywordRegistry keywords;
  private final List<ConfigProblem> problems = new ArrayList<>();
  private final GlobalsBuilder globals = new GlobalsBuilder();
  private final Map<String, Integer> globalLines = new LinkedHashMap<>();
  private final Map<String, HostGroup> hostgroups = new LinkedHashMap<>();
  private final Map<String, View> views = new LinkedHashMap<>();
  private final Map<String, List<String>> aliases = new LinkedHashMap<>();
  private final Map<String, WatchBuilder> watches = new LinkedHashMap<>();

  private Record record = Record.NONE;
  private String current;
  private WatchBuilder watch;
  private ServiceBuilder service;
  private PeriodBuilder period;
  private Map<String, Integer> seenInBlock = new HashMap<>();
  private String blankEndedWatch;
  private int blankLine;
  private int line;

  /** A watch being built, with its services in order. */
  private static final class WatchBuilder {
    final String group;
    final int line;
    final Map<String, ServiceBuilder> services = new LinkedHashMap<>();
    boolean detached;

    WatchBuilder(String group, int line) {
      this.group = group;
      this.line = line;
    }
  }

  ConfigParse(Path file, KeywordRegistry keywords) {
    this.file = file;
    this.keywords = keywords;
  }

  MonConfig parse(String content) throws ConfigException {
    LogicalLines.Result lines = LogicalLines.split(content);
    for (LogicalLines.Line l : lines.lines()) {
      line = l.number();
      accept(l.text());
    }
    if (lines.danglingContinuationLine() > 0) {
      line = lines.danglingContinuationLine();
      warn("the file ends inside a continued line (a trailing \"\\\"); mon ignores that last line");
    }
    line = 0;
    finish();
    List<ConfigProblem> errors = problems.stream().filter(p -> p.kind() == ConfigProblem.Kind.ERROR).toList();
    if (!errors.isEmpty()) {
      throw new ConfigException(problems);
    }
    List<Watch> built = new ArrayList<>();
    for (WatchBuilder w : watches.values()) {
      built.add(new Watch(w.group, w.services.values().stream().map(ServiceBuilder::build).toList(), w.line));
    }
    return new MonConfig(file, globals.build(), globalLines, hostgroups, views, aliases, built, problems);
  }

  private void accept(String l) {
    Matcher m;
    if (record != Record.WATCH && (m = GLOBAL.matcher(l)).matches()) {
      global(m.group(1), m.group(2));
    } else if (l.isEmpty()) {
      if (record == Record.WATCH) {
        blankEndedWatch = watch.group;
        blankLine = line;
      }
      endRecord();
    } else if ((m = HOSTGROUP.matcher(l)).matches()) {
      startHostgroup(m.group(1), m.group(2));
    } else if (record == Record.HOSTGROUP) {
      addHosts(l);
    } else if ((m = ALIAS.matcher(l)).matches()) {
      start(Record.ALIAS, m.group(1));
    } else if (record == Record.ALIAS) {
      // mon appends to an alias of the same name, and an alias without lines does not exist
      aliases.computeIfAbsent(current, k -> new ArrayList<>()).add(l);
    } else if ((m = VIEW.matcher(l)).matches()) {
      start(Record.VIEW, m.group(1));
      views.put(current, new View(current, split(m.group(2)), line));
    } else if (record == Record.VIEW) {
      View v = views.get(current);
      List<String> members = new ArrayList<>(v.members());
      members.addAll(split(l));
      views.put(current, new View(current, members, v.line()));
    } else if ((m = WATCH.matcher(l)).find()) {
      startWatch(m.group(1));
    } else if (record == Record.WATCH) {
      watchLine(l);
    } else {
      ignored(l);
    }
  }

  private void endRecord() {
    record = Record.NONE;
    current = null;
    watch = null;
    service = null;
    period = null;
  }

  private void start(Record r, String name) {
    endRecord();
    record = r;
    current = name;
    blankEndedWatch = null;
  }

  private void ignored(String l) {
    if (VIEW_EMPTY.matcher(l).matches()) {
      warn("view without members is ignored, as mon ignores it: \"" + l + "\"");
    } else if (blankEndedWatch != null) {
      warn("line ignored: the blank line at line " + blankLine + " ended watch \"" + blankEndedWatch
          + "\", and mon silently drops what follows; remove the blank line to keep this in the watch: \"" + l + "\"");
    } else {
      warn("line ignored: it is not inside a hostgroup, watch, view or alias: \"" + l + "\"");
    }
  }

  // ---- globals ---------------------------------------------------------------------------------

  private void global(String name, String value) {
    String v = PerlSpace.trim(value);
    KeywordContext ctx = context(null);
    try {
      MonGlobalKeywords.Handler h = keywords.globals.get(name);
      if (h != null) {
        h.apply(v, globals, ctx);
      } else {
        Optional<KeywordRegistry.Extension<?>> ext = keywords.extension(Scope.GLOBAL, name);
        if (ext.isEmpty()) {
          error("unknown global variable \"" + name + "\"" + Suggestions.hint(name, keywords.keywords(Scope.GLOBAL)));
          return;
        }
        storeExtension(ext.get(), v, ctx, globals.extensions);
      }
      Integer previous = globalLines.put(name, line);
      if (previous != null) {
        warn("global \"" + name + "\" was already set at line " + previous + "; this later value wins");
      }
    } catch (BadValueException e) {
      error(e.getMessage());
    }
  }

  /** Stores the value; returns whether it adds to earlier lines (a {@link Extensions.Repeatable}). */
  private static <T> boolean storeExtension(
      KeywordRegistry.Extension<T> ext, String args, KeywordContext ctx, Extensions.Builder into)
      throws BadValueException {
    T value = ext.parser().parse(args, ctx);
    into.put(ext.key(), value);
    return value instanceof Extensions.Repeatable<?>;
  }

  // ---- hostgroups ------------------------------------------------------------------------------

  private void startHostgroup(String name, String hosts) {
    start(Record.HOSTGROUP, name);
    HostGroup old = hostgroups.get(name);
    if (old != null && !old.implicit()) {
      warn("hostgroup \"" + name + "\" was already defined at line " + old.line() + "; this definition replaces it");
    }
    hostgroups.put(name, new HostGroup(name, split(hosts), false, line));
  }

  private void addHosts(String l) {
    HostGroup g = hostgroups.get(current);
    List<String> hosts = new ArrayList<>(g.hosts());
    hosts.addAll(split(l));
    hostgroups.put(current, new HostGroup(current, hosts, false, g.line()));
  }

  private static List<String> split(String s) {
    return PerlSpace.words(s);
  }

  // ---- watches ---------------------------------------------------------------------------------

  /** Like mon, a watch only exists once it has a service; until then it is not even a duplicate. */
  private void startWatch(String group) {
    start(Record.WATCH, group);
    if (watches.containsKey(group)) {
      error("watch \"" + group + "\" already defined at line " + watches.get(group).line);
      watch = new WatchBuilder(group, line); // detached: its lines are still checked
      watch.detached = true;
      return;
    }
    if (!hostgroups.containsKey(group)) {
      warn("watch \"" + group + "\" has no hostgroup of that name; its only host is \"" + group + "\"");
      hostgroups.put(group, new HostGroup(group, List.of(group), true, line));
    }
    watch = new WatchBuilder(group, line);
  }

  private void watchLine(String l) {
    Matcher env = ENV.matcher(l);
    if (env.matches()) {
      if (service == null) {
        error("environment variable " + env.group(1) + " set before any \"service\" line in watch \"" + watch.group + "\"");
      } else {
        service.env.put(env.group(1), env.group(2));
      }
      return;
    }
    Matcher m = WORD.matcher(l);
    if (!m.matches()) {
      error("unknown syntax \"" + l + "\" in watch \"" + watch.group + "\" (expected a keyword)");
      return;
    }
    String word = m.group(1);
    String args = m.group(2);
    if (word.equals("service")) {
      startService(args);
    } else if (service == null) {
      error("\"" + word + "\" before any \"service\" line in watch \"" + watch.group
          + "\" (every keyword in a watch belongs to a service)");
    } else if (word.equals("period")) {
      startPeriod(args);
    } else if (period != null) {
      periodLine(word, args);
    } else {
      serviceLine(word, args);
    }
  }

  private void startService(String name) {
    period = null;
    seenInBlock = new HashMap<>();
    if (!TAG.matcher(name).matches()) {
      error("invalid service name \"" + name + "\" (expected letters, digits, \"_\", \".\" or \"-\")");
      service = new ServiceBuilder(watch.group, name, line, globals); // detached
      return;
    }
    ServiceBuilder existing = watch.services.get(name);
    service = new ServiceBuilder(watch.group, name, line, globals);
    if (existing != null) {
      error("service \"" + name + "\" already defined for watch \"" + watch.group + "\" at line " + existing.line);
      return;
    }
    watch.services.put(name, service);
    if (!watch.detached) {
      watches.putIfAbsent(watch.group, watch);
    }
  }

  private void startPeriod(String args) {
    seenInBlock = new HashMap<>();
    Matcher m = PERIOD_LABEL.matcher(args);
    String label = m.matches() ? m.group(1) : null;
    String spec = m.matches() ? m.group(2) : args;
    String key = label != null ? label : spec;
    TimePeriod when = TimePeriod.ALWAYS;
    try {
      when = Values.period("period", spec);
    } catch (BadValueException e) {
      error(e.getMessage());
    }
    period = new PeriodBuilder(key, label, when, line);
    for (PeriodBuilder p : service.periods) {
      if (p.key.equals(key)) {
        error("period \"" + key + "\" already defined for service \"" + service.name + "\" at line " + p.line);
        return; // detached
      }
    }
    service.periods.add(period);
  }

  private void serviceLine(String word, String args) {
    KeywordContext ctx = context(service);
    try {
      MonServiceKeywords.Handler h = keywords.services.get(word);
      Optional<KeywordRegistry.Extension<?>> ext = keywords.extension(Scope.SERVICE, word);
      if (h != null) {
        h.apply(args, service, ctx);
      } else if (ext.isPresent()) {
        if (storeExtension(ext.get(), args, ctx, service.extensions)) {
          return; // adds up
        }
      } else if (keywords.isKeyword(Scope.PERIOD, word)) {
        error("\"" + word + "\" belongs in a period: add a \"period\" line (e.g. \"period wd {Sun-Sat}\") before it in service \"" + service.name + "\"");
        return;
      } else {
        error("unknown keyword \"" + word + "\" in service \"" + service.name + "\""
            + Suggestions.hint(word, serviceWords()));
        return;
      }
      repeated(word, "service \"" + service.name + "\"");
    } catch (BadValueException e) {
      error(e.getMessage());
    }
  }

  private void periodLine(String word, String args) {
    KeywordContext ctx = context(service);
    try {
      MonPeriodKeywords.Handler h = keywords.periods.get(word);
      Optional<KeywordRegistry.Extension<?>> ext = keywords.extension(Scope.PERIOD, word);
      if (h != null) {
        h.apply(args, period, ctx);
      } else if (ext.isPresent()) {
        if (storeExtension(ext.get(), args, ctx, period.extensions)) {
          return; // adds up, like mon's alert lines
        }
      } else if (keywords.isKeyword(Scope.SERVICE, word)) {
        error("\"" + word + "\" is a service keyword and cannot follow a period; move it above the first \"period\" of service \""
            + service.name + "\"");
        return;
      } else {
        error("unknown keyword \"" + word + "\" in period \"" + period.key + "\" of service \"" + service.name + "\""
            + Suggestions.hint(word, periodWords()));
        return;
      }
      if (!MonPeriodKeywords.ALERT_LISTS.contains(word)) {
        repeated(word, "period \"" + period.key + "\"");
      }
    } catch (BadValueException e) {
      error(e.getMessage());
    }
  }

  private void repeated(String word, String block) {
    Integer previous = seenInBlock.put(word, line);
    if (previous != null && !word.equals("alertafter")) {
      warn("\"" + word + "\" already set at line " + previous + " in " + block + "; this later value wins");
    }
  }

  private List<String> serviceWords() {
    List<String> w = new ArrayList<>(keywords.keywords(Scope.SERVICE));
    w.add("service");
    w.add("period");
    return w;
  }

  private List<String> periodWords() {
    List<String> w = new ArrayList<>(keywords.keywords(Scope.PERIOD));
    w.add("service");
    w.add("period");
    return w;
  }

  // ---- end of file -----------------------------------------------------------------------------

  private void finish() {
    for (HostGroup g : hostgroups.values()) {
      if (!watches.containsKey(g.name())) {
        problems.add(new ConfigProblem(ConfigProblem.Kind.WARNING, file, g.line(),
            "hostgroup \"" + g.name() + "\" has no watch assigned to it"));
      }
    }
    for (WatchBuilder w : watches.values()) {
      for (ServiceBuilder s : w.services.values()) {
        checkDependencies(s);
      }
    }
  }

  private void checkDependencies(ServiceBuilder s) {
    for (Dependency d : new Dependency[] {s.depend, s.alertDepend, s.monitorDepend, s.hostDepend}) {
      if (d == null) {
        continue;
      }
      for (ServiceRef ref : d.terms()) {
        WatchBuilder w = watches.get(ref.group());
        if (w == null || !w.services.containsKey(ref.service())) {
          problems.add(new ConfigProblem(ConfigProblem.Kind.WARNING, file, s.line,
              "service " + s.group + ":" + s.name + " depends on " + ref
                  + ", which is not defined (mon counts it as failing)"));
        }
      }
    }
  }

  // ---- problems --------------------------------------------------------------------------------

  private void error(String message) {
    problems.add(new ConfigProblem(ConfigProblem.Kind.ERROR, file, line, message));
  }

  private void warn(String message) {
    problems.add(new ConfigProblem(ConfigProblem.Kind.WARNING, file, line, message));
  }

  private KeywordContext context(ServiceBuilder s) {
    int at = line;
    String group = watch == null ? null : watch.group;
    return new KeywordContext() {
      @Override
      public Path file() {
        return file;
      }

      @Override
      public int line() {
        return at;
      }

      @Override
      public Optional<String> group() {
        return Optional.ofNullable(group);
      }

      @Override
      public Optional<String> service() {
        return s == null ? Optional.empty() : Optional.of(s.name);
      }

      @Override
      public Optional<Duration> interval() {
        return s == null ? Optional.empty() : Optional.ofNullable(s.interval);
      }

      @Override
      public void warn(String message) {
        problems.add(new ConfigProblem(ConfigProblem.Kind.WARNING, file, at, message));
      }

      @Override
      public void environment(String message) {
        problems.add(new ConfigProblem(ConfigProblem.Kind.ENVIRONMENT, file, at, message));
      }
    };
  }
}
