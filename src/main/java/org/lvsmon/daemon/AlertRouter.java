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
import org.lvsmon.alert.mail.MailAlert;
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
  static final String MAIL = "mail";

  private final AlertAction external;
  private final List<Path> alertdirs;
  private final IpvsControl.Opener opener;
  private boolean opened;
  private final ExecutorService thread;
  private final Map<Path, String> builtin = new ConcurrentHashMap<>();
  private IpvsControl ipvs;
  private volatile MailAlert mail;

  /** {@code shared}: the daemon's open backend, used when not null; else {@code opener} opens one. */
  AlertRouter(AlertAction external, List<Path> alertdirs, IpvsControl shared, IpvsControl.Opener opener) {
    this.external = external;
    this.alertdirs = List.copyOf(alertdirs);
    this.ipvs = shared;
    this.opener = opener;
    this.thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "lvsmon-builtin-alert");
      t.setDaemon(true);
      return t;
    });
  }

  /** The daemon's mail.alert (outbox and delivery); without one, mail.alert runs as a forked script. */
  void mail(MailAlert mailAlert) {
    this.mail = mailAlert;
  }

  @Override
  public boolean send(AlertCall call) {
    Optional<Path> program = EnvironmentCheck.resolve(call.command().name(), alertdirs);
    String name = program.map(p -> builtin.computeIfAbsent(p, AlertRouter::builtinName)).orElse("");
    MailAlert m = mail;
    if (!name.equals(LVS) && !(name.equals(MAIL) && m != null)) {
      return external.send(call);
    }
    try {
      thread.execute(() -> {
        if (name.equals(LVS)) {
          runLvs(call, program.get());
        } else {
          runMail(m, call, program.get());
        }
      });
      return true;
    } catch (RejectedExecutionException e) {
      log.error("[{}/{}] alert {} not started: lvsmon is shutting down", call.service().group(),
          call.service().service(), call.command().name());
      return false;
    }
  }

  /** {@code lvs} or {@code mail} for lvsmon's own alert scripts, else "". */
  private static String builtinName(Path p) {
    String name = BuiltinMonitors.builtinName(p).filter(n -> n.equals(LVS) || n.equals(MAIL)).orElse("");
    if (!name.isEmpty()) {
      log.info("[alert] {} is lvsmon's built-in {}.alert: running it in-process", p, name);
    }
    return name;
  }

  private void runMail(MailAlert m, AlertCall call, Path program) {
    StringWriter text = new StringWriter();
    int status;
    try (PrintWriter out = new PrintWriter(text)) {
      status = m.queue(call.arguments(), call.stdin(), out);
    }
    logLines(call, program, text.toString(), status == MailAlert.OK);
    if (status != MailAlert.OK) {
      log.warn("[{}/{}] alert {} (in-process) exited with status {}", call.service().group(), call.service().service(),
          program, status);
    }
  }

  private static void logLines(AlertCall call, Path program, String text, boolean ok) {
    String entity = call.service().group() + "/" + call.service().service();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        if (line.startsWith("ERROR ") || line.contains(": ERROR ")) { // e.g. mail.alert's "ERROR outbox ...: the alert is NOT durable"
          log.error("[{}] {}: {}", entity, program.getFileName(), line);
        } else if (ok) {
          log.info("[{}] {}: {}", entity, program.getFileName(), line);
        } else {
          log.warn("[{}] {}: {}", entity, program.getFileName(), line);
        }
      }
    }
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
    logLines(call, program, text.toString(), status == LvsAlert.OK);
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
