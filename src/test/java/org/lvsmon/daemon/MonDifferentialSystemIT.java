package org.lvsmon.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lvsmon.daemon.AlertRecordings.Call;

/**
 * Runs Debian's real {@code /usr/sbin/mon} and {@code lvsmon run} side by side on the same configs,
 * with the same deterministic monitors and a recording alert, and asserts that both call the same
 * alerts (name, type, group/service, argv, exit value, summary, stdin and the key MON_* variables),
 * each at the same time give or take the jitter of mon's one-second loop. All scenarios run in
 * parallel, each daemon on its own port. Needs the Debian packages mon and mon-client.
 */
class MonDifferentialSystemIT {
  /**
   * How far apart in time the same alert may be: mon's loop adds up to ~2 s, the JVM's start ~1 s,
   * plus a tenth of the elapsed time, because when a service runs one interval after each completion
   * (after a dependency held its monitor back) mon's loop adds up to 2 s to every cycle.
   */
  private static final long TOLERANCE_SECONDS = 3;

  private static boolean closeInTime(Call a, Call b) {
    return Math.abs(a.seconds() - b.seconds()) <= TOLERANCE_SECONDS + Math.max(a.seconds(), b.seconds()) / 10;
  }
  /** Alerts this close to the end may be missing on one side: the daemons are stopped at slightly different points. */
  private static final long END_MARGIN_SECONDS = 6;
  private static final Set<String> COMPARED_ENV = Set.of("MON_ALERTTYPE", "MON_RETVAL", "MON_OPSTATUS",
      "MON_LAST_SUMMARY", "MON_GROUP", "MON_SERVICE", "MON_DESCRIPTION", "MON_ACK", "MON_FIRST_SUCCESS",
      "MON_TRAP_INTENDED");

  /**
   * A lab config run for {@code seconds}, with every interval multiplied by {@code scale}, every
   * alertafter/alertevery time by {@code scale} plus {@code scale} seconds, and {@code rewrites}
   * (regex to replacement) applied to its text. Scaling keeps mon's one-second loop from deciding
   * anything: it stretches intervals under 3 s unpredictably and adds up to a second per cycle, so a
   * time window that ends exactly on a run (alertafter 6s at interval 2s) would be decided by where
   * mon's loop happened to land; the extra {@code scale} seconds put each window's end between runs.
   */
  record Scenario(String name, String config, int seconds, int scale, Map<String, String> rewrites,
      Set<String> uncompared, List<String> commands) {
    Scenario(String name, String config, int seconds, int scale, Map<String, String> rewrites, Set<String> uncompared) {
      this(name, config, seconds, scale, rewrites, uncompared, List.of());
    }

    @Override
    public String toString() {
      return name;
    }

    String prepare(String text) {
      String c = INTERVAL.matcher(text).replaceAll(m -> m.group(1) + (scale * Integer.parseInt(m.group(2))) + "s");
      c = WINDOW.matcher(c).replaceAll(m -> m.group(1) + (scale * Integer.parseInt(m.group(2)) + scale) + "s");
      for (Map.Entry<String, String> r : rewrites.entrySet()) {
        c = c.replaceAll(r.getKey(), r.getValue());
      }
      return c;
    }
  }

  private static final java.util.regex.Pattern INTERVAL = java.util.regex.Pattern.compile(
      "^(\\s*(?:interval|failure_interval|randskew)\\s+)(\\d+)s\\b", java.util.regex.Pattern.MULTILINE);
  private static final java.util.regex.Pattern WINDOW = java.util.regex.Pattern.compile(
      "^(\\s*(?:alertevery|alertafter(?:\\s+\\d+)?)\\s+)(\\d+)s\\b", java.util.regex.Pattern.MULTILINE);

  /** Every scenario, or only those named (comma-separated) by the system property {@code lvsmon.scenarios}. */
  static List<Scenario> scenarios() {
    String only = System.getProperty("lvsmon.scenarios", "");
    return allScenarios().stream().filter(s -> only.isEmpty() || List.of(only.split(",")).contains(s.name)).toList();
  }

  private static List<Scenario> allScenarios() {
    String lab = "test-fixtures/real-mon/configs/";
    return List.of(
        new Scenario("lab-basic", lab + "lab-basic.cf", 60, 2, Map.of(), Set.of()),
        new Scenario("lab-semantics", lab + "lab-semantics.cf", 150, 4, Map.of(), Set.of()),
        // depa and depm depend on pinggrp/ping, which runs at the same instants: whether a child's
        // result sees the parent's new status depends on which result each daemon handles first, and
        // once dep_behavior m has held depm back, mon adds its loop's lag to every later cycle. Both
        // rules are covered by the unit tests that replay mon's measured sequence (LabSemantics2SequenceTest).
        new Scenario("lab-semantics2", lab + "lab-semantics2.cf", 80, 2, Map.of(), Set.of("h1/depa", "h1/depm"),
            // the lab's client commands at twice their times, each between two runs of its service
            List.of("14:disable service h1 dis", "18:ack h1 acked on it", "30:enable service h1 dis")),
        new Scenario("lab-edge", lab + "lab-edge.cf", 80, 2, Map.of(), Set.of()),
        // every command between the first run (30 s) and the second (60 s), so both daemons show the
        // same state whatever their loops' lag; a monshow makes several requests, which mon serves
        // one per pass of its loop, so the next command that changes anything comes seconds later
        new Scenario("lab-clients", lab + "lab-clients.cf", 57, 2, Map.of(), Set.of(),
            List.of("36:disable service h1 dis", "36:disable host 127.0.0.2", "38:ack h1 acked on it",
                "40:list opstatus", "40:list disabled", "42:monshow", "42:monshow --disabled",
                "45:list failures", "45:list successes", "45:list group h2", "45:list watch",
                "45:list descriptions", "49:enable service h1 dis", "49:enable host 127.0.0.2",
                "52:list disabled", "52:monshow --full", "55:list opstatus h1,acked h2", "55:list state",
                "55:get h1 acked interval")));
  }

  record Run(List<Call> calls, String log, String clients) {
    Run without(Set<String> services) {
      return new Run(calls.stream().filter(c -> !services.contains(c.service())).toList(), log, clients);
    }
  }

  private static final Map<String, Run> MON = new LinkedHashMap<>();
  private static final Map<String, Run> LVSMON = new LinkedHashMap<>();

  @BeforeAll
  static void runBothDaemonsOnEveryScenario(@TempDir Path dir) throws Exception {
    assertThat(Path.of("/usr/sbin/mon")).as("the real mon is missing: install the Debian package mon"
        + " (test-fixtures/install-prereqs.sh)").exists();
    assertThat(Path.of("bin/lvsmon")).exists();
    List<Scenario> all = scenarios();
    // mon's timers lose the time its loop spends starting monitors and count a pass shorter than a
    // second as one (mon's main loop: $t = $tm - $lasttm, at least 1), so its cadence bends with
    // the machine's load: with ten daemons on two cores its runs stalled for seconds and it made
    // one alert fewer than lvsmon. So the scenarios run in two lanes (four daemons at a time), and
    // in each pair lvsmon starts first and mon once lvsmon is ready, away from the JVM's start-up.
    List<List<Scenario>> lanes = List.of(new ArrayList<>(), new ArrayList<>());
    int[] laneSeconds = new int[lanes.size()];
    all.stream().sorted(java.util.Comparator.comparingInt(Scenario::seconds).reversed()).forEach(s -> {
      int lane = laneSeconds[0] <= laneSeconds[1] ? 0 : 1;
      lanes.get(lane).add(s);
      laneSeconds[lane] += s.seconds();
    });
    ExecutorService pool = Executors.newFixedThreadPool(lanes.size() * 3);
    try {
      int base = 13600 + (int) (ProcessHandle.current().pid() % 200) * 10;
      List<Future<Map<String, Run[]>>> laneRuns = new ArrayList<>();
      for (List<Scenario> lane : lanes) {
        laneRuns.add(pool.submit(() -> {
          Map<String, Run[]> runs = new LinkedHashMap<>();
          for (Scenario s : lane) {
            int p = base + 2 * all.indexOf(s);
            Future<Run> lvsmon = pool.submit(() -> run("lvsmon", s, dir.resolve("lvsmon-" + s.name), p + 1));
            awaitReady(dir.resolve("lvsmon-" + s.name).resolve("ready"), lvsmon);
            Future<Run> mon = pool.submit(() -> run("mon", s, dir.resolve("mon-" + s.name), p));
            runs.put(s.name, new Run[] {mon.get(3, TimeUnit.MINUTES), lvsmon.get(3, TimeUnit.MINUTES)});
          }
          return runs;
        }));
      }
      Map<String, Run[]> runs = new java.util.HashMap<>();
      for (Future<Map<String, Run[]>> lane : laneRuns) {
        runs.putAll(lane.get(10, TimeUnit.MINUTES));
      }
      for (Scenario s : all) {
        MON.put(s.name, runs.get(s.name)[0]);
        LVSMON.put(s.name, runs.get(s.name)[1]);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Waits until the ready file exists, or the run has ended (its failure is reported when its result is read). */
  private static void awaitReady(Path readyFile, Future<Run> run) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(readyFile) && !run.isDone() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  private static Run run(String daemon, Scenario s, Path work, int port) throws IOException, InterruptedException {
    Path config = work.resolveSibling(work.getFileName() + ".cf");
    Files.writeString(config, s.prepare(Files.readString(Path.of(s.config))));
    long start = Instant.now().getEpochSecond();
    List<String> cmd = new ArrayList<>(List.of("test-fixtures/real-mon/run-daemon.sh", "-D", daemon, "-w",
        work.toString(), "-p", Integer.toString(port), "-d", Integer.toString(s.seconds), "-m",
        Path.of("test-fixtures/real-mon/monitors").toAbsolutePath().toString()));
    s.commands().forEach(c -> cmd.addAll(List.of("-x", c)));
    cmd.add(config.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as("%s on %s failed:%n%s", daemon, s.name, out).isZero();
    String log = Files.exists(work.resolve("daemon.log")) ? Files.readString(work.resolve("daemon.log")) : "";
    // times count from when the daemon was ready (run-daemon.sh noted when its pid file appeared)
    Path ready = work.resolve("ready");
    long from = Files.exists(ready) ? Long.parseLong(Files.readString(ready).strip()) : start;
    Path clients = work.resolve("client.log");
    return new Run(AlertRecordings.read(work, from), log, Files.exists(clients) ? Files.readString(clients) : "");
  }

  /**
   * What moncmd and monshow printed, with what may differ between two daemons started apart taken
   * out: epoch times and durations (non-zero numbers of time fields), monshow's clock and its
   * relative times, the work dir's name in paths, and lines about the services left uncompared.
   */
  static String normalizeClients(String text, Set<String> uncompared) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      String l = line;
      boolean skip = false;
      for (String gs : uncompared) {
        String[] g = gs.split("/");
        skip |= l.contains("service=" + g[1] + " ") || l.matches("^[R ]?\\s*" + g[0] + "\\s+" + g[1] + "\\s.*");
      }
      if (skip) {
        continue;
      }
      l = l.replaceAll("\\b(timer|last_success|last_trap|last_check|ack|last_failure|first_failure|last_alert"
          + "|failure_duration)=[1-9]\\d*", "$1=N");
      // whole seconds a run took: 0 or 1 depending on where it fell against the clock's second
      l = l.replaceAll("\\bmonitor_duration=\\d+", "monitor_duration=N");
      l = l.replaceAll("(\\\\20|[^\\d]|^)1[5-9]\\d{8}(?!\\d)", "$1EPOCH");
      l = l.replaceAll("(\\\\20|\\s)/\\S*/(mon|lvsmon)-[\\w-]+/", "$1WORK/");
      l = l.replaceAll("^(\\s*time:).*", "$1 TIME");
      String timed = l.replaceAll("\\b\\d+[smhd]\\b", "Ns");
      if (!timed.equals(l)) { // monshow pads its columns to the widest time ("5s" vs "15s"): compare without the padding
        timed = timed.replaceAll("(?<=\\S) +(?=\\S)", " ");
      }
      l = timed;
      out.add(l);
    }
    return sortedBlocks(out);
  }

  /**
   * The lines of each command's output (from one {@code CLIENT>} line to the next) in sorted order:
   * mon lists services in Perl's hash order, which changes from run to run, and lvsmon in config order.
   */
  private static String sortedBlocks(List<String> lines) {
    List<String> out = new ArrayList<>();
    List<String> block = new ArrayList<>();
    for (String l : lines) {
      if (l.startsWith("CLIENT> ")) {
        block.sort(null);
        out.addAll(block);
        block.clear();
        out.add(l);
      } else {
        block.add(l);
      }
    }
    block.sort(null);
    out.addAll(block);
    return String.join("\n", out);
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void moncmdAndMonshowPrintTheSameForBothDaemons(Scenario s) {
    org.junit.jupiter.api.Assumptions.assumeTrue(s.name.equals("lab-clients"), "client views are compared in lab-clients");
    String mon = normalizeClients(MON.get(s.name).clients(), s.uncompared());
    String lvsmon = normalizeClients(LVSMON.get(s.name).clients(), s.uncompared());
    assertThat(mon).as("mon's client output").contains("CLIENT> monshow", "220 ack completed", "group h2: 127.0.0.2",
        "ACK FAIL");
    assertThat(lvsmon).as("moncmd/monshow against lvsmon (left) and mon; lvsmon log:%n%s", LVSMON.get(s.name).log())
        .isEqualTo(mon);
  }

  @org.junit.jupiter.api.Test
  void normalizeClients_ignoresThePaddingOfTimeColumns() {
    assertThat(normalizeClients("R h2  web  FAIL  5s         15s  1  x", Set.of()))
        .isEqualTo(normalizeClients("R h2  web  FAIL  15s        5s   1  x", Set.of()))
        .isEqualTo(normalizeClients("R h2  web  FAIL  15s 5s 1  x", Set.of()))
        .isNotEqualTo(normalizeClients("R h2  web  FAIL  15s 5s 2  x", Set.of()));
  }

  @org.junit.jupiter.api.Test
  void normalizeClients_hidesTimesAndWorkDirs_butNotStatesOrCounts() {
    String a = normalizeClients("CLIENT> x\ngroup=h1 service=acked opstatus=0 timer=3 last_check=1795311497 alerts_sent=2"
        + " ack=0\n       time: Sun Nov 22 01:38:22 2026\nR h1  acked  FAIL  5s  0s  2  127.0.0.1\n"
        + "alert\\20h1\\20acked\\201795311493\\20/tmp/x/mon-lab/alert.d/acked.alert", Set.of());
    assertThat(a).isEqualTo("CLIENT> x\n       time: TIME\nR h1 acked FAIL Ns Ns 2 127.0.0.1\n"
        + "alert\\20h1\\20acked\\20EPOCH\\20WORK/alert.d/acked.alert\n"
        + "group=h1 service=acked opstatus=0 timer=N last_check=N alerts_sent=2 ack=0");
    assertThat(normalizeClients("group=h1 service=depa opstatus=0 \n  h1   depa   FAIL\nkeep", Set.of("h1/depa")))
        .isEqualTo("keep");
  }

  @org.junit.jupiter.api.Test
  void scaling_scalesEveryTimeKeywordButNothingElse() {
    assertThat(new Scenario("x", "x", 1, 2, Map.of(), Set.of()).prepare("    interval 2s\n    failure_interval 5s\n        alertafter 3 10s\n        alertafter 6s\n"
        + "        alertevery 8s strict\n    monitor lab-seq.monitor 1:slow@15 2s\n"))
        .isEqualTo("    interval 4s\n    failure_interval 10s\n        alertafter 3 22s\n        alertafter 14s\n"
            + "        alertevery 18s strict\n    monitor lab-seq.monitor 1:slow@15 2s\n");
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void lvsmonCallsTheSameAlertsAsMon(Scenario s) {
    Run mon = MON.get(s.name).without(s.uncompared);
    Run lvsmon = LVSMON.get(s.name).without(s.uncompared);
    assertThat(mon.calls()).as("mon made no alert calls in %s; its log:%n%s", s.name, mon.log()).isNotEmpty();

    List<String> problems = new ArrayList<>();
    unmatched(mon.calls(), lvsmon.calls(), s.seconds).forEach(c -> problems.add("only mon:    " + c));
    unmatched(lvsmon.calls(), mon.calls(), s.seconds).forEach(c -> problems.add("only lvsmon: " + c));
    for (Call c : mon.calls()) {
      match(c, lvsmon.calls()).ifPresent(l -> compareDetails(c, l, problems));
    }
    assertThat(problems).as("%s: mon and lvsmon differ%nmon:%n%s%nlvsmon:%n%s%nlvsmon log:%n%s", s.name,
        lines(mon.calls()), lines(lvsmon.calls()), lvsmon.log()).isEmpty();
  }

  private static String lines(List<Call> calls) {
    StringBuilder b = new StringBuilder();
    calls.forEach(c -> b.append("  ").append(c).append('\n'));
    return b.toString();
  }

  /**
   * Calls of {@code side} (not near the end) with no counterpart of the same key and stdin close in
   * time. stdin takes part because the lab monitors print their call number, which pairs the n-th
   * run of one daemon with the n-th run of the other.
   */
  private static List<Call> unmatched(List<Call> side, List<Call> other, int seconds) {
    List<Call> remaining = new ArrayList<>(other);
    List<Call> missing = new ArrayList<>();
    for (Call c : side) {
      java.util.Optional<Call> m = closest(c, remaining);
      if (m.isPresent()) {
        remaining.remove(m.get());
      } else if (c.seconds() < seconds - END_MARGIN_SECONDS) {
        missing.add(c);
      }
    }
    return missing;
  }

  private static java.util.Optional<Call> closest(Call c, List<Call> candidates) {
    return candidates.stream()
        .filter(o -> o.key().equals(c.key()) && o.stdin().equals(c.stdin()) && closeInTime(o, c))
        .min(java.util.Comparator.comparingLong(o -> Math.abs(o.seconds() - c.seconds())));
  }

  private static java.util.Optional<Call> match(Call c, List<Call> other) {
    return closest(c, other);
  }

  private static void compareDetails(Call mon, Call lvsmon, List<String> problems) {
    if (!mon.env().keySet().equals(lvsmon.env().keySet())) {
      problems.add("MON_* variables differ for " + mon + ": mon " + mon.env().keySet() + ", lvsmon " + lvsmon.env().keySet());
    }
    for (String k : COMPARED_ENV) {
      if (!java.util.Objects.equals(mon.env().get(k), lvsmon.env().get(k))) {
        problems.add(k + " differs for " + mon + ": mon [" + mon.env().get(k) + "], lvsmon [" + lvsmon.env().get(k) + "]");
      }
    }
  }
}
