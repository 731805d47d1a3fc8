package org.lvsmon.service;

import java.util.Optional;

/**
 * A service's operational status with mon's numbers, as {@code list opstatus} and {@code
 * MON_OPSTATUS} show them. Only FAIL, OK and UNTESTED arise from monitor results; the others exist
 * because clients and saved state may carry them.
 */
public enum OpStatus {
  FAIL(0),
  OK(1),
  COLDSTART(2),
  WARMSTART(3),
  LINKDOWN(4),
  UNKNOWN(5),
  TIMEOUT(6),
  UNTESTED(7),
  DEPEND(8),
  WARN(9);

  private final int code;

  OpStatus(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The status for mon's number, if it is one. */
  public static Optional<OpStatus> of(int code) {
    for (OpStatus s : values()) {
      if (s.code == code) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /**
   * mon's {@code %SUCCESS}: what a dependency counts as passing and {@code list successes} shows.
   * UNTESTED counts, so a parent that has not run yet does not hold back its children.
   */
  public boolean isSuccess() {
    return this == OK || this == COLDSTART || this == WARMSTART || this == UNKNOWN || this == UNTESTED;
  }

  /** mon's {@code %FAILURE}: what {@code list failures} shows. */
  public boolean isFailure() {
    return this == FAIL || this == LINKDOWN || this == TIMEOUT;
  }

  /** mon's {@code %WARNING}: what {@code list warnings} shows. */
  public boolean isWarning() {
    return this == COLDSTART || this == WARMSTART || this == UNKNOWN || this == WARN;
  }
}
