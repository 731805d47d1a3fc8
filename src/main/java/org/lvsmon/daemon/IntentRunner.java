package org.lvsmon.daemon;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.lvsmon.alert.AlertAction;
import org.lvsmon.alert.AlertCall;
import org.lvsmon.service.Decision;
import org.lvsmon.service.Intent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a transition's intents after its state is stored, in order: alerts are started (fire
 * and forget), decisions are logged with their reasons, histories and the downtime log are written.
 */
final class IntentRunner {
  private static final Logger log = LoggerFactory.getLogger(IntentRunner.class);

  private final AlertAction alerts;
  private ProgramPaths programs;
  private final History history;
  private final boolean dtlogging;

  IntentRunner(AlertAction alerts, ProgramPaths programs, History history, boolean dtlogging) {
    this.alerts = alerts;
    this.programs = programs;
    this.history = history;
    this.dtlogging = dtlogging;
  }

  /** The program paths of a new config (after {@code reset}). */
  void programs(ProgramPaths next) {
    this.programs = next;
  }

  void startDowntimeLog(Instant now) {
    if (dtlogging) {
      history.startDowntimeLog(now);
    }
  }

  /** Runs the intents; returns whether the service's interval changed (failure_interval). */
  boolean run(ServiceRuntime rt, List<Intent> intents) {
    boolean intervalChanged = false;
    for (Intent i : intents) {
      if (i instanceof Intent.CallAlert c) {
        call(rt, c.call());
      } else if (i instanceof Decision d) {
        decision(d);
      } else if (i instanceof Intent.FailureRecord f) {
        log.warn("[{}] failure: {}", rt.label(), f.summary());
        history.failure(f.line());
      } else if (i instanceof Intent.AlertRecord a) {
        Path path = programs.alert(a.command().name());
        history.alert(a.line(path == null ? a.command().name() : path.toString()));
      } else if (i instanceof Intent.DowntimeRecord d) {
        log.info("[{}] back up after {} s down", rt.label(), d.downtimeSeconds());
        if (dtlogging) {
          history.downtime(d.line());
        }
      } else if (i instanceof Intent.IntervalChange c) {
        log.info("[{}] interval now {}", rt.label(), c.interval());
        intervalChanged = true;
      }
    }
    return intervalChanged;
  }

  private void call(ServiceRuntime rt, AlertCall call) {
    String kind = call.isRedistribute() ? "redistribute" : call.type().historyName();
    log.info("[{}] calling {} {} ({}) {}", rt.label(), kind, call.command().name(),
        String.join(" ", call.command().args()), call.summary());
    if (!alerts.send(call)) {
      log.error("[{}] {} {} could not be started", rt.label(), kind, call.command().name());
    }
  }

  private static void decision(Decision d) {
    switch (d.reason()) {
      case PERIOD_INACTIVE, EXIT_MISMATCH -> log.trace("{}", d.message());
      default -> log.info("{}", d.message());
    }
  }
}
