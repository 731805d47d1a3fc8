package org.lvsmon.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.lvsmon.alert.AlertAction;
import org.lvsmon.alert.AlertCall;
import org.lvsmon.config.EnvironmentCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert programs of {@code lvsmon run --dry-run}: nothing is run (beside a live mon, a script
 * would page people or change IPVS twice); each call is appended to {@code alerts.log} instead, one
 * line with the time, the kind, the service, the program's path and its arguments as mon would pass
 * them, and the summary. A program not found on the alert path counts as not started, as it would.
 */
final class DryRunAlerts implements AlertAction {
  private static final Logger log = LoggerFactory.getLogger(DryRunAlerts.class);

  private final Path file;
  private final List<Path> alertdirs;
  private final Clock clock;

  DryRunAlerts(Path file, List<Path> alertdirs, Clock clock) {
    this.file = file;
    this.alertdirs = alertdirs;
    this.clock = clock;
  }

  @Override
  public boolean send(AlertCall call) {
    Optional<Path> program = EnvironmentCheck.resolve(call.command().name(), alertdirs);
    if (program.isEmpty()) {
      return false;
    }
    String line = clock.instant().getEpochSecond() + "\t" + (call.isRedistribute() ? "redistribute"
        : call.type().historyName()) + "\t" + call.service().group() + "/" + call.service().service() + "\t"
        + program.get() + " " + String.join(" ", call.arguments()) + "\t" + call.summary() + "\n";
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      log.error("[dry-run] cannot record the {} call in {}: {}", call.command().name(), file, e.toString());
    }
    log.info("[dry-run] [{}/{}] would run {} (recorded in {})", call.service().group(), call.service().service(),
        program.get(), file);
    return true;
  }
}
