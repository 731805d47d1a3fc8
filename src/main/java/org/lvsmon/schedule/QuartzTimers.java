package org.lvsmon.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.lvsmon.config.ServiceRef;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.spi.JobFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One-shot Quartz triggers, one per service, that tell a {@link DueListener} when the service is due.
 * Quartz only fires; what is due and when next is decided by {@link ServiceTimer} in the caller.
 * Uses the in-memory job store, a scheduler instance name of its own (so several daemons can share a
 * JVM in tests) and a job factory that hands jobs the listener, with no static lookups. Thread-safe.
 *
 * <p>Three refinements keep it cheap and punctual with thousands of services:
 * <ul>
 *   <li>A timer never fires before the instant it was armed for, by {@code clock}. Quartz keys
 *       triggers by the millisecond and fires one that is 2 ms or less away, so a fire that comes
 *       early waits out the rest on the Quartz thread (a few milliseconds at most). Firing early
 *       would only make the caller find the service not yet due and arm it again.
 *   <li>A fire delivers, in due order, every armed service whose instant has passed, and drops
 *       their own triggers in one call. mon starts every service one interval after start, so
 *       services with equal intervals stay due at the same instant; Quartz dispatches one trigger
 *       at a time through its thread pool, which would make the last of 2,000 wait tens of
 *       milliseconds. A trigger whose service was delivered that way, re-armed or cancelled does
 *       nothing when it fires.
 *   <li>Each service has one durable job, made on its first arm. Arming returns at once: a thread
 *       of its own puts the trigger into Quartz's store and drops the previous one if it is still
 *       there, taking whatever has piled up in one pass, so the engine never waits for the store's
 *       lock (each change to the store also wakes Quartz's scheduler thread).
 * </ul>
 */
public final class QuartzTimers implements Timers, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(QuartzTimers.class);
  private static final String GROUP_KEY = "group";
  private static final String SERVICE_KEY = "service";

  /** Longer than Quartz can ever fire early: a longer wait means the clocks disagree, so fire at once. */
  private static final long MAX_EARLY_NANOS = 50_000_000L;

  private static final int UNSCHEDULE_BATCH = 32;

  /**
   * One pending wake-up: the service, its instant, and the Quartz trigger for it, which is in the
   * store once {@code scheduled} (guarded by the lock).
   */
  private static final class Armed {
    final ServiceRef service;
    final Instant when;
    final long seq;
    final TriggerKey trigger;
    boolean scheduled;

    Armed(ServiceRef service, Instant when, long seq) {
      this.service = service;
      this.when = when;
      this.seq = seq;
      this.trigger = TriggerKey.triggerKey(service.service() + "#" + seq, service.group());
    }

    Instant when() {
      return when;
    }

    long seq() {
      return seq;
    }
  }

  private static final Comparator<Armed> BY_DUE = Comparator.comparing(Armed::when).thenComparingLong(Armed::seq);

  private final Scheduler scheduler;
  private final Clock clock;
  private final DueListener listener;
  private final AtomicLong sequence = new AtomicLong();
  /** The services that have a job. */
  private final Set<ServiceRef> jobs = ConcurrentHashMap.newKeySet();
  private final Object lock = new Object();
  /** The pending wake-up of each service that has one, and the same in due order; guarded by lock. */
  private final Map<ServiceRef, Armed> armed = new HashMap<>();
  private final NavigableSet<Armed> queue = new TreeSet<>(BY_DUE);
  /** Work for the armer thread: wake-ups to put into Quartz, triggers to take out; guarded by lock. */
  private List<Armed> toSchedule = new ArrayList<>();
  private List<TriggerKey> toUnschedule = new ArrayList<>();
  private boolean closed;
  private final Thread armer;

  public QuartzTimers(String name, int threads, Clock clock, DueListener listener) {
    this.clock = clock;
    this.listener = listener;
    Properties p = new Properties();
    p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, name + "-" + UUID.randomUUID());
    p.setProperty(StdSchedulerFactory.PROP_THREAD_POOL_CLASS, "org.quartz.simpl.SimpleThreadPool");
    p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
    p.setProperty("org.quartz.threadPool.threadNamePrefix", name + "-timer");
    p.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, "org.quartz.simpl.RAMJobStore");
    // a fire that is late is still wanted (mon runs an overdue service on its next pass)
    p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
    try {
      scheduler = new StdSchedulerFactory(p).getScheduler();
      scheduler.setJobFactory(jobFactory());
      scheduler.start();
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot start the Quartz scheduler " + name + ": " + e.getMessage(), e);
    }
    armer = new Thread(this::armLoop, name + "-timer-arm");
    armer.setDaemon(true);
    armer.start();
  }

  private JobFactory jobFactory() {
    return (bundle, sched) -> context -> {
      JobDataMap data = context.getJobDetail().getJobDataMap();
      fired(new ServiceRef(data.getString(GROUP_KEY), data.getString(SERVICE_KEY)), context.getTrigger().getKey());
    };
  }

  /** On a Quartz thread: {@code trigger} of {@code service} fired. */
  private void fired(ServiceRef service, TriggerKey trigger) {
    Armed mine;
    synchronized (lock) {
      mine = armed.get(service);
    }
    if (mine == null || !mine.trigger.equals(trigger)) {
      return; // delivered with an earlier fire, re-armed or cancelled since
    }
    waitUntil(mine.when);
    List<Armed> batch = new ArrayList<>();
    synchronized (lock) {
      if (armed.get(service) != mine) {
        return;
      }
      Instant now = clock.instant();
      Instant limit = now.isBefore(mine.when) ? mine.when : now; // deliver mine even if the clock stepped back
      while (!queue.isEmpty() && !queue.first().when.isAfter(limit)) {
        Armed a = queue.pollFirst();
        armed.remove(a.service);
        batch.add(a);
        if (a != mine && a.scheduled) {
          toUnschedule.add(a.trigger);
        }
      }
      if (!toUnschedule.isEmpty()) {
        lock.notifyAll();
      }
    }
    for (Armed a : batch) {
      try {
        listener.due(a.service);
      } catch (RuntimeException e) {
        log.error("[{}] timer handler failed; the service stays scheduled by its next result", a.service, e);
      }
    }
  }

  /** Parks the Quartz thread until {@code when} when Quartz fired early. */
  private void waitUntil(Instant when) {
    long early = Duration.between(clock.instant(), when).toNanos();
    if (early > 0 && early <= MAX_EARLY_NANOS) {
      LockSupport.parkNanos(early);
    }
  }

  /**
   * (Re)arms the service's timer. Returns at once: the Quartz trigger is put into the store by a
   * thread of its own, so that the caller (the engine) never waits for the store's lock.
   */
  @Override
  public void fireAt(ServiceRef service, Instant when) {
    synchronized (lock) {
      if (closed) {
        return;
      }
      Armed next = new Armed(service, when, sequence.incrementAndGet());
      Armed previous = armed.put(service, next);
      if (previous != null) {
        queue.remove(previous);
        if (previous.scheduled) {
          toUnschedule.add(previous.trigger); // not found when it is firing just now: nothing left to drop
        }
      }
      queue.add(next);
      toSchedule.add(next);
      lock.notifyAll();
    }
  }

  /** The armer thread: takes the work that has piled up and applies it to the Quartz store. */
  private void armLoop() {
    while (true) {
      List<Armed> schedule;
      List<TriggerKey> unschedule;
      synchronized (lock) {
        while (!closed && toSchedule.isEmpty() && toUnschedule.isEmpty()) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            closed = true;
          }
        }
        if (closed) {
          return;
        }
        schedule = toSchedule;
        unschedule = toUnschedule;
        toSchedule = new ArrayList<>();
        toUnschedule = new ArrayList<>();
      }
      for (Armed a : schedule) {
        schedule(a);
      }
      unschedule(unschedule);
    }
  }

  private void schedule(Armed a) {
    synchronized (lock) {
      if (armed.get(a.service) != a) {
        return; // delivered, re-armed or cancelled before it reached the store
      }
    }
    JobKey key = jobKey(a.service);
    // A fresh trigger key every time: re-arming from inside a fire must not touch the trigger that is
    // still completing, or Quartz deletes the new schedule along with the spent trigger.
    Trigger trigger = TriggerBuilder.newTrigger()
        .withIdentity(a.trigger)
        .forJob(key)
        .startAt(new Date(ceilMillis(a.when)))
        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
        .build();
    try {
      if (jobs.add(a.service)) {
        scheduler.addJob(JobBuilder.newJob(Job.class).withIdentity(key)
            .usingJobData(GROUP_KEY, a.service.group()).usingJobData(SERVICE_KEY, a.service.service())
            .storeDurably().build(), true);
      }
      scheduler.scheduleJob(trigger);
      synchronized (lock) {
        a.scheduled = true;
        if (armed.get(a.service) != a) {
          toUnschedule.add(a.trigger); // replaced meanwhile: take it out again on the next pass
        }
      }
    } catch (SchedulerException | RuntimeException e) {
      if (isArmed(a)) {
        log.error("[{}] cannot arm its timer for {}; it runs when another service's timer fires after that: {}",
            a.service, a.when, e.getMessage(), e);
      }
    }
  }

  private boolean isArmed(Armed a) {
    synchronized (lock) {
      return armed.get(a.service) == a && !closed;
    }
  }

  /**
   * Drops triggers whose services were delivered or re-armed. In small batches: RAMJobStore removes
   * a trigger in time linear in the triggers it holds, under the lock that firing needs too.
   */
  private void unschedule(List<TriggerKey> triggers) {
    for (int i = 0; i < triggers.size(); i += UNSCHEDULE_BATCH) {
      List<TriggerKey> part = triggers.subList(i, Math.min(triggers.size(), i + UNSCHEDULE_BATCH));
      try {
        scheduler.unscheduleJobs(part);
      } catch (SchedulerException e) {
        // harmless: a stale trigger that fires finds its service no longer armed for it
        log.warn("could not drop {} spent timer triggers: {}", part.size(), e.getMessage());
      }
    }
  }

  /** {@code when} in epoch milliseconds, rounded up, so that the trigger is not keyed before it. */
  static long ceilMillis(Instant when) {
    long ms = when.toEpochMilli();
    return when.getNano() % 1_000_000 == 0 ? ms : ms + 1;
  }

  @Override
  public void cancel(ServiceRef service) {
    synchronized (lock) {
      Armed a = armed.remove(service);
      if (a != null) {
        queue.remove(a);
      }
    }
    try {
      jobs.remove(service);
      scheduler.deleteJob(jobKey(service)); // with its triggers
    } catch (SchedulerException e) {
      throw new IllegalStateException("[" + service + "] cannot remove its timer: " + e.getMessage(), e);
    }
  }

  /** Stops firing; waits for handlers in progress (they are quick by contract). */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
    try {
      armer.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      scheduler.shutdown(true);
    } catch (SchedulerException e) {
      log.warn("Quartz scheduler did not shut down cleanly", e);
    }
  }

  private static JobKey jobKey(ServiceRef s) {
    return JobKey.jobKey(s.service(), s.group());
  }

}
