package org.lvsmon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.lvsmon.ipvs.Endpoints;
import org.lvsmon.ipvs.IpvsTable;
import org.lvsmon.ipvs.RealServer;
import org.lvsmon.ipvs.ServiceFlag;
import org.lvsmon.ipvs.ServiceKey;
import org.lvsmon.ipvs.VirtualService;

/**
 * The table as JSON for {@code lvsmon ipvs show --json}: addresses as text, ports and weights as
 * numbers, the netmask as a prefix length, timeouts in seconds, flags by ipvsadm's names.
 */
final class IpvsTableJson {
  private final ObjectMapper mapper = new ObjectMapper();

  JsonNode toJson(IpvsTable table) {
    ObjectNode root = mapper.createObjectNode();
    root.put("source", table.source());
    ArrayNode notes = root.putArray("notes");
    table.notes().forEach(notes::add);
    ArrayNode services = root.putArray("services");
    for (IpvsTable.Entry e : table.services()) {
      ObjectNode s = service(e.service());
      ArrayNode reals = s.putArray("realServers");
      e.realServers().forEach(r -> reals.add(realServer(r)));
      services.add(s);
    }
    return root;
  }

  private ObjectNode service(VirtualService v) {
    ObjectNode n = mapper.createObjectNode();
    n.put("family", v.key().family().toString());
    if (v.key() instanceof ServiceKey.Endpoint e) {
      n.put("protocol", e.protocol().name());
      n.put("address", Endpoints.format(e.address()));
      n.put("port", e.port());
    } else if (v.key() instanceof ServiceKey.Fwmark f) {
      n.put("fwmark", Integer.toUnsignedLong(f.mark()));
    }
    n.put("scheduler", v.scheduler());
    ArrayNode flags = n.putArray("flags");
    for (ServiceFlag f : ServiceFlag.values()) {
      if (v.flags().contains(f)) {
        flags.add(f.label());
      }
    }
    n.put("timeout", v.timeoutSeconds());
    n.put("netmask", v.netmaskBits());
    n.put("persistenceEngine", v.persistenceEngine());
    return n;
  }

  private ObjectNode realServer(RealServer r) {
    ObjectNode n = mapper.createObjectNode();
    n.put("address", Endpoints.format(r.address()));
    n.put("port", r.port());
    n.put("forwarding", r.forwarding().label());
    n.put("weight", r.weight());
    n.put("upperThreshold", r.upperThreshold());
    n.put("lowerThreshold", r.lowerThreshold());
    if (r.tunnel().isPresent()) {
      ObjectNode t = n.putObject("tunnel");
      t.put("type", r.tunnel().get().type().name());
      t.put("port", r.tunnel().get().port());
      t.put("flags", r.tunnel().get().flags());
    } else {
      n.putNull("tunnel");
    }
    n.put("activeConnections", r.connections().active());
    n.put("inactiveConnections", r.connections().inactive());
    n.put("persistentConnections", r.connections().persistent());
    return n;
  }
}
