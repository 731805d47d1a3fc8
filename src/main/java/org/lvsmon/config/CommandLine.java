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

  /**
   * Parses a keyword's arguments as mon does a program line: the program name, then the rest split
   * like a shell would (quotes, backslashes), never run through one.
   */
  public static CommandLine parse(String keyword, String text) throws BadValueException {
    return Values.command(keyword, text);
  }

  /** The line as mon shows it: name then the argument text. */
  public String text() {
    return argsText.isEmpty() ? name : name + " " + argsText;
  }
}
