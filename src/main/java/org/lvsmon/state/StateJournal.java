package org.lvsmon.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.lvsmon.config.ServiceRef;
import org.lvsmon.control.DisabledState;
import org.lvsmon.service.OpStatus;
import org.lvsmon.service.PeriodState;
import org.lvsmon.service.ServiceState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * lvsmon's own state file, {@code statedir/lvsmon-state.json}: every service's mon state (status,
 * counters, the alert bookkeeping of its periods, its acknowledgement), what clients disabled, and
 * the drained real servers with their reasons, so that a restart loses nothing an operator did.
 * Written whole (temporary file, fsync, rename, fsync of the directory); a file that cannot be read
 * or parsed is moved aside with a loud error and the daemon starts clean. The mail outbox is a spool
 * of its own and not in here. Thread-safe (each call reads or writes one file).
 */
public final class StateJournal {
  private static final Logger log = LoggerFactory.getLogger(StateJournal.class);
  /** The format's version; a file of a later version is moved aside like a corrupt one. */
  public static final int VERSION = 1;
  public static final String FILE = "lvsmon-state.json";

  private final Path file;
  private final ObjectMapper mapper = new ObjectMapper();

  /** What the journal holds. */
  public record Snapshot(Instant saved, Map<ServiceRef, ServiceState> services, DisabledState disabled,
      Map<String, String> drains, List<Weight> weights) {
    public Snapshot {
      weights = List.copyOf(weights);
    }

    /** Without weights (no {@code balance} services). */
    public Snapshot(Instant saved, Map<ServiceRef, ServiceState> services, DisabledState disabled,
        Map<String, String> drains) {
      this(saved, services, disabled, drains, List.of());
    }
  }

  /**
   * The last weight lvsmon decided for one real server of a {@code balance} service: kept so that a
   * restart can tell what changed in the kernel while lvsmon was not running.
   *
   * @param virtualService as {@code list ipvs} names it ({@code tcp:10.0.0.1:22})
   * @param realServer {@code address:port}
   */
  public record Weight(ServiceRef service, String virtualService, String realServer, String host, int weight) {}

  public StateJournal(Path statedir) {
    this.file = statedir.resolve(FILE);
  }

  public Path file() {
    return file;
  }

  /** Writes {@code s} atomically. */
  public void write(Snapshot s) throws IOException {
    ObjectNode root = mapper.createObjectNode();
    root.put("version", VERSION);
    root.put("saved", s.saved().getEpochSecond());
    ArrayNode services = root.putArray("services");
    s.services().forEach((ref, st) -> services.add(service(ref, st)));
    ObjectNode disabled = root.putObject("disabled");
    s.disabled().hosts().forEach(disabled.putArray("hosts")::add);
    s.disabled().watches().forEach(disabled.putArray("watches")::add);
    ArrayNode ds = disabled.putArray("services");
    s.disabled().services().forEach(r -> ds.addObject().put("group", r.group()).put("service", r.service()));
    ObjectNode drains = root.putObject("drains");
    s.drains().forEach(drains::put);
    ArrayNode weights = root.putArray("weights");
    s.weights().forEach(w -> weights.addObject().put("group", w.service().group()).put("service", w.service().service())
        .put("virtual_service", w.virtualService()).put("real_server", w.realServer()).put("host", w.host())
        .put("weight", w.weight()));
    MonStateFiles.writeAtomically(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
  }

  /**
   * The saved state, or empty when there is none. A file that cannot be used is moved aside (to
   * {@code lvsmon-state.json.bad-EPOCH}) with an ERROR naming it and why; this never throws.
   */
  public Optional<Snapshot> read() {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      return moveAside("cannot be read: " + e.getMessage());
    }
    try {
      JsonNode root = mapper.readTree(text);
      if (root == null || !root.isObject()) {
        return moveAside("is not a JSON object");
      }
      int version = root.path("version").asInt(-1);
      if (version != VERSION) {
        return moveAside("has format version " + version + ", this lvsmon reads version " + VERSION);
      }
      Map<ServiceRef, ServiceState> services = new LinkedHashMap<>();
      for (JsonNode n : root.path("services")) {
        services.put(new ServiceRef(text(n, "group"), text(n, "service")), state(n));
      }
      JsonNode d = root.path("disabled");
      Set<String> hosts = new LinkedHashSet<>();
      d.path("hosts").forEach(h -> hosts.add(h.asText()));
      Set<String> watches = new LinkedHashSet<>();
      d.path("watches").forEach(w -> watches.add(w.asText()));
      Set<ServiceRef> disabledServices = new LinkedHashSet<>();
      d.path("services").forEach(r -> disabledServices.add(new ServiceRef(text(r, "group"), text(r, "service"))));
      Map<String, String> drains = new LinkedHashMap<>();
      root.path("drains").fields().forEachRemaining(e -> drains.put(e.getKey(), e.getValue().asText()));
      List<Weight> weights = new ArrayList<>();
      for (JsonNode w : root.path("weights")) {
        if (!w.path("weight").canConvertToInt()) {
          throw new IllegalArgumentException("weight " + w.path("weight") + " is not a number");
        }
        weights.add(new Weight(new ServiceRef(text(w, "group"), text(w, "service")), text(w, "virtual_service"),
            text(w, "real_server"), text(w, "host"), w.path("weight").asInt()));
      }
      return Optional.of(new Snapshot(Instant.ofEpochSecond(root.path("saved").asLong()), services,
          new DisabledState(hosts, watches, disabledServices), drains, weights));
    } catch (JsonProcessingException | RuntimeException e) {
      return moveAside("is corrupt: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private Optional<Snapshot> moveAside(String why) {
    Path aside = file.resolveSibling(FILE + ".bad-" + Instant.now().getEpochSecond());
    try {
      Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
      log.error("[state] {} {}; moved it to {} and starting with a clean state", file, why, aside);
    } catch (IOException e) {
      log.error("[state] {} {}; it could not be moved aside either ({}); starting with a clean state", file, why,
          e.getMessage());
    }
    return Optional.empty();
  }

  private ObjectNode service(ServiceRef ref, ServiceState st) {
    ObjectNode n = mapper.createObjectNode();
    n.put("group", ref.group());
    n.put("service", ref.service());
    n.put("opstatus", st.opStatus().code());
    n.put("last_opstatus", st.lastOpStatus().code());
    if (st.exitValue() != null) {
      n.put("exitval", st.exitValue());
    }
    n.put("consec_failures", st.consecutiveFailures());
    n.put("failure_count", st.failureCount());
    n.put("alert_count", st.alertCount());
    time(n, "first_failure", st.firstFailure());
    time(n, "last_failure", st.lastFailure());
    time(n, "last_success", st.lastSuccess());
    time(n, "last_check", st.lastCheck());
    n.put("monitor_duration", st.monitorDuration());
    n.put("last_summary", st.lastSummary());
    n.put("last_detail", st.lastDetail());
    n.put("last_output", st.lastOutput());
    n.put("failure_output", st.failureOutput());
    time(n, "ack", st.ack());
    n.put("ack_comment", st.ackComment());
    time(n, "last_trap", st.lastTrap());
    if (st.dependStatus() != null) {
      n.put("depstatus", st.dependStatus());
    }
    n.put("on_failure_interval", st.onFailureInterval());
    ObjectNode periods = n.putObject("periods");
    st.periods().forEach((key, p) -> periods.putObject(key)
        .put("last_alert", p.lastAlert().getEpochSecond())
        .put("alerts_sent", p.alertsSent())
        .put("first_fail_time", p.firstFailTime().getEpochSecond())
        .put("fail_count", p.failCount())
        .put("no_comp_upalerts_sent", p.noCompUpalertsSent()));
    return n;
  }

  private static ServiceState state(JsonNode n) {
    Map<String, PeriodState> periods = new LinkedHashMap<>();
    n.path("periods").fields().forEachRemaining(e -> {
      JsonNode p = e.getValue();
      periods.put(e.getKey(), new PeriodState(Instant.ofEpochSecond(p.path("last_alert").asLong()),
          p.path("alerts_sent").asInt(), Instant.ofEpochSecond(p.path("first_fail_time").asLong()),
          p.path("fail_count").asInt(), p.path("no_comp_upalerts_sent").asInt()));
    });
    return new ServiceState(
        status(n, "opstatus"), status(n, "last_opstatus"),
        n.hasNonNull("exitval") ? n.get("exitval").asInt() : null,
        n.path("consec_failures").asInt(), n.path("failure_count").asInt(), n.path("alert_count").asInt(),
        time(n, "first_failure"), orEpoch(time(n, "last_failure")), orEpoch(time(n, "last_success")),
        time(n, "last_check"), n.path("monitor_duration").asLong(-1),
        text(n, "last_summary"), text(n, "last_detail"), text(n, "last_output"), text(n, "failure_output"),
        orEpoch(time(n, "ack")), n.path("ack_comment").asText(""), orEpoch(time(n, "last_trap")),
        n.hasNonNull("depstatus") ? n.get("depstatus").asBoolean() : null,
        n.path("on_failure_interval").asBoolean(false), periods);
  }

  private static OpStatus status(JsonNode n, String key) {
    int code = n.path(key).asInt(OpStatus.UNTESTED.code());
    return OpStatus.of(code).orElseThrow(() -> new IllegalArgumentException(key + " " + code + " is no status"));
  }

  private static void time(ObjectNode n, String key, Instant t) {
    if (t != null) {
      n.put(key, t.getEpochSecond());
    }
  }

  private static Instant time(JsonNode n, String key) {
    return n.hasNonNull(key) ? Instant.ofEpochSecond(n.get(key).asLong()) : null;
  }

  private static Instant orEpoch(Instant t) {
    return t == null ? Instant.EPOCH : t;
  }

  private static String text(JsonNode n, String key) {
    return n.hasNonNull(key) ? n.get(key).asText() : null;
  }
}
