package org.lvsmon.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import java.nio.file.Path;

/**
 * logback's layout for stderr: {@code terminalPattern} when stderr is a terminal, a file or a pipe;
 * under systemd (stderr is the stream {@code JOURNAL_STREAM} names), {@code journalPattern} with
 * each line prefixed by its syslog priority ({@link JournalPriority}), since journald adds the time
 * and reads the priority from that prefix. Decided once, in {@link #start()}.
 */
public final class ConsoleLayout extends LayoutBase<ILoggingEvent> {
  private String terminalPattern = "%d{HH:mm:ss.SSS} %-5level %logger{0}: %msg%n";
  private String journalPattern = "%logger{0}: %msg%n";
  private PatternLayout pattern;
  private boolean journal;

  public void setTerminalPattern(String terminalPattern) {
    this.terminalPattern = terminalPattern;
  }

  public void setJournalPattern(String journalPattern) {
    this.journalPattern = journalPattern;
  }

  @Override
  public void start() {
    start(JournalStream.isStderr(System.getenv(JournalStream.VARIABLE), Path.of("/proc/self/fd/2")));
  }

  /** Starts for the journal or for a terminal, whatever stderr is (tests). */
  void start(boolean forJournal) {
    journal = forJournal;
    pattern = new PatternLayout();
    pattern.setContext(getContext());
    pattern.setPattern(journal ? journalPattern : terminalPattern);
    pattern.start();
    super.start();
  }

  @Override
  public void stop() {
    if (pattern != null) {
      pattern.stop();
    }
    super.stop();
  }

  @Override
  public String doLayout(ILoggingEvent event) {
    String text = pattern.doLayout(event);
    return journal ? JournalPriority.prefixLines(event.getLevel(), text) : text;
  }
}
