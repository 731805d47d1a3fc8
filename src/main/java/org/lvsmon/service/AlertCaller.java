package org.lvsmon.service;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lvsmon.alert.AlertCall;
import org.lvsmon.alert.AlertType;
import org.lvsmon.config.CommandLine;
import org.lvsmon.config.Period;
import org.lvsmon.config.Service;
import org.lvsmon.config.ServiceRef;

/**
 * mon's {@code call_alert} for one transition: turns a decision to alert into an {@link AlertCall}
 * with mon's environment, and tallies it. An alert whose program is not found is not called and not
 * counted.
 */
final class AlertCaller {
  private final Service service;
  private final ServiceRef ref;
  private final ServiceContext context;
  private final Instant now;
  private final StateDraft draft;
  private final List<Intent> intents;
  private final String trapIntended;

  AlertCaller(Service service, ServiceContext context, Instant now, StateDraft draft,
      List<Intent> intents, String trapIntended) {
    this.service = service;
    this.ref = service.ref();
    this.context = context;
    this.now = now;
    this.draft = draft;
    this.intents = intents;
    this.trapIntended = trapIntended;
  }

  /** A period's alert: counted in the period and the alert history when the program exists. */
  boolean periodAlert(
      Trigger trigger, Period period, CommandLine command, String output, Integer retval) {
    AlertType type = trigger.type(false);
    if (!call(type, trigger.flag(), period.key(), command, output, text(retval))) {
      return false;
    }
    draft.period(period.key()).lastAlert = now;
    draft.alertCount++;
    intents.add(new Intent.AlertRecord(type, ref, now, command, MonText.summaryOf(output)));
    return true;
  }

  /** The service's {@code redistribute} alert for any event: never counted. */
  void redistribute(Trigger trigger, String output, Integer retval) {
    call(trigger.type(false), trigger.flag(), null, service.redistribute(), output, text(retval));
  }

  /** A {@code test ...} alert: fixed test output, the client's retval verbatim, never counted. */
  void test(Trigger trigger, Period period, CommandLine command, String retval) {
    call(trigger.type(true), trigger.flag(), period.key(), command, "test\ntest detail\n", retval);
  }

  /**
   * A fail-static alert ({@link FailStaticAlerts}): a failure alert while the weights are held, an
   * up alert ({@code -u}) when they follow the results again; {@code LVSMON_EVENT=failstatic} tells
   * it apart from mon's. Never counted.
   */
  void failStatic(Period period, CommandLine command, boolean holding, String output) {
    AlertType type = holding ? AlertType.FAILURE : AlertType.UP;
    call(type, holding ? null : Trigger.UP.flag(), period.key(), command, output, null,
        Map.of(FAILSTATIC_ENV, "failstatic"));
  }

  /** The variable that marks lvsmon's own alert events. */
  static final String FAILSTATIC_ENV = "LVSMON_EVENT";

  private boolean call(AlertType type, String flag, String periodKey, CommandLine command,
      String output, String retval) {
    return call(type, flag, periodKey, command, output, retval, Map.of());
  }

  private boolean call(AlertType type, String flag, String periodKey, CommandLine command,
      String output, String retval, Map<String, String> extra) {
    if (!context.alertExists().test(command.name())) {
      intents.add(new Decision(ref, periodKey, Decision.Reason.NO_ALERT_FOUND, command.name()));
      return false;
    }
    Map<String, String> env = environment(type, retval);
    env.putAll(extra);
    intents.add(new Intent.CallAlert(new AlertCall(
        type, flag, ref, periodKey, command, context.hosts(), now, output, env)));
    return true;
  }

  /**
   * The service's {@code VAR=value} lines, then mon's variables. A variable whose field is undef in
   * mon is left out; MON_FIRST_SUCCESS is always present and empty because mon never sets it.
   */
  private Map<String, String> environment(AlertType type, String retval) {
    Map<String, String> env = new LinkedHashMap<>(service.env());
    putIfSet(env, "MON_LAST_SUMMARY", draft.lastSummary);
    putIfSet(env, "MON_LAST_OUTPUT", draft.lastOutput);
    env.put("MON_LAST_FAILURE", epoch(draft.lastFailure));
    if (draft.firstFailure != null) {
      env.put("MON_FIRST_FAILURE", epoch(draft.firstFailure));
    }
    env.put("MON_FIRST_SUCCESS", "");
    env.put("MON_LAST_SUCCESS", epoch(draft.lastSuccess));
    putIfSet(env, "MON_DESCRIPTION", service.description().isEmpty() ? null : service.description());
    env.put("MON_GROUP", ref.group());
    env.put("MON_SERVICE", ref.service());
    putIfSet(env, "MON_RETVAL", retval);
    env.put("MON_OPSTATUS", Integer.toString(draft.opStatus.code()));
    if (draft.isAcked() && !draft.ackComment.isEmpty()) {
      env.put("MON_ACK", draft.ackComment);
    }
    env.put("MON_ALERTTYPE", type.envName());
    putIfSet(env, "MON_TRAP_INTENDED", trapIntended);
    return env;
  }

  private static void putIfSet(Map<String, String> env, String name, String value) {
    if (value != null) {
      env.put(name, value);
    }
  }

  private static String text(Integer retval) {
    return retval == null ? null : retval.toString();
  }

  private static String epoch(Instant t) {
    return Long.toString(t.getEpochSecond());
  }
}
