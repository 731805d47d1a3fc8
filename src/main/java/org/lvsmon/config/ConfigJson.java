package org.lvsmon.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The normalized model of a config as JSON, for {@code check-config --json}: durations in seconds,
 * periods as their text, unset values left out. Field names follow mon.cf's keywords.
 */
public final class ConfigJson {
  // extension values are records of the features' own types: durations in seconds, as everywhere here
  private final ObjectMapper mapper = new ObjectMapper().registerModule(new com.fasterxml.jackson.databind.module
      .SimpleModule("lvsmon-durations").addSerializer(Duration.class, new com.fasterxml.jackson.databind.ser.std
      .StdSerializer<Duration>(Duration.class) {
        @Override
        public void serialize(Duration d, com.fasterxml.jackson.core.JsonGenerator g,
            com.fasterxml.jackson.databind.SerializerProvider p) throws java.io.IOException {
          g.writeNumber(TimeValue.seconds(d));
        }
      }));

  /**
   * What a service's config says, without where it says it (every {@code line} left out): equal
   * fingerprints mean a reload leaves the service as it is.
   */
  public String fingerprint(Service s) {
    ObjectNode n = service(s);
    stripLines(n);
    return n.toString();
  }

  private static void stripLines(JsonNode n) {
    if (n instanceof ObjectNode o) {
      o.remove("line");
    }
    n.forEach(ConfigJson::stripLines);
  }

  public JsonNode toJson(MonConfig c) {
    ObjectNode root = mapper.createObjectNode();
    root.put("file", c.file().toString());
    root.set("globals", globals(c.globals()));
    ObjectNode groups = root.putObject("hostgroups");
    c.hostgroups().values().forEach(g -> strings(groups.putArray(g.name()), g.hosts()));
    ObjectNode views = root.putObject("views");
    c.views().values().forEach(v -> strings(views.putArray(v.name()), v.members()));
    ObjectNode aliases = root.putObject("aliases");
    c.aliases().forEach((k, v) -> strings(aliases.putArray(k), v));
    ArrayNode watches = root.putArray("watches");
    for (Watch w : c.watches()) {
      ObjectNode wn = watches.addObject();
      wn.put("group", w.group());
      ArrayNode services = wn.putArray("services");
      w.services().forEach(s -> services.add(service(s)));
    }
    ArrayNode problems = root.putArray("problems");
    c.problems().forEach(p -> problems.addObject()
        .put("kind", p.kind().name().toLowerCase()).put("line", p.line()).put("message", p.message()));
    return root;
  }

  private ObjectNode globals(Globals g) {
    ObjectNode n = mapper.createObjectNode();
    n.set("alertdir", strings(g.alertdir()));
    n.set("mondir", strings(g.mondir()));
    n.put("basedir", g.basedir());
    n.put("cfbasedir", g.cfbasedir());
    n.put("statedir", g.statedir());
    n.put("logdir", g.logdir());
    n.put("authfile", g.authfile());
    n.set("authtype", strings(g.authtype()));
    n.put("userfile", g.userfile());
    n.put("pamservice", g.pamservice());
    n.put("serverbind", g.serverbind());
    n.put("serverport", g.serverport());
    n.put("trapbind", g.trapbind());
    n.put("trapport", g.trapport());
    n.set("clientallow", strings(g.clientallow()));
    n.put("pidfile", g.pidfile());
    n.put("maxprocs", g.maxprocs());
    n.put("histlength", g.histlength());
    n.put("historicfile", g.historicfile());
    n.set("historictime", seconds(g.historictime()));
    n.set("randstart", seconds(g.randstart()));
    n.set("cltimeout", seconds(g.cltimeout()));
    n.put("monerrfile", g.monerrfile());
    n.put("dtlogging", g.dtlogging());
    n.put("dtlogfile", g.dtlogfile());
    n.put("dep_recur_limit", g.depRecurLimit());
    n.put("syslog_facility", g.syslogFacility());
    n.put("startupalerts_on_reset", g.startupalertsOnReset());
    n.put("monremote", g.monremote());
    n.put("exclude_period", g.excludePeriod() == null ? null : g.excludePeriod().spec());
    extensions(n, g.extensions());
    return prune(n);
  }

  private ObjectNode service(Service s) {
    ObjectNode n = mapper.createObjectNode();
    n.put("service", s.name());
    n.put("line", s.line());
    n.set("interval", seconds(s.interval()));
    n.set("failure_interval", seconds(s.failureInterval()));
    if (s.monitor() != null) {
      ObjectNode m = n.putObject("monitor");
      m.put("name", s.monitor().command().name());
      strings(m.putArray("args"), s.monitor().command().args());
      m.put("append_hosts", s.monitor().appendHosts());
    }
    n.put("allow_empty_group", s.allowEmptyGroup());
    n.put("description", s.description());
    if (!s.excludeHosts().isEmpty()) {
      strings(n.putArray("exclude_hosts"), s.excludeHosts());
    }
    n.put("exclude_period", s.excludePeriod() == null ? null : s.excludePeriod().spec());
    n.set("randskew", s.randskew().isZero() ? null : seconds(s.randskew()));
    n.set("traptimeout", seconds(s.trapTimeout()));
    n.set("trapduration", seconds(s.trapDuration()));
    n.put("depend", s.depend() == null ? null : s.depend().expression());
    n.put("alertdepend", s.alertDepend() == null ? null : s.alertDepend().expression());
    n.put("monitordepend", s.monitorDepend() == null ? null : s.monitorDepend().expression());
    n.put("hostdepend", s.hostDepend() == null ? null : s.hostDepend().expression());
    n.put("dep_behavior", s.depBehavior().keyword());
    n.set("dep_memory", seconds(s.depMemory()));
    n.set("redistribute", s.redistribute() == null ? null : command(s.redistribute()));
    n.put("unack_summary", s.unackSummary());
    if (!s.env().isEmpty()) {
      ObjectNode env = n.putObject("env");
      s.env().forEach(env::put);
    }
    ArrayNode periods = n.putArray("periods");
    s.periods().forEach(p -> periods.add(period(p)));
    extensions(n, s.extensions());
    return prune(n);
  }

  private ObjectNode period(Period p) {
    ObjectNode n = mapper.createObjectNode();
    n.put("key", p.key());
    n.put("label", p.label());
    n.put("period", p.when().spec());
    n.put("line", p.line());
    alerts(n, "alert", p.alerts());
    alerts(n, "upalert", p.upalerts());
    alerts(n, "startupalert", p.startupalerts());
    alerts(n, "ackalert", p.ackalerts());
    alerts(n, "disablealert", p.disablealerts());
    if (p.alertEvery() != null) {
      n.putObject("alertevery").put("seconds", TimeValue.seconds(p.alertEvery().every()))
          .put("mode", p.alertEvery().mode().name().toLowerCase());
    }
    if (!p.alertAfter().isNone()) {
      ObjectNode a = n.putObject("alertafter");
      a.put("consecutive", p.alertAfter().consecutive());
      a.put("count", p.alertAfter().windowCount());
      a.set("seconds", seconds(p.alertAfter().interval()));
      prune(a);
    }
    n.put("numalerts", p.numAlerts());
    n.put("no_comp_alerts", p.noCompAlerts());
    n.set("upalertafter", seconds(p.upalertAfter()));
    n.put("alertexitrange", p.alertExitRange() == null ? null : p.alertExitRange().toString());
    n.put("alerts_dont_count", p.alertsDontCount());
    extensions(n, p.extensions());
    return prune(n);
  }

  private void alerts(ObjectNode n, String key, List<AlertCommand> alerts) {
    if (alerts.isEmpty()) {
      return;
    }
    ArrayNode a = n.putArray(key);
    for (AlertCommand c : alerts) {
      ObjectNode o = command(c.command());
      if (c.exitRange() != null) {
        o.put("exit", c.exitRange().toString());
      }
      a.add(o);
    }
  }

  private ObjectNode command(CommandLine c) {
    ObjectNode o = mapper.createObjectNode();
    o.put("name", c.name());
    strings(o.putArray("args"), c.args());
    return o;
  }

  private void extensions(ObjectNode n, Extensions e) {
    for (Map.Entry<String, Object> x : e.byName().entrySet()) {
      n.set(x.getKey(), mapper.valueToTree(x.getValue()));
    }
  }

  private JsonNode seconds(Duration d) {
    return d == null ? null : mapper.getNodeFactory().numberNode(TimeValue.seconds(d));
  }

  private JsonNode strings(Collection<String> values) {
    return values == null ? null : strings(mapper.createArrayNode(), values);
  }

  private static ArrayNode strings(ArrayNode a, Collection<String> values) {
    values.forEach(a::add);
    return a;
  }

  private static ObjectNode prune(ObjectNode n) {
    List<String> empty = new java.util.ArrayList<>();
    for (Map.Entry<String, JsonNode> f : n.properties()) {
      if (f.getValue() == null || f.getValue().isNull()) {
        empty.add(f.getKey());
      }
    }
    n.remove(empty);
    return n;
  }
}
