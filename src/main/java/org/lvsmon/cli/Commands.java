package org.lvsmon.cli;

import java.nio.file.Path;
import java.util.List;
import org.lvsmon.balance.BalancePlan;
import org.lvsmon.balance.BalanceSpec;
import org.lvsmon.config.ConfigException;
import org.lvsmon.config.ConfigProblem;
import org.lvsmon.config.KeywordRegistry;
import org.lvsmon.config.MonConfig;
import org.lvsmon.config.MonConfigParser;
import org.lvsmon.monitor.MonitorTimeout;

/** Builds the pieces subcommands share; the one place that decides which keywords exist. */
final class Commands {
  private Commands() {}

  /** Every keyword lvsmon accepts: mon's, plus each feature's extensions. */
  static KeywordRegistry keywords() {
    KeywordRegistry registry = new KeywordRegistry();
    MonitorTimeout.register(registry);
    BalanceSpec.register(registry);
    org.lvsmon.service.FailStaticAlerts.register(registry);
    org.lvsmon.alert.mail.MailSettings.register(registry);
    return registry;
  }

  /**
   * Parses {@code file} and checks what only the whole config can tell (a real server driven by
   * two {@code balance} services).
   *
   * @throws ConfigException with every problem
   */
  static MonConfig parse(Path file, String m4) throws ConfigException {
    MonConfig config = parser().parse(file, m4);
    List<ConfigProblem> problems = BalancePlan.of(config).problems();
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return config;
  }

  static MonConfigParser parser() {
    return new MonConfigParser(keywords());
  }
}
