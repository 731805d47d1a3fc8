package org.lvsmon.schedule;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.lvsmon.config.ServiceRef;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
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
 */
public final class QuartzTimers implements Timers, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(QuartzTimers.class);
  private static final String GROUP_KEY = "group";
  private static final String SERVICE_KEY = "service";

  private final Scheduler scheduler;
  private final AtomicLong sequence = new AtomicLong();

  public QuartzTimers(String name, int threads, DueListener listener) {
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
      scheduler.setJobFactory(jobFactory(listener));
      scheduler.start();
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot start the Quartz scheduler " + name + ": " + e.getMessage(), e);
    }
  }

  private static JobFactory jobFactory(DueListener listener) {
    return (bundle, sched) -> {
      Job job = context -> {
        JobDataMap data = context.getMergedJobDataMap();
        ServiceRef ref = new ServiceRef(data.getString(GROUP_KEY), data.getString(SERVICE_KEY));
        try {
          listener.due(ref);
        } catch (RuntimeException e) {
          log.error("[{}] timer handler failed; the service stays scheduled by its next result", ref, e);
        }
      };
      return job;
    };
  }

  @Override
  public void fireAt(ServiceRef service, Instant when) {
    JobKey key = jobKey(service);
    JobDetail job = JobBuilder.newJob(Job.class).withIdentity(key)
        .usingJobData(GROUP_KEY, service.group()).usingJobData(SERVICE_KEY, service.service())
        .storeDurably().build();
    // A fresh trigger key every time: re-arming from inside a fire must not touch the trigger that is
    // still completing, or Quartz deletes the new schedule along with the spent trigger.
    Trigger trigger = TriggerBuilder.newTrigger()
        .withIdentity(TriggerKey.triggerKey(service.service() + "#" + sequence.incrementAndGet(), service.group()))
        .forJob(key)
        .startAt(Date.from(when))
        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
        .build();
    try {
      scheduler.addJob(job, true);
      List<TriggerKey> old = scheduler.getTriggersOfJob(key).stream().map(Trigger::getKey).toList();
      scheduler.unscheduleJobs(old);
      scheduler.scheduleJob(trigger);
    } catch (SchedulerException e) {
      throw new IllegalStateException("[" + service + "] cannot arm its timer for " + when + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void cancel(ServiceRef service) {
    try {
      scheduler.deleteJob(jobKey(service));
    } catch (SchedulerException e) {
      throw new IllegalStateException("[" + service + "] cannot remove its timer: " + e.getMessage(), e);
    }
  }

  /** Stops firing; waits for handlers in progress (they are quick by contract). */
  @Override
  public void close() {
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
