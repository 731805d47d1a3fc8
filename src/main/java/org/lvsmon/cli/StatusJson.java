package org.lvsmon.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.lvsmon.control.IpvsView;

/**
 * The report as {@code lvsmon status --json} prints it. Version 1 of the format; a key is only ever
 * added within a version, never renamed, removed or given another type. Times are epoch seconds
 * (integers), durations seconds; a value that is not known is {@code null}, never 0 or "".
 *
 * <pre>
 * version                 1
 * server                  the daemon as "host:port"
 * servertime              the daemon's clock; every *_seconds below counts to it
 * scheduler.running       false after "stop" (or lvsmon -S) until "start"
 * scheduler.stopped_since when it was stopped, null while running
 * services[]              every service, in the daemon's order (list opstatus)
 *   group, service        the watch and the service
 *   status                mon's name: OK, FAIL, UNTESTED, LINKDOWN, TIMEOUT, COLDSTART, WARMSTART,
 *                         UNKNOWN, DEPEND, WARN ("STATUS&lt;n&gt;" for a number mon does not name)
 *   opstatus              mon's number of that status (0 FAIL, 1 OK, 7 UNTESTED, ...)
 *   last_opstatus         the status before, as a number
 *   failing               whether status is FAIL, LINKDOWN or TIMEOUT
 *   state_since           since when in this status: first_failure when failing, else
 *                         last_failure (an upper bound); null when not known
 *   state_seconds         servertime - state_since
 *   exitval               the monitor's last exit value; null before the first run
 *   last_check            when the last check started; null before the first
 *   last_success          the last successful check
 *   last_failure          the last failed check
 *   first_failure         the first failure of the current failing spell; null unless failing
 *   next_check_seconds    seconds to the next check (mon's timer)
 *   monitor_running       whether the monitor is running now
 *   interval_seconds      the monitor interval (may have decimals); null for none
 *   alerts_sent           alerts sent in this failing spell
 *   acked                 whether the failure was acknowledged
 *   ack_time, ack_comment the acknowledgement (comment "user: text"); null when not acked
 *   summary               the monitor's summary (first output line), unescaped, whole
 *   detail                the rest of its output, unescaped
 * ipvs[]                  every real server of a balance service (list ipvs); empty when none,
 *                         or when the daemon is mon
 *   virtual_service       "tcp:10.99.203.43:22", "udp:[fd00::1]:53" or "fwmark:7"
 *   real_server           "10.0.0.11:22" or "[fd00::11]:22"
 *   host, group, service  the watch host and the service whose results drive the weight
 *   weight_desired        what the weight controller wants; null before the first result
 *   weight_kernel         what the kernel has; null when the real server is not in its table
 *   active_connections, inactive_connections    at the last read; null when not known
 *   load1                 the last 1-minute load per CPU (two decimals); null when none
 *   cpus                  the CPU count of the last sample; null when not known
 *   state                 up, overloaded, down, drained or unknown
 *   drained               whether an operator drained it (lvsmon drain)
 *   reason                why the weight is what it is, in words ("" for none)
 * </pre>
 */
final class StatusJson {
  static final int VERSION = 1;

  private final ObjectMapper mapper = new ObjectMapper();

  ObjectNode toJson(StatusReport r) {
    ObjectNode root = mapper.createObjectNode();
    root.put("version", VERSION);
    root.put("server", r.server());
    root.put("servertime", r.servertime());
    ObjectNode scheduler = root.putObject("scheduler");
    scheduler.put("running", r.stoppedSince() == null);
    scheduler.put("stopped_since", r.stoppedSince());
    ArrayNode services = root.putArray("services");
    r.services().forEach(s -> services.add(service(r, s)));
    ArrayNode ipvs = root.putArray("ipvs");
    r.ipvs().forEach(v -> ipvs.add(realServer(v)));
    return root;
  }

  private ObjectNode service(StatusReport r, ServiceRow s) {
    ObjectNode n = mapper.createObjectNode();
    n.put("group", s.group());
    n.put("service", s.service());
    n.put("status", s.statusName());
    n.put("opstatus", s.opstatus());
    n.put("last_opstatus", s.lastOpstatus());
    n.put("failing", s.failing());
    n.put("state_since", s.stateSince());
    n.put("state_seconds", r.age(s.stateSince()));
    n.put("exitval", s.exitval());
    n.put("last_check", s.lastCheck());
    n.put("last_success", s.lastSuccess());
    n.put("last_failure", s.lastFailure());
    n.put("first_failure", s.failing() ? s.firstFailure() : null);
    n.put("next_check_seconds", s.timer());
    n.put("monitor_running", s.monitorRunning());
    n.put("interval_seconds", s.interval());
    n.put("alerts_sent", s.alertsSent());
    n.put("acked", s.ack() != null);
    n.put("ack_time", s.ack());
    n.put("ack_comment", s.ackComment());
    n.put("summary", s.summary());
    n.put("detail", s.detail());
    return n;
  }

  private ObjectNode realServer(IpvsView v) {
    ObjectNode n = mapper.createObjectNode();
    n.put("virtual_service", v.virtualService());
    n.put("real_server", v.realServer());
    n.put("host", v.host());
    n.put("group", v.service().group());
    n.put("service", v.service().service());
    n.put("weight_desired", v.desired() < 0 ? null : v.desired());
    n.put("weight_kernel", v.kernel() < 0 ? null : v.kernel());
    n.put("active_connections", v.active() < 0 ? null : v.active());
    n.put("inactive_connections", v.inactive() < 0 ? null : v.inactive());
    n.put("load1", v.load1() < 0 ? null : BigDecimal.valueOf(v.load1()).setScale(2, RoundingMode.HALF_UP));
    n.put("cpus", v.cpus() <= 0 ? null : v.cpus());
    n.put("state", v.state());
    n.put("drained", v.drained());
    n.put("reason", v.reason());
    return n;
  }
}
