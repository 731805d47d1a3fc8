package org.lvsmon.config;

import java.util.List;

/**
 * A program named in mon.cf with its arguments, as written (for example a {@code monitor}, {@code
 * alert} or {@code redistribute} line). {@code args} is the shell-like split of {@code argsText};
 * the program is resolved on the mondir or alertdir search path when it runs.
 */
public record CommandLine(String name, List<String> args, String argsText) {
  public CommandLine {
    args = List.copyOf(args);
  }

  /** The line as mon shows it: name then the argument text. */
  public String text() {
    return argsText.isEmpty() ? name : name + " " + argsText;
  }
}
