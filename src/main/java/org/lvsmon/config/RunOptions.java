package org.lvsmon.config;

import java.time.Duration;

/**
 * mon's command-line options that override config globals ({@code -a -b -A -L -D -s -P -k -m -p -t
 * -r}); a null field was not given. {@code cfbasedir} ({@code -B}) only supplies the default, since a
 * {@code cfbasedir} global wins over it, as in mon.
 */
public record RunOptions(
    String alertdir,
    String basedir,
    String cfbasedir,
    String authfile,
    String logdir,
    String statedir,
    String mondir,
    String pidfile,
    Integer maxkeep,
    Integer maxprocs,
    Integer serverport,
    Integer trapport,
    Duration randstart) {
  public static final RunOptions NONE =
      new RunOptions(null, null, null, null, null, null, null, null, null, null, null, null, null);
}
