package org.lvsmon.service;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lvsmon.config.AlertCommand;
import org.lvsmon.config.CommandLine;
import org.lvsmon.config.Period;
import org.lvsmon.config.Service;
import org.lvsmon.config.ShellWords;
import org.lvsmon.service.ServiceEvent.TestAlert;

/**
 * The client's {@code test alert|upalert|...} command as mon 1.3 runs it: straight to the alert
 * programs, bypassing every rule, with mon's line-splitting quirks (see {@link #run}).
 */
final class TestAlerts {
  /** mon strips a leading {@code exit=...} word from the arguments ({@code s/^exit=\S+ \s+//x}). */
  private static final Pattern EXIT_WORD = Pattern.compile("^exit=\\S+\\s+");

  private final Service service;
  private final List<Intent> intents;
  private final AlertCaller caller;

  TestAlerts(Service service, List<Intent> intents, AlertCaller caller) {
    this.service = service;
    this.intents = intents;
    this.caller = caller;
  }

  /**
   * Calls every alert of the requested kind in the period. mon splits each config line at its first
   * blank before looking for {@code exit=}, so an {@code exit=N name} line makes it look for an
   * alert named {@code exit=N}, which it never finds; such lines are reported, not called.
   */
  void run(TestAlert test) {
    Period period = service.periods().stream()
        .filter(p -> p.key().equals(test.periodKey()))
        .findFirst()
        .orElse(null);
    if (period == null) {
      intents.add(new Decision(service.ref(), null, Decision.Reason.PERIOD_NOT_DEFINED, test.periodKey()));
      return;
    }
    Trigger trigger = trigger(test.kind());
    for (AlertCommand alert : trigger.alertsOf(period)) {
      if (alert.exitRange() != null) {
        intents.add(new Decision(service.ref(), period.key(), Decision.Reason.NO_ALERT_FOUND,
            "exit=" + alert.exitRange()));
      } else {
        caller.test(trigger, period, withoutExitWord(alert.command()), test.retval());
      }
    }
  }

  private static Trigger trigger(TestAlert.Kind kind) {
    return switch (kind) {
      case ALERT -> Trigger.MONITOR;
      case STARTUPALERT -> Trigger.STARTUP;
      case UPALERT -> Trigger.UP;
      case ACKALERT -> Trigger.ACK;
      case DISABLEALERT -> Trigger.DISABLE;
    };
  }

  private static CommandLine withoutExitWord(CommandLine command) {
    Matcher m = EXIT_WORD.matcher(command.argsText());
    if (!m.find()) {
      return command;
    }
    String rest = command.argsText().substring(m.end());
    List<String> args;
    try {
      args = ShellWords.split(rest);
    } catch (IllegalArgumentException e) {
      args = List.of(); // quotewords yields no words for a malformed line
    }
    return new CommandLine(command.name(), args, rest);
  }
}
