package org.lvsmon.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.lvsmon.config.ServiceRef;
import org.quartz.Job;
import org.quartz.JobBuilder;
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
 * Per-service wake-ups on Quartz that tell a {@link DueListener} when a service is due. Quartz only
 * fires; what is due and when next is decided by {@link ServiceTimer} in the caller. Uses the
 * in-memory job store, a scheduler instance name of its own (so several daemons can share a JVM in
 * tests) and a job factory that hands jobs what they need, with no static lookups. Thread-safe.
 *
 * <p>Each service has a durable Quartz job of its own, made on its first arm. Quartz triggers are
 * kept per millisecond, not per arm:
 * <ul>
 *   <li>Services armed for the same millisecond share one trigger (on the job of the service that
 *       armed it first). mon starts every service one interval after start, so services with equal
 *       intervals stay due together; Quartz dispatches triggers one at a time through its thread
 *       pool (tens of microseconds each), so 2,000 triggers due at once would make the last one
 *       wait tens of milliseconds, and each would cost its own dispatch.
 *   <li>A fire delivers, in due order, every armed service whose instant has passed, whichever
 *       trigger it was armed under; a trigger left with no service is dropped from the store.
 *   <li>A wake-up never comes before the instant armed for, by {@code clock}: Quartz keys triggers
 *       by the millisecond and fires one that is 2 ms or less away, so a fire that comes early
 *       waits out the rest on the Quartz thread (a few milliseconds at most).
 *   <li>Arming returns at once: a thread of its own puts new triggers into Quartz's store and takes
 *       dropped ones out, whatever has piled up in one pass, so the caller (the engine) never waits
 *       for the store's lock.
 * </ul>
 */
public final class QuartzTimers implements Timers, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(QuartzTimers.class);
  private static final String GROUP_KEY = "group";
  private static final String SERVICE_KEY = "service";

  /** Longer than Quartz can ever fire early: a longer wait means the clocks disagree, so fire at once. */
  private static final long MAX_EARLY_NANOS = 50_000_000L;

  /** One service's pending wake-up and the trigger it rides on. */
  private static final class Armed {
    final ServiceRef service;
    final Instant when;
    final long seq;
    final Slot slot;

    Armed(ServiceRef service, Instant when, long seq, Slot slot) {
      this.service = service;
      this.when = when;
      this.seq = seq;
      this.slot = slot;
    }

    Instant when() {
      return when;
    }

    long seq() {
      return seq;
    }
  }

  /** One Quartz trigger: its millisecond, its key, the job it fires, and how many services ride on it. */
  private static final class Slot {
    final long millis;
    final TriggerKey trigger;
    final ServiceRef owner;
    int riders;
    boolean scheduled;

    Slot(long millis, TriggerKey trigger, ServiceRef owner) {
      this.millis = millis;
      this.trigger = trigger;
      this.owner = owner;
    }
  }

  private static final Comparator<Armed> BY_DUE = Comparator.comparing(Armed::when).thenComparingLong(Armed::seq);

  private final Scheduler scheduler;
  private final Clock clock;
  private final DueListener listener;
  private final AtomicLong sequence = new AtomicLong();
  private final Object lock = new Object();
  // all guarded by lock:
  /** The pending wake-up of each service that has one, and the same in due order. */
  private final Map<ServiceRef, Armed> armed = new HashMap<>();
  private final NavigableSet<Armed> queue = new TreeSet<>(BY_DUE);
  /** The live triggers, by millisecond and by key. */
  private final Map<Long, Slot> slots = new HashMap<>();
  private final Map<TriggerKey, Slot> slotsByTrigger = new HashMap<>();
  /** Services that have a job, and those cancelled whose job still carries a live trigger. */
  private final Set<ServiceRef> jobs = new HashSet<>();
  private final Set<ServiceRef> retired = new HashSet<>();
  /** Work for the armer thread. */
  private List<Slot> toSchedule = new ArrayList<>();
  private List<TriggerKey> toUnschedule = new ArrayList<>();
  private List<ServiceRef> toDelete = new ArrayList<>();
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
    return (bundle, sched) -> context -> fired(context.getTrigger().getKey());
  }

  /** On a Quartz thread: {@code trigger} fired. */
  private void fired(TriggerKey trigger) {
    Slot slot;
    synchronized (lock) {
      slot = slotsByTrigger.get(trigger);
    }
    if (slot == null) {
      return; // its services were delivered by an earlier fire, re-armed or cancelled
    }
    waitUntil(Instant.ofEpochMilli(slot.millis));
    List<Armed> batch = new ArrayList<>();
    synchronized (lock) {
      release(slot, false);
      Instant now = clock.instant();
      Instant limit = Instant.ofEpochMilli(slot.millis);
      limit = now.isBefore(limit) ? limit : now; // its own riders even if the clock stepped back
      while (!queue.isEmpty() && !queue.first().when.isAfter(limit)) {
        Armed a = queue.pollFirst();
        armed.remove(a.service);
        batch.add(a);
        if (a.slot != slot && --a.slot.riders == 0) {
          release(a.slot, true);
        }
      }
      lock.notifyAll();
    }
    for (Armed a : batch) {
      try {
        listener.due(a.service);
      } catch (RuntimeException e) {
        log.error("[{}] timer handler failed; the service stays scheduled by its next result", a.service, e);
      }
    }
  }

  /** Forgets {@code slot} (guarded by lock); {@code drop}: take its trigger out of the store too. */
  private void release(Slot slot, boolean drop) {
    if (slotsByTrigger.remove(slot.trigger) == null) {
      return;
    }
    slots.remove(slot.millis);
    if (drop && slot.scheduled) {
      toUnschedule.add(slot.trigger);
    }
    if (retired.remove(slot.owner)) {
      toDelete.add(slot.owner);
    }
  }

  /** Parks the Quartz thread until {@code when} when Quartz fired early. */
  private void waitUntil(Instant when) {
    long early = Duration.between(clock.instant(), when).toNanos();
    if (early > 0 && early <= MAX_EARLY_NANOS) {
      LockSupport.parkNanos(early);
    }
  }

  /** (Re)arms the service's wake-up; returns at once. */
  @Override
  public void fireAt(ServiceRef service, Instant when) {
    synchronized (lock) {
      if (closed) {
        return;
      }
      disarm(service);
      long millis = ceilMillis(when);
      Slot slot = slots.get(millis);
      if (slot == null) {
        long seq = sequence.incrementAndGet();
        slot = new Slot(millis, TriggerKey.triggerKey(service.service() + "#" + seq, service.group()), service);
        slots.put(millis, slot);
        slotsByTrigger.put(slot.trigger, slot);
        retired.remove(service);
        toDelete.remove(service);
        toSchedule.add(slot);
        lock.notifyAll();
      }
      slot.riders++;
      Armed a = new Armed(service, when, sequence.incrementAndGet(), slot);
      armed.put(service, a);
      queue.add(a);
    }
  }

  /** Removes the service's pending wake-up (guarded by lock). */
  private void disarm(ServiceRef service) {
    Armed previous = armed.remove(service);
    if (previous != null) {
      queue.remove(previous);
      if (--previous.slot.riders == 0) {
        release(previous.slot, true);
        lock.notifyAll();
      }
    }
  }

  /** The armer thread: takes the work that has piled up and applies it to the Quartz store. */
  private void armLoop() {
    while (true) {
      List<Slot> schedule;
      List<TriggerKey> unschedule;
      List<ServiceRef> delete;
      synchronized (lock) {
        while (!closed && toSchedule.isEmpty() && toUnschedule.isEmpty() && toDelete.isEmpty()) {
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
        delete = toDelete;
        toSchedule = new ArrayList<>();
        toUnschedule = new ArrayList<>();
        toDelete = new ArrayList<>();
      }
      schedule.forEach(this::schedule);
      unschedule(unschedule);
      delete.forEach(this::deleteJob);
    }
  }

  private void schedule(Slot slot) {
    ServiceRef owner = slot.owner;
    boolean needsJob;
    synchronized (lock) {
      if (slotsByTrigger.get(slot.trigger) != slot) {
        return; // fired, emptied or cancelled before it reached the store
      }
      needsJob = jobs.add(owner);
    }
    try {
      if (needsJob) {
        scheduler.addJob(JobBuilder.newJob(Job.class).withIdentity(jobKey(owner))
            .usingJobData(GROUP_KEY, owner.group()).usingJobData(SERVICE_KEY, owner.service())
            .storeDurably().build(), true);
      }
      scheduler.scheduleJob(TriggerBuilder.newTrigger()
          .withIdentity(slot.trigger)
          .forJob(jobKey(owner))
          .startAt(new Date(slot.millis))
          .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
          .build());
      synchronized (lock) {
        slot.scheduled = true;
        if (slotsByTrigger.get(slot.trigger) != slot) {
          toUnschedule.add(slot.trigger); // emptied meanwhile: take it out on the next pass
        }
      }
    } catch (SchedulerException | RuntimeException e) {
      boolean live;
      synchronized (lock) {
        live = slotsByTrigger.get(slot.trigger) == slot && !closed;
      }
      if (live) {
        log.error("cannot arm the timer for {} services due at {}; they run when another timer fires after that: {}",
            slot.riders, Instant.ofEpochMilli(slot.millis), e.getMessage(), e);
      }
    }
  }

  private void unschedule(List<TriggerKey> triggers) {
    if (triggers.isEmpty()) {
      return;
    }
    try {
      scheduler.unscheduleJobs(triggers);
    } catch (SchedulerException e) {
      // harmless: a stale trigger that fires finds no services on it
      log.warn("could not drop {} spent timer triggers: {}", triggers.size(), e.getMessage());
    }
  }

  private void deleteJob(ServiceRef service) {
    synchronized (lock) {
      if (slots.values().stream().anyMatch(s -> s.owner.equals(service)) || !jobs.remove(service)) {
        return; // armed again meanwhile: its job carries a trigger
      }
    }
    try {
      scheduler.deleteJob(jobKey(service));
    } catch (SchedulerException e) {
      log.warn("[{}] cannot remove its timer job: {}", service, e.getMessage());
    }
  }

  /** {@code when} in epoch milliseconds, rounded up, so that the trigger is not keyed before it. */
  static long ceilMillis(Instant when) {
    long ms = when.toEpochMilli();
    return when.getNano() % 1_000_000 == 0 ? ms : ms + 1;
  }

  /** Removes the service's wake-up, if any, and (once no other service rides on its trigger) its job. */
  @Override
  public void cancel(ServiceRef service) {
    synchronized (lock) {
      disarm(service);
      if (slots.values().stream().anyMatch(s -> s.owner.equals(service))) {
        retired.add(service); // its job carries other services' trigger: delete it when that is spent
      } else if (jobs.contains(service)) {
        toDelete.add(service);
        lock.notifyAll();
      }
    }
  }

  /** Live Quartz triggers, for tests. */
  int triggers() {
    synchronized (lock) {
      return slotsByTrigger.size();
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
