package org.lvsmon.service;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lvsmon.config.Service;

/**
 * The variables mon sets for a monitor run (reference section 4), in mon's order: the service's
 * {@code VAR=value} lines, then {@code MON_GROUP}, {@code MON_SERVICE} and the state fields that are
 * defined. The daemon adds {@code MON_STATEDIR}, {@code MON_LOGDIR} and {@code MON_CFBASEDIR}.
 */
public final class MonitorEnvironment {
  private MonitorEnvironment() {}

  public static Map<String, String> of(Service service, ServiceState state) {
    Map<String, String> env = new LinkedHashMap<>(service.env());
    env.put("MON_GROUP", service.group());
    env.put("MON_SERVICE", service.name());
    putIfSet(env, "MON_LAST_SUMMARY", state.lastSummary());
    putIfSet(env, "MON_LAST_OUTPUT", state.lastOutput());
    putIfSet(env, "MON_LAST_FAILURE", epoch(state.lastFailure()));
    putIfSet(env, "MON_FIRST_FAILURE", epoch(state.firstFailure()));
    if (state.dependStatus() != null) {
      env.put("MON_DEPEND_STATUS", state.dependStatus() ? "1" : "0");
    }
    putIfSet(env, "MON_LAST_SUCCESS", epoch(state.lastSuccess()));
    if (!service.description().isEmpty()) {
      env.put("MON_DESCRIPTION", service.description());
    }
    return env;
  }

  private static String epoch(Instant t) {
    return t == null ? null : Long.toString(t.getEpochSecond());
  }

  private static void putIfSet(Map<String, String> env, String name, String value) {
    if (value != null) {
      env.put(name, value);
    }
  }
}
