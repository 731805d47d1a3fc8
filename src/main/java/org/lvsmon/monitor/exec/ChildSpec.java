package org.lvsmon.monitor.exec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to start: {@code argv} (absolute program path first, no shell), variables to set on top of
 * the daemon's environment, what to write on stdin ({@code null}: stdin is {@code /dev/null}), and
 * how many output bytes to keep. {@code name} labels threads and log lines, e.g. {@code login/ssh}.
 */
public record ChildSpec(String name, List<String> argv, Map<String, String> env, String stdin, int outputLimit) {
  public ChildSpec {
    Objects.requireNonNull(name, "name");
    argv = List.copyOf(argv);
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    if (argv.isEmpty() || !argv.get(0).startsWith("/")) {
      throw new IllegalArgumentException("the program of " + name + " must be an absolute path, not " + argv);
    }
    if (outputLimit < 0) {
      throw new IllegalArgumentException("output limit of " + name + " must not be negative: " + outputLimit);
    }
  }
}
