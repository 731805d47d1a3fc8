package org.lvsmon.monitor.exec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.lvsmon.config.Settings;

/**
 * The directories mon exports to every monitor and alert as {@code MON_STATEDIR}, {@code
 * MON_LOGDIR} and {@code MON_CFBASEDIR}.
 */
public record MonDirs(Path statedir, Path logdir, Path cfbasedir) {
  public MonDirs {
    Objects.requireNonNull(statedir, "statedir");
    Objects.requireNonNull(logdir, "logdir");
    Objects.requireNonNull(cfbasedir, "cfbasedir");
  }

  public static MonDirs of(Settings settings) {
    return new MonDirs(settings.statedir(), settings.logdir(), settings.cfbasedir());
  }

  /** The three variables, in mon's order. */
  public Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("MON_STATEDIR", statedir.toString());
    env.put("MON_LOGDIR", logdir.toString());
    env.put("MON_CFBASEDIR", cfbasedir.toString());
    return env;
  }
}
