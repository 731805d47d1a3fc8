package org.lvsmon.config;

import java.util.Optional;

/** What a service's {@code depend} expression controls ({@code dep_behavior}). */
public enum DepBehavior {
  /** {@code a}: failure alerts are suppressed while the dependency is false. */
  ALERT("a"),
  /** {@code m}: the monitor does not run while the dependency is false. */
  MONITOR("m"),
  /** {@code hm}: hosts named by failing parents are dropped from the monitor's arguments. */
  HOST_MONITOR("hm");

  private final String keyword;

  DepBehavior(String keyword) {
    this.keyword = keyword;
  }

  public String keyword() {
    return keyword;
  }

  /** The behaviour for a mon.cf word, matched exactly as mon does (case-sensitive). */
  public static Optional<DepBehavior> of(String word) {
    for (DepBehavior b : values()) {
      if (b.keyword.equals(word)) {
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }
}
