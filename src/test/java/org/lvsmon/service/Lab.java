package org.lvsmon.service;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.lvsmon.alert.AlertCall;
import org.lvsmon.config.ConfigException;
import org.lvsmon.config.MonConfig;
import org.lvsmon.config.MonConfigParser;
import org.lvsmon.config.Service;
import org.lvsmon.config.ServiceRef;
import org.lvsmon.monitor.CheckResult;

/**
 * Test fixture: parses mon.cf text and drives one service through events at explicit epoch
 * seconds, keeping every transition. Alert lines read like run-real-mon.sh's {@code ALERT} lines.
 */
final class Lab {
  static final ZoneId ZONE = ZoneOffset.UTC;

  private final ServiceMachine machine = new ServiceMachine();
  final MonConfig config;
  final Service service;
  final long start;
  ServiceState state;
  ServiceContext context;
  final List<Transition> transitions = new ArrayList<>();
  private int calls;

  private Lab(MonConfig config, Service service, long start) {
    this.config = config;
    this.service = service;
    this.start = start;
    this.state = ServiceState.initial(service);
    this.context = ServiceContext.running(
        config.hosts(service.group()), ZONE, name -> true, Instant.ofEpochSecond(start));
  }

  /** A lab for {@code group/service} of the config text, started at {@code start}. */
  static Lab of(String configText, String group, String service, long start) {
    MonConfig config = parse(configText);
    return new Lab(config, config.service(new ServiceRef(group, service)).orElseThrow(), start);
  }

  /** A lab for {@code service} of an already parsed {@code config}, started at {@link #T0}. */
  static Lab of(MonConfig config, Service service) {
    return new Lab(config, service, T0);
  }

  /** 2027-01-15 08:00:00 UTC, a Friday: the default start of the rule tests. */
  static final long T0 = 1_800_000_000L;

  /**
   * A lab for service {@code g/s} (hosts {@code h1 h2}, {@code interval 2s}) whose remaining lines
   * are {@code body}, one config line per element, started at {@link #T0}.
   */
  static Lab service(String... body) {
    StringBuilder cf = new StringBuilder("hostgroup g h1 h2\n\nwatch g\n    service s\n");
    cf.append("        interval 2s\n        monitor x.monitor\n");
    for (String line : body) {
      cf.append("        ").append(line).append('\n');
    }
    return of(cf.toString(), "g", "s", T0);
  }

  /** A lab for {@code group/service} of one of the lab configs in test-fixtures/real-mon/configs. */
  static Lab resource(String file, String group, String service, long start) {
    try {
      Path cf = Path.of("test-fixtures/real-mon/configs", file);
      return of(java.nio.file.Files.readString(cf, java.nio.charset.StandardCharsets.UTF_8), group, service, start);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static MonConfig parse(String text) {
    try {
      return new MonConfigParser().parse(text, Path.of("test.cf"));
    } catch (ConfigException e) {
      throw new AssertionError(e);
    }
  }

  /** What lab-seq.monitor prints: the summary, then its call counter line. */
  static String seq(String summary, int call, String token, String hosts) {
    return summary + "\ncall=" + call + " token=" + token + " hosts=" + hosts + "\n";
  }

  Lab with(UnaryOperator<ServiceContext> change) {
    context = change.apply(context);
    return this;
  }

  Transition at(long epoch, ServiceEvent event) {
    Transition t = machine.apply(service, state, event, Instant.ofEpochSecond(epoch), context);
    state = t.next();
    transitions.add(t);
    return t;
  }

  Transition result(long epoch, int exit, String output) {
    Instant when = Instant.ofEpochSecond(epoch);
    return at(epoch, new ServiceEvent.MonitorResult(CheckResult.of(exit, output, when, when)));
  }

  Transition fail(long epoch, String output) {
    return result(epoch, 1, output);
  }

  Transition ok(long epoch, String output) {
    return result(epoch, 0, output);
  }

  /**
   * Results as lab-seq.monitor gives them: the i-th epoch takes the i-th token (the last repeats);
   * {@code 0} succeeds with summary "ok", {@code N} fails with the hosts as summary, {@code N:a,b}
   * fails with summary "a b" (an {@code @sleep} suffix is ignored). Hosts are the group's.
   */
  Lab seq(String tokens, long... epochs) {
    String[] toks = tokens.trim().split("\\s+");
    String hosts = String.join(" ", config.hosts(service.group()));
    for (long epoch : epochs) {
      calls++;
      String tok = toks[Math.min(calls, toks.length) - 1];
      int exit = Integer.parseInt(tok.split(":", 2)[0]);
      String rest = tok.contains(":") ? tok.split(":", 2)[1].replaceFirst("@.*", "") : "";
      String summary = exit == 0 ? (rest.isEmpty() ? "ok" : rest) : (rest.isEmpty() ? hosts : rest.replace(',', ' '));
      result(epoch, exit, seq(summary, calls, tok, hosts));
    }
    return this;
  }

  /** Failures at each epoch, all with the same output. */
  Lab failAt(String output, long... epochs) {
    for (long e : epochs) {
      fail(e, output);
    }
    return this;
  }

  List<AlertCall> calls() {
    return transitions.stream().flatMap(t -> t.alertCalls().stream()).toList();
  }

  List<Decision.Reason> reasons() {
    return transitions.stream().flatMap(t -> t.decisions().stream()).map(Decision::reason).toList();
  }

  /** Every call so far as {@code +Ns type alert group/service (args) summary}. */
  List<String> alertLines() {
    return calls().stream().map(this::line).toList();
  }

  String line(AlertCall c) {
    return "+" + (c.time().getEpochSecond() - start) + "s " + c.type().historyName() + " "
        + c.command().name() + " " + c.service().group() + "/" + c.service().service() + " ("
        + c.command().argsText() + ") " + c.summary();
  }
}
