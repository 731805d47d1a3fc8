package org.lvsmon.config;

import java.nio.file.Path;

/**
 * One finding about a config file, located by file and line (line 0 when it concerns the file as a
 * whole). {@link Kind#ERROR} makes the config invalid; {@link Kind#ENVIRONMENT} concerns this machine
 * (a missing directory or unreadable file), so the same config may be fine on the director it is meant
 * for; {@link Kind#WARNING} is accepted but probably not what the author meant.
 */
public record ConfigProblem(Kind kind, Path file, int line, String message) {

  /** How serious a problem is. */
  public enum Kind {
    ERROR,
    ENVIRONMENT,
    WARNING
  }

  /** The problem as {@code FILE:LINE: message}, the form editors and compilers use. */
  @Override
  public String toString() {
    String where = line > 0 ? file + ":" + line : file.toString();
    return switch (kind) {
      case ERROR -> where + ": " + message;
      case ENVIRONMENT -> where + ": environment: " + message;
      case WARNING -> where + ": warning: " + message;
    };
  }
}
