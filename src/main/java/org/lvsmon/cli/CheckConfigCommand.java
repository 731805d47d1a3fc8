package org.lvsmon.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.lvsmon.config.ConfigException;
import org.lvsmon.config.ConfigJson;
import org.lvsmon.config.ConfigProblem;
import org.lvsmon.config.EnvironmentCheck;
import org.lvsmon.config.MonConfig;
import org.lvsmon.config.MonConfigParser;
import org.lvsmon.config.RunOptions;
import org.lvsmon.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lvsmon check-config FILE}: parses a mon.cf as mon would and reports every problem. Exit 0
 * when valid (environment problems, which concern this machine only, are printed but do not fail the
 * check unless {@code --strict}), 1 when not.
 */
@Command(
    name = "check-config",
    mixinStandardHelpOptions = true,
    description = "Check a mon.cf: exit 0 and a one-line summary when valid, exit 1 and every error on stderr when not.")
final class CheckConfigCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "the config file (a name ending in .m4 is read through m4)")
  Path file;

  @Option(names = "--json", description = "print the normalized model as JSON on stdout")
  boolean json;

  @Option(names = "--strict", description = "also fail on environment problems (missing directories, files or scripts on this machine)")
  boolean strict;

  @Option(names = {"-M", "--m4"}, arity = "0..1", fallbackValue = "m4", paramLabel = "M4",
      description = "read the file through m4 (optionally naming the m4 program), as mon -M does")
  String m4;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    MonConfig config;
    try {
      config = Commands.parse(file, m4);
    } catch (ConfigException e) {
      e.problems().forEach(p -> err.println(p));
      long errors = e.problems().stream().filter(p -> p.kind() == ConfigProblem.Kind.ERROR).count();
      err.println(file + ": " + errors + (errors == 1 ? " error" : " errors"));
      err.flush();
      return 1;
    }
    Settings settings = Settings.resolve(config, RunOptions.NONE, Installation.builtinDirs(), Files::isDirectory);
    List<ConfigProblem> environment = EnvironmentCheck.check(config, settings);
    config.problems().forEach(err::println);
    environment.forEach(err::println);
    if (json) {
      out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(new ConfigJson().toJson(config)));
    } else {
      out.println(summary(config, environment));
    }
    out.flush();
    err.flush();
    return strict && !environment.isEmpty() ? 1 : 0;
  }

  static String summary(MonConfig c, List<ConfigProblem> environment) {
    long services = c.services().count();
    long periods = c.services().mapToLong(s -> s.periods().size()).sum();
    String notes = "";
    int warnings = c.problems(ConfigProblem.Kind.WARNING).size();
    if (warnings > 0 || !environment.isEmpty()) {
      notes = " (" + warnings + (warnings == 1 ? " warning" : " warnings") + ", "
          + environment.size() + (environment.size() == 1 ? " environment problem" : " environment problems") + ")";
    }
    return c.file() + ": OK: " + plural(c.hostgroups().size(), "hostgroup") + ", " + plural(c.watches().size(), "watch")
        + ", " + plural(services, "service") + ", " + plural(periods, "period") + notes;
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : word.endsWith("h") ? "es" : "s");
  }
}
