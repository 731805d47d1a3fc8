package org.lvsmon.control;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A time source that stands still until a test moves it on. */
final class StepClock implements InstantSource {
  private volatile Instant now = Instant.parse("2026-11-02T01:29:30Z");

  void advance(Duration d) {
    now = now.plus(d);
  }

  @Override
  public Instant instant() {
    return now;
  }
}
