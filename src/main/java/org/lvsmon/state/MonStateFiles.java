package org.lvsmon.state;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.lvsmon.config.MonConfig;
import org.lvsmon.config.Period;
import org.lvsmon.config.Service;
import org.lvsmon.config.ServiceRef;
import org.lvsmon.control.DisabledState;
import org.lvsmon.control.MonEscaping;
import org.lvsmon.service.OpStatus;
import org.lvsmon.service.PeriodState;
import org.lvsmon.service.ServiceState;

/**
 * mon's two state files in {@code statedir}, in mon's formats so a director can go back and forth
 * between mon and lvsmon: {@code disabled} ({@code disable host H}, {@code disable watch G}, {@code
 * disable service G S} lines) and {@code opstatus} (one line per service of TAB-separated {@code
 * key=value} fields, values escaped as mon's {@code esc_str}; reference section 8). Each file is
 * written whole to a temporary file, synced and renamed over the old one, so a crash never leaves
 * half a file. Stateless.
 */
public final class MonStateFiles {
  static final String DISABLED = "disabled";
  static final String OPSTATUS = "opstatus";

  private MonStateFiles() {}

  /** Writes {@code statedir/disabled}. */
  public static void writeDisabled(Path statedir, DisabledState d) throws IOException {
    StringBuilder b = new StringBuilder();
    d.hosts().forEach(h -> b.append("disable host ").append(h).append('\n'));
    d.watches().forEach(w -> b.append("disable watch ").append(w).append('\n'));
    d.services().forEach(s -> b.append("disable service ").append(s.group()).append(' ').append(s.service()).append('\n'));
    writeAtomically(statedir.resolve(DISABLED), b.toString());
  }

  /**
   * Reads {@code statedir/disabled} as mon's {@code load_state} does: lines that do not start with
   * {@code disable} are skipped; a {@code disable host} line may name several hosts.
   */
  public static DisabledState readDisabled(Path statedir) throws IOException {
    Set<String> hosts = new LinkedHashSet<>();
    Set<String> watches = new LinkedHashSet<>();
    Set<ServiceRef> services = new LinkedHashSet<>();
    for (String line : Files.readAllLines(statedir.resolve(DISABLED), StandardCharsets.UTF_8)) {
      String[] f = line.trim().split("\\s+", 3);
      if (f.length < 3 || !f[0].equals("disable")) {
        continue;
      }
      switch (f[1]) {
        case "host" -> hosts.addAll(List.of(f[2].split("\\s+")));
        case "watch" -> watches.add(f[2]);
        case "service" -> {
          String[] gs = f[2].split("\\s+", 2);
          if (gs.length == 2) {
            services.add(new ServiceRef(gs[0], gs[1]));
          }
        }
        default -> { }
      }
    }
    return new DisabledState(hosts, watches, services);
  }

  /** Writes {@code statedir/opstatus}: every service of {@code states}, with its last trap host. */
  public static void writeOpstatus(Path statedir, MonConfig config, Map<ServiceRef, ServiceState> states,
      Function<ServiceRef, String> lastTrapHost) throws IOException {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<ServiceRef, ServiceState> e : states.entrySet()) {
      Service svc = config.service(e.getKey()).orElse(null);
      if (svc == null) {
        continue;
      }
      ServiceState st = e.getValue();
      b.append("group=").append(svc.group()).append("\tservice=").append(svc.name());
      field(b, "op_status", Integer.toString(st.opStatus().code()));
      field(b, "failure_count", Integer.toString(st.failureCount()));
      field(b, "alert_count", Integer.toString(st.alertCount()));
      field(b, "last_success", epoch(st.lastSuccess()));
      field(b, "first_success", "");
      field(b, "consec_failures", Integer.toString(st.consecutiveFailures()));
      field(b, "last_failure", epoch(st.lastFailure()));
      field(b, "first_failure", epoch(st.firstFailure()));
      field(b, "last_summary", st.lastSummary());
      field(b, "last_failure_time", epoch(st.lastFailure()));
      field(b, "last_failure_summary", st.opStatus() == OpStatus.FAIL ? st.lastSummary() : "");
      field(b, "last_failure_detail", st.opStatus() == OpStatus.FAIL ? st.lastDetail() : "");
      field(b, "last_detail", st.lastDetail());
      field(b, "ack", epoch(st.ack()));
      field(b, "ack_comment", st.ackComment());
      field(b, "last_trap", epoch(st.lastTrap()));
      field(b, "last_traphost", lastTrapHost.apply(e.getKey()));
      field(b, "exitval", st.exitValue() == null ? "" : st.exitValue().toString());
      field(b, "last_check", epoch(st.lastCheck()));
      field(b, "last_op_status", Integer.toString(st.lastOpStatus().code()));
      field(b, "failure_output", st.failureOutput());
      field(b, "trap_timer", "");
      for (Period p : svc.periods()) {
        PeriodState ps = st.period(p.key());
        field(b, p.key() + ":last_alert", epoch(ps.lastAlert()));
        field(b, p.key() + ":alert_sent", Integer.toString(ps.alertsSent()));
        field(b, p.key() + ":1stfailtime", epoch(ps.firstFailTime()));
        field(b, p.key() + ":failcount", Integer.toString(ps.failCount()));
      }
      b.append('\n');
    }
    writeAtomically(statedir.resolve(OPSTATUS), b.toString());
  }

  /**
   * Reads {@code statedir/opstatus} onto {@code current} as mon's {@code load_state} does: lines of
   * services that do not exist are skipped, and each field present replaces that part of the
   * state; fields lvsmon does not keep are ignored. Returns the states of the services the file named.
   */
  public static Map<ServiceRef, ServiceState> readOpstatus(Path statedir, MonConfig config,
      Map<ServiceRef, ServiceState> current) throws IOException {
    Map<ServiceRef, ServiceState> loaded = new LinkedHashMap<>();
    for (String line : Files.readAllLines(statedir.resolve(OPSTATUS), StandardCharsets.UTF_8)) {
      Map<String, String> f = new LinkedHashMap<>();
      for (String kv : line.split("\t")) {
        int eq = kv.lastIndexOf('=');
        if (eq > 0) {
          f.put(kv.substring(0, eq), MonEscaping.unescape(kv.substring(eq + 1)));
        }
      }
      ServiceRef ref = new ServiceRef(f.getOrDefault("group", ""), f.getOrDefault("service", ""));
      Service svc = config.service(ref).orElse(null);
      ServiceState st = current.get(ref);
      if (svc == null || st == null) {
        continue;
      }
      loaded.put(ref, apply(svc, st, f));
    }
    return loaded;
  }

  private static ServiceState apply(Service svc, ServiceState s, Map<String, String> f) {
    Map<String, PeriodState> periods = new LinkedHashMap<>(s.periods());
    for (Period p : svc.periods()) {
      PeriodState ps = s.period(p.key());
      periods.put(p.key(), new PeriodState(
          time(f.get(p.key() + ":last_alert"), ps.lastAlert()),
          number(f.get(p.key() + ":alert_sent"), ps.alertsSent()),
          time(f.get(p.key() + ":1stfailtime"), ps.firstFailTime()),
          number(f.get(p.key() + ":failcount"), ps.failCount()),
          ps.noCompUpalertsSent()));
    }
    String exit = f.get("exitval");
    return new ServiceState(
        status(f.get("op_status"), s.opStatus()),
        status(f.get("last_op_status"), s.lastOpStatus()),
        exit == null ? s.exitValue() : exit.isEmpty() ? null : Integer.valueOf(number(exit, 0)),
        number(f.get("consec_failures"), s.consecutiveFailures()),
        number(f.get("failure_count"), s.failureCount()),
        number(f.get("alert_count"), s.alertCount()),
        time(f.get("first_failure"), s.firstFailure()),
        time(f.get("last_failure"), s.lastFailure()),
        time(f.get("last_success"), s.lastSuccess()),
        nullableTime(f.get("last_check"), s.lastCheck()),
        s.monitorDuration(),
        text(f.get("last_summary"), s.lastSummary()),
        text(f.get("last_detail"), s.lastDetail()),
        s.lastOutput(),
        f.getOrDefault("failure_output", s.failureOutput()),
        time(f.get("ack"), s.ack()),
        f.getOrDefault("ack_comment", s.ackComment()),
        time(f.get("last_trap"), s.lastTrap()),
        s.dependStatus(),
        s.onFailureInterval(),
        periods);
  }

  private static void field(StringBuilder b, String key, String value) {
    b.append('\t').append(key).append('=').append(MonEscaping.escape(value == null ? "" : value, false));
  }

  private static String epoch(Instant t) {
    return t == null ? "" : Long.toString(t.getEpochSecond());
  }

  private static OpStatus status(String v, OpStatus dflt) {
    return v == null || v.isEmpty() ? dflt : OpStatus.of(number(v, -1)).orElse(dflt);
  }

  private static int number(String v, int dflt) {
    if (v == null || !v.matches("-?\\d{1,9}")) {
      return dflt;
    }
    return Integer.parseInt(v);
  }

  private static Instant time(String v, Instant dflt) {
    return v == null || !v.matches("\\d{1,12}") ? dflt : Instant.ofEpochSecond(Long.parseLong(v));
  }

  private static Instant nullableTime(String v, Instant dflt) {
    return v != null && v.isEmpty() ? null : time(v, dflt);
  }

  private static String text(String v, String dflt) {
    return v == null ? dflt : v.isEmpty() ? null : v;
  }

  /** Writes {@code text} to {@code file} through a synced temporary file renamed over it. */
  static void writeAtomically(Path file, String text) throws IOException {
    writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes {@code bytes} to {@code file} through a synced temporary file renamed over it. */
  public static void writeAtomically(Path file, byte[] bytes) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(java.nio.ByteBuffer.wrap(bytes));
      ch.force(true);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
    try (FileChannel dir = FileChannel.open(file.getParent() == null ? Path.of(".") : file.getParent(),
        StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // some file systems cannot sync a directory; the rename is done either way
    }
  }
}
