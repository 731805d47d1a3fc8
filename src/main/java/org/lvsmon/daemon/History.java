package org.lvsmon.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mon's histories: the alert history and failure history kept in memory up to {@code histlength}
 * entries each, the alert history appended to {@code historicfile} when one is set, and the downtime
 * log written when {@code dtlogging} is on. Confined to the engine thread. A failed file write is
 * logged and does not stop monitoring.
 */
final class History {
  private static final Logger log = LoggerFactory.getLogger(History.class);

  private int capacity;
  private final Path historicFile;
  private final Path downtimeLog;
  private final Deque<String> alerts = new ArrayDeque<>();
  private final Deque<String> failures = new ArrayDeque<>();

  History(int capacity, Path historicFile, Path downtimeLog) {
    this.capacity = capacity;
    this.historicFile = historicFile;
    this.downtimeLog = downtimeLog;
  }

  /** Writes the downtime log's start header, as mon does at every start and reset. */
  void startDowntimeLog(Instant now) {
    if (downtimeLog != null) {
      append(downtimeLog, "#\n# downtime log start " + now.getEpochSecond()
          + "\n# time back up, group, service, first failure, downtime, interval, summary\n#\n");
    }
  }

  void alert(String line) {
    add(alerts, line);
    if (historicFile != null) {
      append(historicFile, line + "\n");
    }
  }

  void failure(String line) {
    add(failures, line);
  }

  void downtime(String line) {
    if (downtimeLog != null) {
      append(downtimeLog, line + "\n");
    }
  }

  int capacity() {
    return capacity;
  }

  /** mon's {@code set maxkeep}: the histories keep at most {@code n} lines from now on. */
  void capacity(int n) {
    capacity = Math.max(0, n);
    while (alerts.size() > capacity) {
      alerts.removeFirst();
    }
    while (failures.size() > capacity) {
      failures.removeFirst();
    }
  }

  List<String> alerts() {
    return List.copyOf(alerts);
  }

  List<String> failures() {
    return List.copyOf(failures);
  }

  private void add(Deque<String> q, String line) {
    q.addLast(line);
    while (q.size() > capacity) {
      q.removeFirst();
    }
  }

  private static void append(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      log.error("[history] cannot append to {}: {}", file, e.toString());
    }
  }
}
