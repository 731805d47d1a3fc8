package org.lvsmon.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * While the demo runs, the daemon's log goes to the demo's screen instead of stderr (where it would
 * scroll the status table away): lvsmon's own lines at INFO and above, other libraries' (sshd,
 * the SMTP sink) at WARN and above, the last {@value #KEPT} kept. {@link #close} gives stderr its
 * appenders back. Thread-safe.
 */
public final class DemoLog implements AutoCloseable {
  static final int KEPT = 200;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final List<Appender<ILoggingEvent>> detached = new ArrayList<>();
  private final List<String> lines = new ArrayList<>();
  private final Ring ring = new Ring();

  private DemoLog() {}

  /** Takes the root logger's appenders away and keeps its lines instead. */
  public static DemoLog capture() {
    DemoLog log = new DemoLog();
    for (Iterator<Appender<ILoggingEvent>> it = log.root.iteratorForAppenders(); it.hasNext(); ) {
      log.detached.add(it.next());
    }
    log.ring.setContext(log.root.getLoggerContext());
    log.ring.start();
    log.root.addAppender(log.ring);
    log.detached.forEach(log.root::detachAppender);
    return log;
  }

  /** The lines kept so far, oldest first. */
  public synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  private synchronized void add(String line) {
    lines.add(line);
    if (lines.size() > KEPT) {
      lines.remove(0);
    }
  }

  /** Gives the root logger its appenders back. Idempotent. */
  @Override
  public synchronized void close() {
    if (!ring.isStarted()) {
      return;
    }
    detached.forEach(root::addAppender);
    root.detachAppender(ring);
    ring.stop();
  }

  private final class Ring extends AppenderBase<ILoggingEvent> {
    @Override
    protected void append(ILoggingEvent e) {
      boolean ours = e.getLoggerName().startsWith("org.lvsmon.");
      if (!ours && !e.getLevel().isGreaterOrEqual(Level.WARN)) {
        return;
      }
      String time = LocalTime.ofInstant(e.getInstant(), ZoneId.systemDefault()).format(TIME);
      add(time + " " + (e.getLevel() == Level.INFO ? "" : e.getLevel() + " ") + e.getFormattedMessage());
    }
  }
}
