package org.lvsmon.monitor.ssh;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.lvsmon.monitor.CheckResult;
import org.lvsmon.monitor.HostMetrics;
import org.lvsmon.monitor.HostState;
import org.lvsmon.monitor.ParallelProbes;

/**
 * ssh-load.monitor's cost on the director, run by hand through test-fixtures/bench/ssh-load.sh (not
 * a test): runs the monitor in-process, as the daemon does, every {@code --interval} seconds on the
 * given ssh-load arguments and hosts; after {@code --warmup} seconds measures, over {@code
 * --measure} seconds, this JVM's CPU time (GC and JIT included) per load sample, sample latency
 * (request to answer) percentiles, how many samples were not UP, RSS and live threads.
 *
 * <p>Usage: {@code SshLoadBenchmark [--interval 5] [--warmup 10] [--measure 60] -- SSH-LOAD-ARGS... HOSTS...}
 */
public final class SshLoadBenchmark {
  private SshLoadBenchmark() {}

  public static void main(String[] argv) throws Exception {
    int interval = 5;
    int warmup = 10;
    int measure = 60;
    int i = 0;
    for (; i < argv.length && !argv[i].equals("--"); i += 2) {
      int v = Integer.parseInt(argv[i + 1]);
      switch (argv[i]) {
        case "--interval" -> interval = v;
        case "--warmup" -> warmup = v;
        case "--measure" -> measure = v;
        default -> throw new IllegalArgumentException("unknown option " + argv[i]);
      }
    }
    List<String> args = Arrays.asList(argv).subList(i + 1, argv.length);
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (ParallelProbes probes = new ParallelProbes("ssh-load", ParallelProbes.DEFAULT_THREADS);
        SshLoadMonitor monitor = new SshLoadMonitor(probes, SshDefaults.fromSystem(), Clock.systemUTC())) {
      long start = System.nanoTime();
      long windowStart = start + Duration.ofSeconds(warmup).toNanos();
      long windowEnd = windowStart + Duration.ofSeconds(measure).toNanos();
      long cpu0 = -1;
      long wall0 = 0;
      int samples = 0;
      int notUp = 0;
      int runs = 0;
      List<Double> latencies = new ArrayList<>();
      long next = start;
      while (true) {
        long now = System.nanoTime();
        if (cpu0 < 0 && now - windowStart >= 0) {
          cpu0 = os.getProcessCpuTime();
          wall0 = now;
        }
        if (now - windowEnd >= 0) {
          break;
        }
        CheckResult r = monitor.check(args, null);
        if (cpu0 >= 0) {
          runs++;
          for (HostMetrics m : r.metrics().values()) {
            samples++;
            if (m.state() == HostState.UP) {
              latencies.add(m.latency().toNanos() / 1e6);
            } else {
              notUp++;
            }
          }
        }
        next += Duration.ofSeconds(interval).toNanos();
        long sleep = next - System.nanoTime();
        if (sleep > 0) {
          Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
        }
      }
      double cpuMs = (os.getProcessCpuTime() - cpu0) / 1e6;
      double wallS = (System.nanoTime() - wall0) / 1e9;
      latencies.sort(null);
      String rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
          .findFirst().orElse("VmRSS: ?").replaceAll("\\s+", " ");
      System.out.printf(Locale.ROOT, "runs %d, samples %d (%d not UP), window %.1f s%n", runs, samples, notUp, wallS);
      System.out.printf(Locale.ROOT, "director CPU %.1f ms = %.3f ms per sample = %.2f %% of one core%n", cpuMs,
          cpuMs / Math.max(1, samples), 100 * cpuMs / 1000 / wallS);
      System.out.printf(Locale.ROOT, "sample latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f%n", pct(latencies, 50),
          pct(latencies, 90), pct(latencies, 99), latencies.isEmpty() ? Double.NaN : latencies.get(latencies.size() - 1));
      System.out.printf(Locale.ROOT, "%s, live threads %d, open sessions %d%n", rss, Thread.activeCount(),
          monitor.openSessions());
    }
  }

  private static double pct(List<Double> sorted, int p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
