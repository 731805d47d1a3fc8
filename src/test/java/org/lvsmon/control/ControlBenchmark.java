package org.lvsmon.control;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.lvsmon.config.MonConfig;
import org.lvsmon.config.MonConfigParser;
import org.lvsmon.control.ControlServer.Limits;
import org.lvsmon.control.bench.LoadClient;
import org.lvsmon.daemon.bench.Distribution;
import org.lvsmon.ipvs.Endpoints;

/**
 * The control server under client load (run by hand, never in CI; see test-fixtures/bench/control.sh):
 * a {@link ControlServer} on the loopback interface over a {@link ProtocolHandler} with a synthetic
 * config of SERVICES services (each in its initial state), its requests run on one executor thread
 * as the daemon's engine thread would; CLIENTS connections each send {@code list opstatus} RATE
 * times a second on a fixed schedule. After a warm-up it reports, over the measured window, the
 * requests answered per second, their latency from the scheduled send to the reply's last byte
 * (p50/p99/max), reply bytes per second and the JVM's CPU time (server and clients share the JVM).
 *
 * <p>Usage: {@code java -cp … org.lvsmon.control.ControlBenchmark [--services 1000] [--clients 50]
 * [--rate 10] [--warmup 5] [--measure 30] [--request "list opstatus"]} (times in seconds).
 */
public final class ControlBenchmark {
  record Options(int services, int clients, double rate, int warmup, int measure, String request) {
    static Options parse(String[] args) {
      Map<String, String> v = new HashMap<>(Map.of("--services", "1000", "--clients", "50", "--rate", "10",
          "--warmup", "5", "--measure", "30", "--request", "list opstatus"));
      for (int i = 0; i < args.length; i += 2) {
        if (!v.containsKey(args[i]) || i + 1 >= args.length) {
          throw new IllegalArgumentException("unknown option or missing value: " + args[i] + " (known: " + v.keySet() + ")");
        }
        v.put(args[i], args[i + 1]);
      }
      Options o = new Options(i(v, "--services"), i(v, "--clients"), Double.parseDouble(v.get("--rate")),
          i(v, "--warmup"), i(v, "--measure"), v.get("--request"));
      if (o.services < 1 || o.clients < 1 || !(o.rate > 0) || o.warmup < 0 || o.measure < 1) {
        throw new IllegalArgumentException("expected services, clients, rate, measure > 0 and warmup >= 0, got " + o);
      }
      return o;
    }

    private static int i(Map<String, String> v, String key) {
      try {
        return Integer.parseInt(v.get(key));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(key + " " + v.get(key) + ": expected a whole number", e);
      }
    }
  }

  private ControlBenchmark() {}

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    MonConfig config = new MonConfigParser().parse(configText(o.services()), Path.of("control-bench.cf"));
    if (config.services().count() != o.services() || !config.problems().isEmpty()) {
      throw new IllegalStateException("generated config has " + config.services().count() + " services, expected "
          + o.services() + "; problems: " + config.problems());
    }
    ExecutorService engine = Executors.newSingleThreadExecutor(r -> new Thread(r, "bench-engine"));
    ProtocolHandler handler = new ProtocolHandler(new RecordingMonServer(config, Fixture.allowAll()),
        Authenticator.REFUSE_ALL, Clock.systemDefaultZone());
    Limits limits = new Limits(Limits.DEFAULTS.maxLineBytes(), Math.max(Limits.DEFAULTS.maxClients(), o.clients() + 8),
        Duration.ofSeconds(60), Limits.DEFAULTS.maxOutputBytes());
    InetSocketAddress bind = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    try (ControlServer server = ControlServer.start(bind, limits, List.of(Pattern.compile(".*")), handler, engine,
        () -> {})) {
      run(o, server.address());
    } finally {
      engine.shutdownNow();
    }
    System.exit(0);
  }

  private static void run(Options o, InetSocketAddress address) throws InterruptedException {
    long interval = (long) (1e9 / o.rate());
    long t0 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
    long from = t0 + TimeUnit.SECONDS.toNanos(o.warmup());
    long until = from + TimeUnit.SECONDS.toNanos(o.measure());
    Random random = new Random(1);
    List<LoadClient> clients = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < o.clients(); i++) {
      LoadClient c = new LoadClient(address, o.request(), o.rate(), t0 + (long) (random.nextDouble() * interval), from,
          until);
      clients.add(c);
      Thread t = new Thread(c, "bench-client-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    System.err.printf(Locale.ROOT, "%d services, %d clients x %.1f/s \"%s\" on %s; warm-up %d s, then measuring %d s%n",
        o.services(), o.clients(), o.rate(), o.request(), Endpoints.format(address), o.warmup(), o.measure());
    long cpu0 = cpuNanos();
    long wall0 = System.nanoTime();
    for (Thread t : threads) {
      t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime()) + 60_000));
    }
    report(o, clients, cpuNanos() - cpu0, System.nanoTime() - wall0);
  }

  private static void report(Options o, List<LoadClient> clients, long cpuNanos, long wallNanos) {
    Distribution d = LoadClient.latencies(clients);
    int n = d.count();
    double expected = o.clients() * o.rate() * o.measure();
    long bytes = clients.stream().mapToLong(LoadClient::bytes).sum();
    double seconds = wallNanos / 1e9;
    System.out.printf(Locale.ROOT, "requests answered   %d in %d s = %.1f/s (scheduled %.1f/s)%n", n, o.measure(),
        n / (double) o.measure(), expected / o.measure());
    System.out.printf(Locale.ROOT, "latency             p50 %s  p99 %s  max %s%n", ms(d.percentile(50)),
        ms(d.percentile(99)), ms(d.max()));
    System.out.printf(Locale.ROOT, "reply bytes         %.1f MB/s (whole run, %.1f s)%n", bytes / seconds / 1e6,
        seconds);
    System.out.printf(Locale.ROOT, "JVM CPU             %.0f %% of one core (server and clients, whole run)%n",
        100.0 * cpuNanos / wallNanos);
    System.out.printf(Locale.ROOT, "not 220             %d; sent late %d; clients failed %d%n",
        clients.stream().mapToInt(LoadClient::failed).sum(), clients.stream().mapToInt(LoadClient::late).sum(),
        clients.stream().filter(c -> c.error() != null).count());
    clients.stream().filter(c -> c.error() != null).limit(3).forEach(c -> System.out.println("  client error: " + c.error()));
  }

  private static String ms(long micros) {
    return String.format(Locale.ROOT, "%.2f ms", micros / 1000.0);
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** SERVICES services, 20 to a watch, each watch with one host. */
  static String configText(int services) {
    StringBuilder cf = new StringBuilder();
    int watches = (services + 19) / 20;
    for (int w = 1; w <= watches; w++) {
      cf.append(String.format(Locale.ROOT, "hostgroup w%04d 10.%d.%d.%d%n%n", w, w / 62500, w / 250 % 250, w % 250 + 1));
    }
    for (int w = 1, left = services; w <= watches; w++) {
      cf.append(String.format(Locale.ROOT, "watch w%04d%n", w));
      for (int s = 1; s <= 20 && left > 0; s++, left--) {
        cf.append(String.format(Locale.ROOT, "  service s%02d%n    interval 10s%n    monitor tcp.monitor -p 22%n"
            + "    period wd {Sun-Sat}%n      alert mail.alert root@localhost%n", s));
      }
    }
    return cf.toString();
  }
}
