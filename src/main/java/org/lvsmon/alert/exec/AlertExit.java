package org.lvsmon.alert.exec;

import org.lvsmon.monitor.exec.ExitStatus;

/**
 * How one alert run ended: its exit status, whether lvsmon stopped it at the alert runtime limit,
 * and the first lines of its merged stdout and stderr. {@code status} is null when lvsmon stopped
 * tracking it while it still ran (daemon shutdown).
 */
public record AlertExit(ExitStatus status, boolean timedOut, String outputHead) {
  public boolean succeeded() {
    return status != null && !timedOut && !status.signalled() && status.code() == 0;
  }
}
