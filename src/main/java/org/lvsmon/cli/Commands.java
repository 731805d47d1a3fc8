package org.lvsmon.cli;

import org.lvsmon.config.KeywordRegistry;
import org.lvsmon.config.MonConfigParser;
import org.lvsmon.monitor.MonitorTimeout;

/** Builds the pieces subcommands share; the one place that decides which keywords exist. */
final class Commands {
  private Commands() {}

  /** Every keyword lvsmon accepts: mon's, plus each feature's extensions. */
  static KeywordRegistry keywords() {
    KeywordRegistry registry = new KeywordRegistry();
    MonitorTimeout.register(registry);
    return registry;
  }

  static MonConfigParser parser() {
    return new MonConfigParser(keywords());
  }
}
