package org.lvsmon.daemon;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.lvsmon.alert.RecordingAlertAction;
import org.lvsmon.config.MonConfig;
import org.lvsmon.config.MonConfigParser;
import org.lvsmon.config.RunOptions;
import org.lvsmon.config.ServiceRef;
import org.lvsmon.config.Settings;
import org.lvsmon.monitor.RecordingMonitor;
import org.lvsmon.schedule.Timers;

/**
 * An {@link Engine} with a hand-moved clock, recorded timers, and its engine thread and monitor
 * workers replaced by queues the test drains, so every interleaving is explicit and nothing sleeps.
 */
final class EngineHarness {
  static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z"); // a Monday

  final MutableClock clock = new MutableClock(T0);
  final RecordingMonitor monitor = new RecordingMonitor(clock);
  final RecordingAlertAction alerts = new RecordingAlertAction();
  final RecordedTimers timers = new RecordedTimers();
  final Queue loop = new Queue();
  final QueueExecutorService workers = new QueueExecutorService();
  final Engine engine;
  final History history;

  /** Builds an engine for {@code config}; monitors and alerts named in it exist in {@code bin}. */
  EngineHarness(String config, Path bin) throws Exception {
    for (String name : List.of("test.monitor", "mail.alert", "up.alert", "start.alert")) {
      Path p = bin.resolve(name);
      if (!Files.exists(p)) {
        Files.writeString(p, "#!/bin/sh\nexit 0\n");
        p.toFile().setExecutable(true);
      }
    }
    org.lvsmon.config.KeywordRegistry keywords = new org.lvsmon.config.KeywordRegistry();
    org.lvsmon.monitor.MonitorTimeout.register(keywords);
    MonConfig c = new MonConfigParser(keywords).parse("mondir = " + bin + "\nalertdir = " + bin + "\n" + config, Path.of("test.cf"));
    Settings settings = Settings.resolve(c, RunOptions.NONE, Settings.BuiltinDirs.NONE, Files::isDirectory);
    ProgramPaths programs = new ProgramPaths(c, settings);
    history = new History(100, null, null);
    IntentRunner intents = new IntentRunner(alerts, programs, history, false);
    engine = new Engine(c, settings, clock, new Random(1), monitor, intents, timers, loop, workers, programs);
  }

  void at(long seconds) {
    clock.set(T0.plusSeconds(seconds));
  }

  /** Lets every queued monitor run finish and every engine event be handled, in order. */
  void settle() {
    while (!workers.tasks.isEmpty() || !loop.tasks.isEmpty()) {
      workers.runAll();
      loop.runAll();
    }
  }

  /** The service's timer fired (as Quartz would) at the current time; everything settles. */
  void fire(String group, String service) {
    engine.due(new ServiceRef(group, service));
    settle();
  }

  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void set(Instant t) {
      now = t;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  static final class RecordedTimers implements Timers {
    final Map<ServiceRef, Instant> armed = new LinkedHashMap<>();
    final List<String> log = new ArrayList<>();

    @Override
    public void fireAt(ServiceRef service, Instant when) {
      armed.put(service, when);
      log.add(service + "@" + Duration.between(T0, when).toSeconds());
    }

    @Override
    public void cancel(ServiceRef service) {
      armed.remove(service);
    }

    long dueIn(String group, String service) {
      return Duration.between(T0, armed.get(new ServiceRef(group, service))).toSeconds();
    }
  }

  static final class Queue implements Executor {
    final Deque<Runnable> tasks = new ArrayDeque<>();

    @Override
    public void execute(Runnable r) {
      tasks.add(r);
    }

    void runAll() {
      while (!tasks.isEmpty()) {
        tasks.poll().run();
      }
    }
  }

  /** Monitor workers that run only when the test says so; a run stopped before it began is dropped (and ends cancelled). */
  static final class QueueExecutorService extends AbstractExecutorService {
    final Deque<Runnable> tasks = new ArrayDeque<>();

    @Override
    public void execute(Runnable r) {
      tasks.add(r);
    }

    void runAll() {
      while (!tasks.isEmpty()) {
        tasks.poll().run();
      }
    }

    @Override
    public void shutdown() {}

    @Override
    public List<Runnable> shutdownNow() {
      return List.copyOf(tasks);
    }

    @Override
    public boolean isShutdown() {
      return false;
    }

    @Override
    public boolean isTerminated() {
      return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return true;
    }
  }
}
