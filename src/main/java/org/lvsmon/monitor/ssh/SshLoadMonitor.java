package org.lvsmon.monitor.ssh;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.lvsmon.monitor.CheckResult;
import org.lvsmon.monitor.HostMetrics;
import org.lvsmon.monitor.HostState;
import org.lvsmon.monitor.MonReport;
import org.lvsmon.monitor.Monitor;
import org.lvsmon.monitor.MonitorArgs;
import org.lvsmon.monitor.MonitorRequest;
import org.lvsmon.monitor.MonitorUsageException;
import org.lvsmon.monitor.ParallelProbes;
import org.lvsmon.monitor.ProbeContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * lvsmon's {@code ssh-load.monitor}: each node's load over one persistent SSH session per node
 * (JSch), with per-phase deadlines, for the mon protocol and, per host, {@link HostMetrics} for the
 * weight controller.
 *
 * <p>Per host and run, on the bounded probe pool: with an open session, one sample within the
 * sample deadline ({@code -e}). A sample that misses it is followed by a fresh banner probe: sshd
 * answering in time means the node is {@link HostState#OVERLOADED} (slow, not dead; the session
 * stays and the late answer is dropped), otherwise it is down and its session is closed. Without an
 * open session (first run, or it broke): dial, banner, key exchange and login, start the load
 * command, each within its own deadline, then sample; a failed attempt backs off (1 s doubling to
 * {@code --max-backoff}), reporting the last failure meanwhile. Sessions are kept per host, port,
 * login and command ({@link SshLoadOptions.SessionKey}), so services with the same options share
 * them; a session that no run has used for {@link #DEFAULT_SESSION_IDLE} is closed at the next
 * run (its host is no longer monitored that way). {@link #close} closes everything.
 *
 * <p>Threads: the probe pool's (bounded, ending when idle) and JSch's one reader thread per open
 * session, nothing else. Thread-safe.
 */
public final class SshLoadMonitor implements Monitor, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SshLoadMonitor.class);

  public static final String NAME = "ssh-load.monitor";
  /** A session not used this long is closed (its host is no longer monitored with these options). */
  public static final Duration DEFAULT_SESSION_IDLE = Duration.ofMinutes(15);

  private final ParallelProbes probes;
  private final SshDefaults defaults;
  private final Clock clock;
  private final Duration sessionIdle;
  private final Map<SshLoadOptions.SessionKey, Pool> pools = new HashMap<>();
  private boolean closed;

  public SshLoadMonitor(ParallelProbes probes, SshDefaults defaults, Clock clock) {
    this(probes, defaults, clock, DEFAULT_SESSION_IDLE);
  }

  SshLoadMonitor(ParallelProbes probes, SshDefaults defaults, Clock clock, Duration sessionIdle) {
    this.probes = probes;
    this.defaults = defaults;
    this.clock = clock;
    this.sessionIdle = sessionIdle;
  }

  @Override
  public CheckResult run(MonitorRequest request) throws InterruptedException {
    return check(request.arguments(), request.timeout());
  }

  /** Runs the check on mon-style arguments (options, then hosts); {@code cap} bounds the whole run when not null. */
  public CheckResult check(List<String> arguments, Duration cap) throws InterruptedException {
    Instant started = clock.instant();
    SshLoadOptions options;
    SshLogin login;
    try {
      options = SshLoadOptions.parse(arguments, defaults);
      if (options.login().identities().isEmpty()) {
        throw new MonitorUsageException("no identity file: none of " + defaults.identities() + " exists; give -i FILE");
      }
      login = SshLogin.load(options.login());
    } catch (MonitorUsageException e) {
      return CheckResult.of(MonitorUsageException.EXIT_VALUE, NAME + ": " + e.getMessage() + "\n", started, clock.instant());
    }
    Pool pool = pool(options);
    List<String> hosts = options.hosts();
    List<Sampled> results = probes.run(hosts, options.perHostLimit(), new LoadProbe(pool, options, login), cap);

    MonReport report = new MonReport();
    List<String> okLines = new ArrayList<>();
    Map<String, HostMetrics> metrics = new LinkedHashMap<>();
    for (int i = 0; i < hosts.size(); i++) {
      String host = hosts.get(i);
      Sampled r = results.get(i);
      metrics.put(host, r.metrics());
      SshOutcome o = r.outcome();
      if (o.ok() && options.hasThreshold() && r.metrics().normalizedLoad1() > options.threshold()) {
        o = new SshOutcome(SshStatus.HIGH_LOAD, loadText(r.metrics()) + String.format(Locale.ROOT,
            " above the threshold %s per cpu", java.math.BigDecimal.valueOf(options.threshold()).stripTrailingZeros().toPlainString()));
      }
      boolean fails = !o.ok() && (o.status() != SshStatus.OVERLOADED || options.hasThreshold());
      String line = o.ok() ? host + " load " + loadText(r.metrics()) : o.line(host);
      if (fails) {
        report.fail(host, line);
      } else {
        okLines.add(line);
      }
    }
    return new CheckResult(report.exitValue(), output(report, okLines), started, clock.instant(), metrics);
  }

  /** mon's layout: failing hosts, an empty line, the failing hosts' lines; then the other hosts' lines. */
  private static String output(MonReport report, List<String> okLines) {
    String failing = report.output();
    if (okLines.isEmpty()) {
      return failing;
    }
    String others = String.join("\n", okLines) + "\n";
    return failing.isEmpty() ? "\n\n" + others : failing + others;
  }

  static String loadText(HostMetrics m) {
    return String.format(Locale.ROOT, "%.2f %.2f %.2f cpus %d (%.2f per cpu)", m.load1(), m.load5(), m.load15(), m.cpus(),
        m.normalizedLoad1());
  }

  private synchronized Pool pool(SshLoadOptions options) {
    if (closed) {
      throw new IllegalStateException(NAME + " is closed");
    }
    long now = System.nanoTime();
    Pool p = pools.computeIfAbsent(options.sessionKey(), o -> new Pool());
    p.touch(options.hosts(), now);
    for (Pool each : pools.values()) {
      each.evictIdle(now, sessionIdle.toNanos());
    }
    pools.values().removeIf(Pool::isEmpty);
    return p;
  }

  /** Open sessions now, for tests and {@code list}. */
  synchronized int openSessions() {
    int n = 0;
    for (Pool p : pools.values()) {
      n += p.open();
    }
    return n;
  }

  /**
   * Closes the sessions of every host not in {@code keep} (after a reload took them out of the
   * config), at once rather than after the idle time. Returns how many were open.
   */
  public int closeAllBut(java.util.Set<String> keep) {
    List<Pool> all;
    synchronized (this) {
      all = new ArrayList<>(pools.values());
    }
    int n = 0;
    for (Pool p : all) {
      n += p.closeAllBut(keep);
    }
    return n;
  }

  /** Closes every session. Idempotent; later runs fail. */
  @Override
  public void close() {
    List<Pool> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(pools.values());
      pools.clear();
    }
    all.forEach(Pool::close);
  }

  /** The sessions kept for one set of options, by host. */
  private static final class Pool {
    private final Map<String, NodeSession> sessions = new HashMap<>();
    private final Map<String, Long> lastUsed = new HashMap<>();

    synchronized NodeSession session(String host) {
      return sessions.computeIfAbsent(host, NodeSession::new);
    }

    synchronized void touch(List<String> hosts, long now) {
      for (String h : hosts) {
        lastUsed.put(h, now);
      }
    }

    synchronized boolean isEmpty() {
      return sessions.isEmpty() && lastUsed.isEmpty();
    }

    /** Closes the sessions of hosts that no run has asked for within {@code idle}. */
    void evictIdle(long now, long idle) {
      List<NodeSession> gone = new ArrayList<>();
      synchronized (this) {
        lastUsed.entrySet().removeIf(e -> {
          boolean drop = now - e.getValue() > idle;
          NodeSession s = drop ? sessions.remove(e.getKey()) : null;
          if (s != null) {
            gone.add(s);
          }
          return drop;
        });
      }
      for (NodeSession s : gone) {
        closeLater(s, "no run asked for this host for a while");
      }
    }

    int closeAllBut(java.util.Set<String> keep) {
      List<NodeSession> gone = new ArrayList<>();
      synchronized (this) {
        sessions.entrySet().removeIf(e -> {
          boolean drop = !keep.contains(e.getKey());
          if (drop) {
            gone.add(e.getValue());
            lastUsed.remove(e.getKey());
          }
          return drop;
        });
      }
      int open = 0;
      for (NodeSession s : gone) {
        open += s.isOpen() ? 1 : 0;
        closeLater(s, "the host is no longer in the config");
      }
      return open;
    }

    synchronized int open() {
      int n = 0;
      for (NodeSession s : sessions.values()) {
        n += s.isOpen() ? 1 : 0;
      }
      return n;
    }

    void close() {
      List<NodeSession> all;
      synchronized (this) {
        all = new ArrayList<>(sessions.values());
        sessions.clear();
      }
      all.forEach(s -> closeLater(s, NAME + " is closing"));
    }

    /** Closes {@code s} once no run uses it (now, unless one does). */
    private static void closeLater(NodeSession s, String why) {
      if (s.lock.tryLock()) {
        try {
          boolean wasOpen = s.isOpen();
          s.close();
          if (wasOpen) {
            log.info("[{}] {}: session closed ({})", NAME, s.host, why);
          }
        } finally {
          s.lock.unlock();
        }
      } else {
        Thread t = new Thread(() -> {
          s.lock.lock();
          try {
            s.close();
          } finally {
            s.lock.unlock();
          }
        }, "lvsmon-ssh-load-close");
        t.setDaemon(true);
        t.start();
      }
    }
  }

  /** One host's result: the outcome for the detail line and the metrics. */
  record Sampled(SshOutcome outcome, HostMetrics metrics) {}

  /** One host in one run. */
  private final class LoadProbe implements ParallelProbes.Probe<Sampled> {
    private final Pool pool;
    private final SshLoadOptions options;
    private final SshLogin login;

    LoadProbe(Pool pool, SshLoadOptions options, SshLogin login) {
      this.pool = pool;
      this.options = options;
      this.login = login;
    }

    @Override
    public Sampled check(String host, ProbeContext ctx) throws InterruptedException {
      NodeSession s = pool.session(host);
      if (!s.lock.tryLock(options.perHostLimit().toNanos(), TimeUnit.NANOSECONDS)) {
        return down(new SshOutcome(SshStatus.SSH_ERROR, "its session is busy with another run of " + NAME));
      }
      try {
        if (s.isOpen()) {
          Sampled r = sample(host, s, ctx);
          if (r != null) {
            return r;
          }
          log.info("[{}] {}: session lost ({}); reconnecting", NAME, host, s.ended());
          s.close();
        }
        SshOutcome wait = s.backingOff(System.nanoTime());
        if (wait != null) {
          return down(wait);
        }
        SshOutcome failure = connect(host, s, ctx);
        if (failure != null) {
          s.failed(failure, options.maxBackoff(), System.nanoTime());
          if (s.failures() == 1) {
            log.warn("[{}] {}: cannot open a session: {}", NAME, host, failure.line(host));
          }
          return down(failure);
        }
        Sampled r = sample(host, s, ctx);
        return r != null ? r : down(new SshOutcome(SshStatus.SSH_ERROR, s.ended()));
      } finally {
        s.lock.unlock();
      }
    }

    /** Dials, logs in and starts the load source; the failure, or null when the session is open. */
    private SshOutcome connect(String host, NodeSession s, ProbeContext ctx) {
      SshDial.Dialed d = SshDial.dial(host, options.port(), options.connectTimeout(), options.bannerTimeout(), ctx);
      if (!d.ok()) {
        return d.failure();
      }
      ctx.expireAfter(options.sshTimeout());
      long t0 = System.nanoTime();
      SshConnection c = null;
      try {
        c = login.open(host, options.port(), d.socket(), d.banner().received(), ctx.remainingMillis(), ctx::phase);
        ctx.phase("command start");
        LoadSource source = options.execCommand() != null ? new LoadExec(c, options.execCommand())
            : LoadStream.start(c, options.streamCommand(), ctx.remaining());
        if (ctx.expired()) {
          source.close();
          c.close();
          return SshOutcome.sshTimeout(options.sshTimeout(), ctx.phase());
        }
        s.opened(c, source);
        log.info("[{}] {}: session open ({} ms to log in and start the load command)", NAME, host,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        return null;
      } catch (SshLoginException e) {
        if (c != null) {
          c.close();
        }
        d.close();
        if (ctx.expired() && (e.status() == SshStatus.SSH_ERROR || e.status() == SshStatus.SSH_TIMEOUT)) {
          return SshOutcome.sshTimeout(options.sshTimeout(), ctx.phase());
        }
        return new SshOutcome(e.status(), e.getMessage());
      }
    }

    /**
     * One sample on the open session; null when the session turned out broken (then reconnect).
     * A missed deadline is settled by a banner probe.
     */
    private Sampled sample(String host, NodeSession s, ProbeContext ctx) throws InterruptedException {
      ctx.phase("sample");
      Duration deadline = options.sampleTimeout();
      // the probe's own deadline must not cut the wait short: the wait ends first, by itself
      ctx.expireAfter(deadline.plus(ParallelProbes.DEFAULT_GRACE));
      long t0 = System.nanoTime();
      CompletableFuture<LoadLine.Load> f = s.source().request(deadline);
      try {
        long left = deadline.toNanos() - (System.nanoTime() - t0);
        LoadLine.Load load = f.get(Math.max(0, left), TimeUnit.NANOSECONDS);
        return new Sampled(SshOutcome.OK, HostMetrics.up(load.load1(), load.load5(), load.load15(), load.cpus(),
            clock.instant(), Duration.ofNanos(System.nanoTime() - t0)));
      } catch (ExecutionException e) {
        if (e.getCause() instanceof SshLoginException le && le.status() == SshStatus.BAD_OUTPUT) {
          return down(new SshOutcome(SshStatus.BAD_OUTPUT, le.getMessage()));
        }
        return null;
      } catch (TimeoutException e) {
        return missed(host, s, ctx);
      }
    }

    private Sampled missed(String host, NodeSession s, ProbeContext ctx) {
      String missed = "no load sample within " + MonitorArgs.seconds(options.sampleTimeout());
      long t0 = System.nanoTime();
      SshDial.Dialed d = SshDial.dial(host, options.port(), options.connectTimeout(), options.bannerTimeout(), ctx);
      if (d.ok()) {
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        ctx.phase("goodbye");
        ctx.expireAfter(SshOptions.GOODBYE);
        SshBanner.goodbye(d.socket(), ctx);
        d.close();
        SshOutcome o = new SshOutcome(SshStatus.OVERLOADED, missed + ", but sshd sent its banner in " + ms + " ms");
        return new Sampled(o, HostMetrics.notUp(HostState.OVERLOADED, clock.instant(), o.text()));
      }
      s.close();
      log.warn("[{}] {}: {} and {}; session closed", NAME, host, missed, d.failure().line(host));
      return down(new SshOutcome(d.failure().status(), d.failure().text() + " (after " + missed + ")"));
    }

    private Sampled down(SshOutcome o) {
      return new Sampled(o, HostMetrics.notUp(HostState.DOWN, clock.instant(), o.status().label() + ": " + o.text()));
    }


    @Override
    public Sampled unfinished(String host, ProbeContext ctx, Throwable crash) {
      if (crash != null && !(crash instanceof InterruptedException)) {
        log.error("[{}] {}: internal error", NAME, host, crash);
        return down(new SshOutcome(SshStatus.SSH_ERROR, "internal error during " + ctx.phase() + ": " + crash));
      }
      SshOutcome dial = SshDial.unfinished(ctx.phase(), options.connectTimeout(), options.bannerTimeout());
      return down(dial != null ? dial : SshOutcome.sshTimeout(options.sshTimeout(), ctx.phase()));
    }
  }
}
