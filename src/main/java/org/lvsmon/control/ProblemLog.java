package org.lvsmon.control;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * Logs each distinct problem once, so a stream of failed logins cannot fill the log with the same
 * line; {@link #solved} lets a problem that comes back be logged again. Keeps at most
 * {@value #MAX_KEYS} problems (then starts over). Thread-safe.
 */
final class ProblemLog {
  static final int MAX_KEYS = 1024;

  private final Logger log;
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  ProblemLog(Logger log) {
    this.log = log;
  }

  /** Logs {@code message} at WARN unless {@code key} was logged before; true if it logged. */
  boolean warnOnce(String key, String message) {
    if (seen.size() >= MAX_KEYS) {
      seen.clear();
    }
    if (!seen.add(key)) {
      return false;
    }
    log.warn(message);
    return true;
  }

  /** Forgets {@code key}, so that its next occurrence is logged again. */
  void solved(String key) {
    seen.remove(key);
  }
}
