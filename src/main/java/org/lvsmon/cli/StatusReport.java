package org.lvsmon.cli;

import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lvsmon.control.IpvsLine;
import org.lvsmon.control.IpvsView;
import org.lvsmon.control.MonClient;
import org.lvsmon.control.MonEscaping;
import org.lvsmon.control.Reply;

/**
 * What {@code lvsmon status} shows, read with four requests: {@code list opstatus}, {@code list
 * ipvs}, {@code list state} and {@code servertime}. Immutable.
 *
 * @param server the daemon as {@code host:port}
 * @param servertime the daemon's clock in epoch seconds; every "ago" and "for" is counted to it, so
 *     a skewed client clock does not matter
 * @param stoppedSince when the scheduler was stopped (epoch seconds), null while it runs
 * @param ipvs the real servers of {@code list ipvs}; empty when nothing is balanced or the daemon
 *     does not know the command (mon)
 */
record StatusReport(String server, long servertime, Long stoppedSince, List<ServiceRow> services,
    List<IpvsView> ipvs) {
  private static final Pattern SERVERTIME = Pattern.compile("^(\\d{1,18})");
  private static final Pattern STOPPED = Pattern.compile("^scheduler stopped since (\\d{1,18})");

  StatusReport {
    services = List.copyOf(services);
    ipvs = List.copyOf(ipvs);
  }

  /**
   * Asks {@code client} for everything the report shows.
   *
   * @throws Refused when the daemon refuses {@code list opstatus}, {@code list state} or {@code
   *     servertime} (a refused {@code list ipvs} only leaves the IPVS part empty)
   */
  static StatusReport read(MonClient client) throws IOException, Refused {
    Reply opstatus = Refused.unlessOk(client.request("list opstatus"));
    Reply ipvs = client.request("list ipvs");
    Reply state = Refused.unlessOk(client.request("list state"));
    Reply time = Refused.unlessOk(client.request("servertime"));
    return parse(client.address(), opstatus, ipvs, state, time);
  }

  /**
   * The report from the four replies; a {@code list ipvs} reply that is not 220 gives no real servers.
   *
   * @throws IOException when the servertime reply has no epoch or a {@code list ipvs} line is not one
   */
  static StatusReport parse(String server, Reply opstatus, Reply ipvs, Reply state, Reply servertime)
      throws IOException {
    Matcher t = SERVERTIME.matcher(servertime.data().isEmpty() ? "" : servertime.data().get(0));
    if (!t.find()) {
      throw new IOException(server + ": servertime reply without an epoch: " + servertime.lines());
    }
    Long stopped = null;
    for (String l : state.data()) {
      Matcher m = STOPPED.matcher(l);
      if (m.find()) {
        stopped = Long.parseLong(m.group(1));
      }
    }
    List<ServiceRow> services = opstatus.data().stream().map(l -> ServiceRow.of(MonEscaping.parseOpstatus(l))).toList();
    List<IpvsView> rows;
    try {
      rows = ipvs.ok() ? ipvs.data().stream().map(IpvsLine::parse).toList() : List.of();
    } catch (IllegalArgumentException e) {
      throw new IOException(server + ": " + e.getMessage(), e);
    }
    return new StatusReport(server, Long.parseLong(t.group(1)), stopped, services, rows);
  }

  /** Seconds from {@code epoch} to the server time, null for null. */
  Long age(Long epoch) {
    return epoch == null ? null : servertime - epoch;
  }
}
