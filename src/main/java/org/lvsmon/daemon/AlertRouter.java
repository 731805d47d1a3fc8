package org.lvsmon.daemon;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.lvsmon.alert.AlertAction;
import org.lvsmon.alert.AlertCall;
import org.lvsmon.alert.lvs.LvsAlert;
import org.lvsmon.config.EnvironmentCheck;
import org.lvsmon.ipvs.IpvsControl;
import org.lvsmon.ipvs.IpvsException;
import org.lvsmon.monitor.BuiltinMonitors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each alert where it belongs: when the path mon.cf's alert name resolves to is lvsmon's own
 * {@code lvs.alert} (marker {@code # lvsmon-builtin: lvs}, ARCHITECTURE.md "Names"), its code runs
 * in-process on a thread of its own ({@code lvsmon-lvs-alert}) against the daemon's IPVS backend,
 * opened on first use; any other program is forked by {@code external}. Fire-and-forget like every
 * alert; each line the alert prints is logged with its exit status. Thread-safe.
 */
final class AlertRouter implements AlertAction, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AlertRouter.class);
  static final String LVS = "lvs";

  private final AlertAction external;
  private final List<Path> alertdirs;
  private final IpvsControl.Opener opener;
  private boolean opened;
  private final ExecutorService thread;
  private final Map<Path, Boolean> builtin = new ConcurrentHashMap<>();
  private IpvsControl ipvs;

  /** {@code shared}: the daemon's open backend, used when not null; else {@code opener} opens one. */
  AlertRouter(AlertAction external, List<Path> alertdirs, IpvsControl shared, IpvsControl.Opener opener) {
    this.external = external;
    this.alertdirs = List.copyOf(alertdirs);
    this.ipvs = shared;
    this.opener = opener;
    this.thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "lvsmon-lvs-alert");
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public boolean send(AlertCall call) {
    Optional<Path> program = EnvironmentCheck.resolve(call.command().name(), alertdirs);
    if (program.isEmpty() || !builtin.computeIfAbsent(program.get(), AlertRouter::isLvs)) {
      return external.send(call);
    }
    try {
      thread.execute(() -> runLvs(call, program.get()));
      return true;
    } catch (RejectedExecutionException e) {
      log.error("[{}/{}] alert {} not started: lvsmon is shutting down", call.service().group(),
          call.service().service(), call.command().name());
      return false;
    }
  }

  private static boolean isLvs(Path p) {
    boolean lvs = BuiltinMonitors.builtinName(p).filter(LVS::equals).isPresent();
    if (lvs) {
      log.info("[alert] {} is lvsmon's built-in lvs.alert: running it in-process", p);
    }
    return lvs;
  }

  private void runLvs(AlertCall call, Path program) {
    String entity = call.service().group() + "/" + call.service().service();
    IpvsControl control = ipvs();
    if (control == null) {
      return;
    }
    StringWriter text = new StringWriter();
    int status;
    try (PrintWriter out = new PrintWriter(text)) {
      status = new LvsAlert(InetAddress::getAllByName).run(call.arguments(), call.stdin(), control, out);
    }
    for (String line : text.toString().split("\n")) {
      if (!line.isBlank()) {
        if (status == LvsAlert.OK) {
          log.info("[{}] {}: {}", entity, program.getFileName(), line);
        } else {
          log.warn("[{}] {}: {}", entity, program.getFileName(), line);
        }
      }
    }
    if (status != LvsAlert.OK) {
      log.warn("[{}] alert {} (in-process) exited with status {}", entity, program, status);
    }
  }

  /** The IPVS backend, opened on first use on the alert thread; null (logged) when it cannot be. */
  private IpvsControl ipvs() {
    if (ipvs == null) {
      try {
        ipvs = opener.open();
        opened = true;
        log.info("[alert] lvs.alert uses the {} IPVS backend", ipvs.name());
      } catch (IpvsException e) {
        log.error("[alert] lvs.alert cannot change weights: {}", e.getMessage());
      }
    }
    return ipvs;
  }

  /** Waits briefly for alerts in progress; closes the backend this router opened. */
  @Override
  public void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (opened) {
      ipvs.close(); // the shared one is its owner's to close
    }
  }
}
