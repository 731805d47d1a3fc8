package org.lvsmon.monitor;

import java.time.Duration;
import org.lvsmon.config.BadValueException;
import org.lvsmon.config.Extensions;
import org.lvsmon.config.KeywordRegistry;
import org.lvsmon.config.TimeValue;

/**
 * lvsmon's {@code monitor_timeout TIME} service keyword: a monitor still running after TIME has its
 * whole process group terminated (TERM, then KILL after a grace period) and the run counts as a
 * failure. mon has no monitor timeout, so without the keyword a hung monitor runs forever, as in mon.
 */
public final class MonitorTimeout {
  public static final String KEYWORD = "monitor_timeout";
  public static final Extensions.Key<Duration> KEY = new Extensions.Key<>(KEYWORD, Duration.class);

  private MonitorTimeout() {}

  public static void register(KeywordRegistry registry) {
    registry.register(KeywordRegistry.Scope.SERVICE, KEYWORD, KEY, (args, ctx) -> {
      Duration d = TimeValue.parse(args).orElseThrow(() -> new BadValueException(
          KEYWORD + ": invalid time value \"" + args + "\" (expected a number with a unit s, m, h or d, e.g. 30s)"));
      if (d.isZero()) {
        throw new BadValueException(KEYWORD + ": time value \"" + args + "\" must be greater than 0");
      }
      return d;
    });
  }
}
