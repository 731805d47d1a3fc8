package org.lvsmon.service;

import java.util.ArrayList;
import java.util.List;
import org.lvsmon.config.AlertCommand;
import org.lvsmon.config.CommandLine;
import org.lvsmon.config.Extensions;
import org.lvsmon.config.KeywordRegistry;
import org.lvsmon.config.Period;

/**
 * lvsmon's {@code failstaticalert PROGRAM [ARGS]} period keyword (repeatable, like {@code alert}):
 * the alerts called when a {@code balance} service's fail-static guard starts holding its weights
 * (plainly) and when it lets go (with {@code -u}). A period without one uses those of its {@code
 * alert} lines (for holding) and {@code upalert} lines (for letting go) that name {@link #MAIL}, so
 * operators who get mail for failures get it for fail-static too, with no new config. Other alert
 * programs are never called by default: an {@code lvs.alert}-like script would act on the hosts it
 * is given, which is exactly what fail-static must not do. Immutable.
 */
public record FailStaticAlerts(List<CommandLine> commands)
    implements Extensions.Repeatable<FailStaticAlerts>, Extensions.NamesAlerts {
  public static final String KEYWORD = "failstaticalert";
  public static final Extensions.Key<FailStaticAlerts> KEY = new Extensions.Key<>(KEYWORD, FailStaticAlerts.class);
  /** The alert a period's lines are taken from when it names no {@code failstaticalert}. */
  public static final String MAIL = "mail.alert";

  public FailStaticAlerts {
    commands = List.copyOf(commands);
  }

  public static void register(KeywordRegistry registry) {
    registry.register(KeywordRegistry.Scope.PERIOD, KEYWORD, KEY,
        (args, ctx) -> new FailStaticAlerts(List.of(CommandLine.parse(KEYWORD, args))));
  }

  @Override
  public List<String> alertNames() {
    return commands.stream().map(CommandLine::name).toList();
  }

  @Override
  public FailStaticAlerts plus(FailStaticAlerts later) {
    List<CommandLine> all = new ArrayList<>(commands);
    all.addAll(later.commands);
    return new FailStaticAlerts(all);
  }

  /** Whether any period of {@code service} would call an alert on fail-static. */
  public static boolean any(org.lvsmon.config.Service service) {
    return service.periods().stream().anyMatch(p -> !of(p, true).isEmpty());
  }

  /**
   * What {@code period} calls when fail-static starts ({@code holding}) or ends, each with its flag
   * ({@code -u} when it ends).
   */
  static List<CommandLine> of(Period period, boolean holding) {
    var own = period.extensions().get(KEY);
    if (own.isPresent()) {
      return own.get().commands();
    }
    List<AlertCommand> lines = holding ? period.alerts() : period.upalerts();
    return lines.stream().map(AlertCommand::command).filter(c -> c.name().equals(MAIL)).toList();
  }
}
