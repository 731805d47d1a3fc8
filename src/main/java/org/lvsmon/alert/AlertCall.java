package org.lvsmon.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lvsmon.config.CommandLine;
import org.lvsmon.config.ServiceRef;

/**
 * One call of an alert program, fully decided: which program, for which service and period, the
 * {@code -h} hosts, the call time, the flag, what goes on stdin, and the {@code MON_*} and service
 * variables for its environment (the daemon adds {@code MON_STATEDIR}, {@code MON_LOGDIR} and {@code
 * MON_CFBASEDIR}). {@code periodKey} is null for a {@code redistribute} call.
 */
public record AlertCall(
    AlertType type,
    String flag,
    ServiceRef service,
    String periodKey,
    CommandLine command,
    List<String> hosts,
    Instant time,
    String stdin,
    Map<String, String> env) {
  public AlertCall {
    hosts = List.copyOf(hosts);
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
  }

  /**
   * The arguments after the program path, exactly as mon passes them: {@code -s SVC -g GRP -h "HOSTS"
   * -t EPOCH [flag] ARGS...}.
   */
  public List<String> arguments() {
    List<String> a = new ArrayList<>(List.of(
        "-s", service.service(), "-g", service.group(), "-h", String.join(" ", hosts),
        "-t", Long.toString(time.getEpochSecond())));
    if (flag != null) {
      a.add(flag);
    }
    a.addAll(command.args());
    return a;
  }

  /** The first line of stdin, or {@code (NO SUMMARY)} when it is blank, as mon logs it. */
  public String summary() {
    String first = stdin.split("\n", 2)[0];
    // Perl's \s, not Java's wider notion of blank, decides what mon calls empty.
    boolean blank = first.chars().allMatch(c -> " \t\n\r\f\u000B".indexOf(c) >= 0);
    return blank ? "(NO SUMMARY)" : first;
  }

  /**
   * Whether this is the service's {@code redistribute} alert, which mon neither logs as "calling"
   * nor counts; test alerts keep their period.
   */
  public boolean isRedistribute() {
    return periodKey == null;
  }
}
