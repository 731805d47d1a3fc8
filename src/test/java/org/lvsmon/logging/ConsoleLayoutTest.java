package org.lvsmon.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

class ConsoleLayoutTest {
  private final LoggerContext context = new LoggerContext();
  private final Logger logger = context.getLogger("org.lvsmon.daemon.Engine");

  private ConsoleLayout layout(boolean journal) {
    ConsoleLayout layout = new ConsoleLayout();
    layout.setContext(context);
    layout.start(journal);
    return layout;
  }

  private LoggingEvent event(Level level, String message, Throwable t) {
    return new LoggingEvent(Logger.class.getName(), logger, level, message, t, null);
  }

  @Test
  void journal_infoLine_hasPriorityPrefixAndNoTime() {
    assertThat(layout(true).doLayout(event(Level.INFO, "[login/ssh] failure: node3", null)))
        .isEqualTo("<6>Engine: [login/ssh] failure: node3" + System.lineSeparator());
  }

  @Test
  void journal_errorWithStackTrace_everyLineHasTheErrorPriority() {
    String text = layout(true).doLayout(event(Level.ERROR, "[mail] cannot write", new IllegalStateException("disk")));
    assertThat(text.lines()).hasSizeGreaterThan(2).allMatch(line -> line.startsWith("<3>"));
    assertThat(text).contains("<3>java.lang.IllegalStateException: disk");
  }

  @Test
  void terminal_warnLine_hasTimeAndLevelAndNoPrefix() {
    assertThat(layout(false).doLayout(event(Level.WARN, "[daemon] slow", null)))
        .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  Engine: \\[daemon\\] slow\\R");
  }
}
