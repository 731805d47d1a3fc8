package org.lvsmon.config;

import java.time.Duration;

/** A period's {@code alertevery} setting: repeat a failure alert at most once per {@code every}. */
public record AlertEvery(Duration every, Mode mode) {

  /** What makes a repeated failure "the same" and so suppressible. */
  public enum Mode {
    /** The summary line equals the previous failure's (also what the legacy word {@code summary} means). */
    SUMMARY,
    /** The whole output equals the previous failure's. */
    OBSERVE_DETAIL,
    /** Any failure; the timer is not reset by a success. */
    STRICT,
    /** Any failure; the timer is reset by a success. */
    IGNORE_SUMMARY
  }
}
