package org.lvsmon.daemon;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.lvsmon.config.MonConfig;
import org.lvsmon.config.Settings;
import org.lvsmon.control.Authenticator;
import org.lvsmon.control.ControlServer;
import org.lvsmon.control.ProtocolHandler;
import org.lvsmon.control.bench.LoadClient;
import org.lvsmon.daemon.bench.Distribution;

/**
 * The daemon's control port under client load, for {@link SchedulerBenchmark}: a {@link ControlServer}
 * on the loopback interface over {@link ProtocolHandler} and {@link DaemonServer} on the benchmark's
 * engine, with the daemon's request threads ({@link Daemon#requestThreads()}), and CLIENTS
 * {@link LoadClient}s sending one request RATE times a second. Times are {@code System.nanoTime}
 * values. Not thread-safe: one benchmark thread drives it.
 */
final class ControlLoad implements AutoCloseable {
  private final ExecutorService requests;
  private final ControlServer server;
  private final List<LoadClient> clients = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final LongAdder clientCpu = new LongAdder(); // each client thread's own CPU time, added as it ends
  private final long measureFrom;
  private final long measureUntil;

  /** What the clients saw in the measured window. */
  record Result(Distribution latency, int failed, int late, List<String> errors, long bytes, long clientCpuNanos) {}

  private ControlLoad(ExecutorService requests, ControlServer server, long measureFrom, long measureUntil) {
    this.requests = requests;
    this.server = server;
    this.measureFrom = measureFrom;
    this.measureUntil = measureUntil;
  }

  /**
   * Starts the server and the clients; they warm up for {@code warmupSeconds}, then their requests
   * are measured for {@code measureSeconds}. The server's limits are the daemon's (cltimeout from
   * {@code settings}), with room for every client.
   */
  static ControlLoad start(Engine engine, EngineThread loop, History history, MonConfig config, Settings settings,
      int clients, double rate, String request, int warmupSeconds, int measureSeconds) throws IOException {
    DaemonServer daemon = new DaemonServer(engine, loop, history, settings, () -> config, null, () -> {});
    ProtocolHandler handler = new ProtocolHandler(daemon, Authenticator.REFUSE_ALL, Clock.systemDefaultZone());
    ControlServer.Limits defaults = ControlServer.Limits.DEFAULTS.withIdleTimeout(settings.cltimeout());
    ControlServer.Limits limits = new ControlServer.Limits(defaults.maxLineBytes(),
        Math.max(defaults.maxClients(), clients + 8), defaults.idleTimeout(), defaults.maxOutputBytes());
    ExecutorService requests = Daemon.requestThreads();
    ControlServer server;
    try {
      server = ControlServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), limits,
          List.of(Pattern.compile(".*")), handler, requests, () -> {});
    } catch (IOException | RuntimeException e) {
      requests.shutdownNow();
      throw e;
    }
    long interval = (long) (1e9 / rate);
    long t0 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
    long from = t0 + TimeUnit.SECONDS.toNanos(warmupSeconds);
    ControlLoad load = new ControlLoad(requests, server, from, from + TimeUnit.SECONDS.toNanos(measureSeconds));
    Random random = new Random(1);
    for (int i = 0; i < clients; i++) {
      // phases spread over one interval, so the requests do not arrive in bursts
      LoadClient c = new LoadClient(server.address(), request, rate, t0 + (long) (random.nextDouble() * interval),
          from, load.measureUntil);
      Thread t = new Thread(() -> {
        c.run();
        load.clientCpu.add(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
      }, "bench-client-" + i);
      t.setDaemon(true);
      load.clients.add(c);
      load.threads.add(t);
      t.start();
    }
    return load;
  }

  long measureFrom() {
    return measureFrom;
  }

  long measureUntil() {
    return measureUntil;
  }

  /** Waits for the clients to finish (each at most a minute past the window) and collects what they saw. */
  Result finish() throws InterruptedException {
    for (Thread t : threads) {
      t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(measureUntil - System.nanoTime()) + 60_000));
    }
    return new Result(LoadClient.latencies(clients), clients.stream().mapToInt(LoadClient::failed).sum(),
        clients.stream().mapToInt(LoadClient::late).sum(),
        clients.stream().map(LoadClient::error).filter(e -> e != null).toList(),
        clients.stream().mapToLong(LoadClient::bytes).sum(), clientCpu.sum());
  }

  /**
   * The request lines of the report, for a window of {@code seconds} with {@code expected} requests
   * scheduled, of a client run (warm-up and window) of {@code runSeconds}.
   */
  static List<String> report(Result r, double seconds, double expected, double runSeconds) {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "requests answered          %d = %.1f/s (scheduled %.1f/s)", r.latency().count(),
        r.latency().count() / seconds, expected / seconds));
    lines.add("request latency            " + r.latency().summary());
    lines.add(String.format(Locale.ROOT, "reply bytes                %.1f MB/s (whole client run)", r.bytes() / runSeconds / 1e6));
    lines.add(String.format(Locale.ROOT, "load clients' own CPU      %.2f %% of one core (whole client run; they share the JVM)",
        r.clientCpuNanos() / 1e7 / runSeconds));
    lines.add(String.format(Locale.ROOT, "not 220                    %d; sent late %d; clients failed %d", r.failed(),
        r.late(), r.errors().size()));
    r.errors().stream().limit(3).forEach(e -> lines.add("  client error: " + e));
    return lines;
  }

  @Override
  public void close() {
    server.close();
    requests.shutdownNow();
  }
}
