package org.lvsmon.daemon;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.lvsmon.config.MonConfig;
import org.lvsmon.config.MonConfigParser;
import org.lvsmon.config.RunOptions;
import org.lvsmon.config.ServiceRef;
import org.lvsmon.config.Settings;
import org.lvsmon.daemon.bench.CountingTimers;
import org.lvsmon.daemon.bench.FireLog;
import org.lvsmon.daemon.bench.JdkTimers;
import org.lvsmon.daemon.bench.MachineCpu;
import org.lvsmon.daemon.bench.RunLog;
import org.lvsmon.daemon.bench.ThreadCpu;
import org.lvsmon.monitor.CheckResult;
import org.lvsmon.monitor.Monitor;
import org.lvsmon.monitor.MonitorRequest;
import org.lvsmon.schedule.DueListener;
import org.lvsmon.schedule.QuartzTimers;
import org.lvsmon.schedule.Timers;

/**
 * Issue 3, benchmark 1 (run by hand, never in CI; see test-fixtures/bench/scheduler.sh): the
 * scheduler's own cost. Many services at a short interval with an in-process monitor that does
 * nothing, wired as {@link Daemon} wires the real engine ({@link EngineThread}, a cached monitor
 * pool, {@link QuartzTimers} with Daemon's two threads, {@link Engine} and its state machine) on a
 * config parsed from generated mon.cf text. After a warm-up it measures, over a window: the
 * process's CPU time (whole JVM, GC and JIT included) and per-thread kind, and the lateness of each
 * monitor run: the instant the monitor starts on its worker minus the instant its
 * {@code ServiceTimer} said it was due.
 *
 * <p>The due time is read from outside the engine, with no hook in it: the monitor looks up its
 * {@link ServiceRuntime} (this class shares the package) and reads {@code timer.due()}, which
 * {@code runStarted} leaves at the instant the run was armed for, and {@code runStarted}, the
 * engine's own "now" when it decided to start the run. Both are written on the engine thread before
 * the run is submitted to the pool, so the submit publishes them to the worker, and nothing writes
 * them again until the run's result is back on the engine thread. The benchmark also checks that
 * every due time lies on the service's fixed-rate grid (its first run's start + k × interval).
 *
 * <p>With {@code --clients N} (issue 6) a second window follows the first: the daemon's control port
 * ({@link ControlLoad}: a real ControlServer over ProtocolHandler and DaemonServer on this engine,
 * with the daemon's request threads) serves N clients each sending {@code --request} {@code --rate}
 * times a second, from {@code --client-warmup} seconds before the window to its end. The report
 * gives lateness and CPU for both windows, the first being the baseline without clients, and the
 * request latency of the second. In this mode {@code --watches} defaults to 50 (1,000 services).
 *
 * <p>Usage: {@code java -cp … org.lvsmon.daemon.SchedulerBenchmark [--watches 100] [--services 20]
 * [--interval 10] [--warmup 30] [--measure 180] [--randstart 0] [--quartz-threads 2] [--timers quartz]
 * [--dump FILE] [--clients 0] [--rate 10] [--request "list opstatus"] [--client-warmup 5]}
 * (times in seconds; {@code --timers jdk} is a what-if, see {@link Options}).
 */
public final class SchedulerBenchmark {
  private final Options options;
  private final Clock clock = Clock.systemDefaultZone();
  private final Map<ServiceRef, Integer> index = new HashMap<>();
  private final RunLog runs;
  private final FireLog fires;
  private volatile Engine engine;

  /**
   * {@code timers}: "quartz" (as the daemon runs) or "jdk" (a JDK scheduled executor, for
   * comparison). {@code dump}: a CSV file to write every run to (see {@link RunLog#dump}), or null.
   * {@code clients}: 0 for no control-port window, else how many clients send {@code request}
   * {@code rate} times a second each, starting {@code clientWarmup} seconds before that window.
   */
  record Options(int watches, int services, int interval, int warmup, int measure, int randstart, int quartzThreads,
      String timers, Path dump, int clients, double rate, String request, int clientWarmup) {
    static Options parse(String[] args) {
      Map<String, String> v = new HashMap<>(Map.ofEntries(Map.entry("--watches", "100"), Map.entry("--services", "20"),
          Map.entry("--interval", "10"), Map.entry("--warmup", "30"), Map.entry("--measure", "180"),
          Map.entry("--randstart", "0"), Map.entry("--quartz-threads", "2"), Map.entry("--timers", "quartz"),
          Map.entry("--dump", ""), Map.entry("--clients", "0"), Map.entry("--rate", "10"),
          Map.entry("--request", "list opstatus"), Map.entry("--client-warmup", "5")));
      boolean watchesGiven = false;
      for (int i = 0; i < args.length; i += 2) {
        if (!v.containsKey(args[i]) || i + 1 >= args.length) {
          throw new IllegalArgumentException("unknown option or missing value: " + args[i] + " (known: " + v.keySet() + ")");
        }
        v.put(args[i], args[i + 1]);
        watchesGiven |= args[i].equals("--watches");
      }
      if (!List.of("quartz", "jdk").contains(v.get("--timers"))) {
        throw new IllegalArgumentException("--timers " + v.get("--timers") + ": expected quartz or jdk");
      }
      int clients = i(v, "--clients");
      if (clients > 0 && !watchesGiven) {
        v.put("--watches", "50"); // issue 6's 1,000 services
      }
      double rate;
      try {
        rate = Double.parseDouble(v.get("--rate"));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--rate " + v.get("--rate") + ": expected requests a second per client", e);
      }
      if (clients < 0 || !(rate > 0) || i(v, "--client-warmup") < 0) {
        throw new IllegalArgumentException("--clients " + clients + ", --rate " + v.get("--rate") + ", --client-warmup "
            + v.get("--client-warmup") + ": expected clients >= 0, rate > 0 and client-warmup >= 0");
      }
      return new Options(i(v, "--watches"), i(v, "--services"), i(v, "--interval"), i(v, "--warmup"),
          i(v, "--measure"), i(v, "--randstart"), i(v, "--quartz-threads"), v.get("--timers"),
          v.get("--dump").isEmpty() ? null : Path.of(v.get("--dump")), clients, rate, v.get("--request"),
          i(v, "--client-warmup"));
    }

    private static int i(Map<String, String> v, String key) {
      try {
        return Integer.parseInt(v.get(key));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(key + " " + v.get(key) + ": expected a whole number", e);
      }
    }

    int total() {
      return watches * services;
    }
  }

  SchedulerBenchmark(Options options) {
    this.options = options;
    int seconds = options.warmup() + options.measure()
        + (options.clients() > 0 ? options.clientWarmup() + options.measure() + 1 : 0);
    int expectedRuns = options.total() * (seconds / options.interval() + 5);
    this.runs = new RunLog(expectedRuns, options.total());
    this.fires = new FireLog(2 * expectedRuns);
  }

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    new SchedulerBenchmark(o).run();
    System.exit(0);
  }

  private void run() throws Exception {
    Path bin = Files.createTempDirectory("lvsmon-bench-bin");
    MonConfig config = new MonConfigParser().parse(configText(bin), Path.of("scheduler-bench.cf"));
    Settings settings = Settings.resolve(config, RunOptions.NONE, Settings.BuiltinDirs.NONE, Files::isDirectory);
    config.services().forEach(s -> index.put(s.ref(), index.size()));
    if (index.size() != options.total() || !config.problems().isEmpty()) {
      throw new IllegalStateException("generated config has " + index.size() + " services, expected "
          + options.total() + "; problems: " + config.problems());
    }

    // Wired as Daemon wires it, except the monitor (no-op) and the alerts (discarded).
    EngineThread loop = new EngineThread("lvsmon-engine");
    AtomicInteger n = new AtomicInteger();
    ExecutorService monitors = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "lvsmon-monitor-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    ProgramPaths programs = new ProgramPaths(config, settings);
    History history = new History(settings.histlength(), null, null);
    IntentRunner intents = new IntentRunner(call -> true, programs, history, false);
    DueListener listener = ref -> {
      fires.fired(ref, clock.instant());
      loop.execute(() -> engine.due(ref));
    };
    AutoCloseable closeTimers;
    Timers timers;
    if (options.timers().equals("jdk")) {
      JdkTimers jdk = new JdkTimers("lvsmon", clock, listener);
      closeTimers = jdk;
      timers = new CountingTimers(jdk, fires);
    } else {
      QuartzTimers quartz = new QuartzTimers("lvsmon", options.quartzThreads(), clock, listener);
      closeTimers = quartz;
      timers = new CountingTimers(quartz, fires);
    }
    engine = new Engine(config, settings, clock, new Random(), new NoopMonitor(), intents, timers, loop, monitors, programs);

    Instant t0 = clock.instant();
    loop.call(() -> engine.start(false));
    System.err.printf(Locale.ROOT, "started %d services at %s; warm-up %d s, then measuring %d s%n",
        index.size(), t0, options.warmup(), options.measure());
    TimeUnit.SECONDS.sleep(options.warmup());
    Window w = Window.open(clock, fires);
    TimeUnit.SECONDS.sleep(options.measure());
    w.close(clock, fires);
    Window loaded = null;
    ControlLoad.Result requests = null;
    if (options.clients() > 0) {
      try (ControlLoad load = ControlLoad.start(engine, loop, history, config, settings, options.clients(),
          options.rate(), options.request(), options.clientWarmup(), options.measure())) {
        System.err.printf(Locale.ROOT, "%d clients x %.1f/s \"%s\"; warm-up %d s, then measuring %d s%n",
            options.clients(), options.rate(), options.request(), options.clientWarmup(), options.measure());
        sleepUntil(load.measureFrom());
        loaded = Window.open(clock, fires);
        sleepUntil(load.measureUntil());
        loaded.close(clock, fires);
        requests = load.finish();
      }
    }

    closeTimers.close();
    loop.call(engine::stopMonitors);
    monitors.shutdown();
    monitors.awaitTermination(10, TimeUnit.SECONDS);
    loop.close();
    report(w, loaded, requests);
    if (options.dump() != null) {
      runs.dump(options.dump());
    }
  }

  private String configText(Path bin) throws IOException {
    for (String name : List.of("noop.monitor", "mail.alert")) {
      Path p = bin.resolve(name);
      Files.writeString(p, "#!/bin/sh\nexit 0\n");
      p.toFile().setExecutable(true);
    }
    StringBuilder cf = new StringBuilder("mondir = " + bin + "\nalertdir = " + bin + "\n");
    if (options.clients() > 0) { // the control port refuses every command auth.cf does not allow
      Path auth = bin.resolve("auth.cf");
      Files.writeString(auth, "command section\n" + options.request().strip().split("\\s+")[0] + ": all\n");
      cf.append("authfile = ").append(auth).append('\n');
    }
    if (options.randstart() > 0) {
      cf.append("randstart = ").append(options.randstart()).append("s\n");
    }
    for (int w = 1; w <= options.watches(); w++) {
      cf.append(String.format(Locale.ROOT, "hostgroup w%03d 10.0.%d.%d%n%n", w, w / 250, w % 250 + 1));
    }
    for (int w = 1; w <= options.watches(); w++) {
      cf.append(String.format(Locale.ROOT, "watch w%03d%n", w));
      for (int s = 1; s <= options.services(); s++) {
        cf.append(String.format(Locale.ROOT, "  service s%02d%n    interval %ds%n    monitor noop.monitor%n"
            + "    period wd {Sun-Sat}%n      alert mail.alert root@localhost%n", s, options.interval()));
      }
    }
    return cf.toString();
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }

  /** Records when it was due, decided and started, then succeeds at once. */
  private final class NoopMonitor implements Monitor {
    @Override
    public CheckResult run(MonitorRequest request) {
      Instant now = clock.instant();
      ServiceRuntime rt = engine.runtimes().get(request.service());
      runs.add(index.get(request.service()), rt.timer.due(), rt.runStarted, now);
      return CheckResult.of(0, "", now, now);
    }
  }

  /** The measured window: its bounds, CPU snapshots, GC and timer counters at both ends. */
  static final class Window {
    long from;
    long to;
    ThreadCpu cpuFrom;
    ThreadCpu cpuTo;
    MachineCpu machineFrom;
    MachineCpu machineTo;
    long gcFrom;
    long gcTo;
    long gcMsFrom;
    long gcMsTo;
    long armedFrom;
    long armedTo;

    static Window open(Clock clock, FireLog fires) {
      Window w = new Window();
      w.cpuFrom = ThreadCpu.now();
      w.machineFrom = MachineCpu.now();
      w.from = RunLog.micros(clock.instant());
      w.gcFrom = gcCount();
      w.gcMsFrom = gcMillis();
      w.armedFrom = fires.armedCount();
      return w;
    }

    void close(Clock clock, FireLog fires) {
      cpuTo = ThreadCpu.now();
      machineTo = MachineCpu.now();
      to = RunLog.micros(clock.instant());
      gcTo = gcCount();
      gcMsTo = gcMillis();
      armedTo = fires.armedCount();
    }

    boolean contains(long micros) {
      return micros >= from && micros < to;
    }

    private static long gcCount() {
      return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long gcMillis() {
      return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }
  }

  private void report(Window w, Window loaded, ControlLoad.Result requests) throws IOException {
    int cpus = Runtime.getRuntime().availableProcessors();
    p("scheduler benchmark: %d services (%d watches x %d), interval %d s, randstart %d s, timers %s (quartz threads %d)",
        options.total(), options.watches(), options.services(), options.interval(), options.randstart(), options.timers(),
        options.quartzThreads());
    p("JVM: %s %s, %d CPUs, args %s", System.getProperty("java.vm.name"), System.getProperty("java.version"),
        cpus, ManagementFactory.getRuntimeMXBean().getInputArguments());
    if (loaded == null) {
      window(w, options.warmup());
      threads();
      cpuByKind(w);
      return;
    }
    p("== baseline window: no clients");
    window(w, options.warmup());
    cpuByKind(w);
    p("== loaded window: %d clients x %.1f/s \"%s\" on the daemon's control port (ControlServer, ProtocolHandler,"
        + " DaemonServer, 2 request threads)", options.clients(), options.rate(), options.request());
    window(loaded, options.clientWarmup());
    double seconds = (loaded.to - loaded.from) / 1e6;
    ControlLoad.report(requests, seconds, options.clients() * options.rate() * options.measure(),
        options.clientWarmup() + seconds).forEach(line -> p("%s", line));
    cpuByKind(loaded);
    threads();
  }

  /** The window's lines: runs, CPU, lateness, timers, GC. */
  private void window(Window w, int warmup) {
    RunLog.Window r = runs.window(w.from, w.to, options.interval() * 1_000_000L);
    FireLog.Window f = fires.window(w.from, w.to);
    int m = r.lateness().count();
    double seconds = (w.to - w.from) / 1e6;
    long cpu = w.cpuTo.processNanosSince(w.cpuFrom);
    int cpus = Runtime.getRuntime().availableProcessors();
    double machine = w.machineTo.busySince(w.machineFrom) * cpus * 100;
    p("measured window            %.1f s after %d s warm-up; machine busy %.1f %% of one core (%d cores),"
        + " of which other processes %.1f %%", seconds, warmup, machine, cpus, machine - cpu / 1e7 / seconds);
    p("monitor runs in window     %d (expected %.0f)", m, options.total() * seconds / options.interval());
    p("process CPU                %.3f s = %.2f %% of one core", cpu / 1e9, cpu / 1e7 / seconds);
    p("CPU per run                %.1f us", m == 0 ? 0 : cpu / 1e3 / m);
    p("lateness, start - due      %s", r.lateness().summary());
    p("  engine decided - due     %s", r.decidedLate().summary());
    p("  worker start - decided   %s", r.dispatch().summary());
    p("  timer fire - armed for   %s", f.late().summary());
    p("timer fires / arms         %d / %d in window (%.2f fires per run); %d fires came before the instant"
        + " armed for", f.fires(), w.armedTo - w.armedFrom, m == 0 ? 0.0 : (double) f.fires() / m, f.early());
    p("due times off the grid     %d (each service's first run start + k x interval)", r.offGrid());
    p("GC                         %d collections, %d ms in window", w.gcTo - w.gcFrom, w.gcMsTo - w.gcMsFrom);
  }

  private static void threads() throws IOException {
    p("threads                    %d live, %d peak; VmRSS %s", ManagementFactory.getThreadMXBean().getThreadCount(),
        ManagementFactory.getThreadMXBean().getPeakThreadCount(), vmRss());
  }

  private static void cpuByKind(Window w) {
    double seconds = (w.to - w.from) / 1e6;
    p("CPU by thread kind in window:");
    w.cpuTo.byKindSince(w.cpuFrom).entrySet().stream()
        .filter(e -> e.getValue() >= 1_000_000)
        .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
        .forEach(e -> p("  %-44s %8.3f s  %5.2f %% of one core", e.getKey(), e.getValue() / 1e9, e.getValue() / 1e7 / seconds));
  }

  private static String vmRss() throws IOException {
    return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
        .map(l -> l.substring(6).strip()).findFirst().orElse("?");
  }

  private static void p(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }
}
