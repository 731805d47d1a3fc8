package org.lvsmon.cli;

import org.lvsmon.config.KeywordRegistry;
import org.lvsmon.config.MonConfigParser;

/** Builds the pieces subcommands share; the one place that decides which keywords exist. */
final class Commands {
  private Commands() {}

  static MonConfigParser parser() {
    return new MonConfigParser(new KeywordRegistry());
  }
}
