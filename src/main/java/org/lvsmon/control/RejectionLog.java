package org.lvsmon.control;

import java.net.InetAddress;
import java.time.InstantSource;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Rate-limits the log lines for rejected traps, so a flood cannot fill the log: at most one line
 * per sender per {@code window}, the next one saying how many were rejected in between. At most
 * {@value #MAX_SENDERS} senders are tracked; beyond that, the others share one line per window.
 * Thread-safe.
 */
final class RejectionLog {
  static final int MAX_SENDERS = 1024;

  private static final class Sender {
    Instant logged;
    int suppressed;
  }

  private final Consumer<String> out;
  private final InstantSource clock;
  private final Duration window;
  private final Map<InetAddress, Sender> senders = new HashMap<>();
  private final Sender others = new Sender();

  RejectionLog(Consumer<String> out, InstantSource clock, Duration window) {
    this.out = Objects.requireNonNull(out, "out");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.window = Objects.requireNonNull(window, "window");
  }

  /** Notes that a trap {@code from} was rejected for {@code reason}; logs it unless rate-limited. */
  void rejected(InetAddress from, String reason) {
    String line;
    synchronized (this) {
      Instant now = clock.instant();
      if (senders.size() >= MAX_SENDERS && !senders.containsKey(from)) {
        senders.values().removeIf(s -> s.suppressed == 0 && !now.isBefore(s.logged.plus(window)));
      }
      boolean tracked = senders.size() < MAX_SENDERS || senders.containsKey(from);
      Sender s = tracked ? senders.computeIfAbsent(from, k -> new Sender()) : others;
      if (s.logged != null && now.isBefore(s.logged.plus(window))) {
        s.suppressed++;
        return;
      }
      line = "[traps] rejected a trap from " + from.getHostAddress() + (tracked ? "" : " (one of many senders)")
          + ": " + reason + (s.suppressed == 0 ? ""
          : " (" + s.suppressed + " more rejected " + (tracked ? "from it" : "from untracked senders")
          + " since " + s.logged + ")");
      s.logged = now;
      s.suppressed = 0;
    }
    out.accept(line);
  }
}
