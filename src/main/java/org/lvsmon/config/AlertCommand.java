package org.lvsmon.config;

/**
 * One {@code alert}, {@code upalert}, {@code startupalert}, {@code ackalert} or {@code disablealert}
 * line of a period. {@code exitRange} is null when the line has no {@code exit=} prefix, in which case
 * the alert applies whatever the monitor's exit value.
 */
public record AlertCommand(ExitRange exitRange, CommandLine command) {

  /** Whether this alert is called for a monitor that exited with {@code retval}. */
  public boolean appliesTo(int retval) {
    return exitRange == null || exitRange.contains(retval);
  }
}
