package org.lvsmon.monitor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lvsmon.config.MonitorCommand;
import org.lvsmon.config.ServiceRef;

/**
 * One run of a service's monitor, fully decided by the caller.
 *
 * <p>{@code program} is the monitor already resolved on the mondir path. {@code hosts} are the
 * arguments mon appends (group members minus disabled, excluded and dependency-failed hosts), in
 * order; they are appended only when the {@code monitor} line does not end in {@code ;;}. {@code
 * env} holds the service's {@code VAR=value} lines and then the {@code MON_*} variables in mon's
 * order (reference section 4); executors add {@code MON_STATEDIR}, {@code MON_LOGDIR} and {@code
 * MON_CFBASEDIR} themselves. {@code timeout} is null for none, which is mon's behaviour; a timeout
 * is lvsmon's extension (the future {@code monitor_timeout} keyword).
 */
public record MonitorRequest(
    ServiceRef service,
    Path program,
    MonitorCommand command,
    List<String> hosts,
    Map<String, String> env,
    Duration timeout) {

  public MonitorRequest {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(program, "program");
    Objects.requireNonNull(command, "command");
    hosts = List.copyOf(hosts);
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException(
          "monitor timeout of " + service.group() + "/" + service.service() + " must be positive, not " + timeout);
    }
  }

  /** A request without a timeout, as mon runs every monitor. */
  public static MonitorRequest of(
      ServiceRef service, Path program, MonitorCommand command, List<String> hosts, Map<String, String> env) {
    return new MonitorRequest(service, program, command, hosts, env, null);
  }

  /** The arguments after the program: the configured ones, then the hosts unless the line ended in {@code ;;}. */
  public List<String> arguments() {
    List<String> a = new ArrayList<>(command.command().args());
    if (command.appendHosts()) {
      a.addAll(hosts);
    }
    return List.copyOf(a);
  }

  /** {@code group/service}, the entity name log lines start with. */
  public String label() {
    return service.group() + "/" + service.service();
  }
}
