package org.lvsmon.ipvs;

import java.net.InetSocketAddress;

/**
 * One request to the IPVS table, for error messages: {@link #toString()} reads {@code set weight of
 * 10.0.0.5:22 in TCP 10.0.0.1:22}.
 *
 * @param kind what was asked
 * @param service the virtual service, or null when the request concerns none
 * @param realServer the real server, or null when the request concerns none
 */
public record IpvsOperation(Kind kind, ServiceKey service, InetSocketAddress realServer) {
  /** The requests {@link IpvsControl} makes. */
  public enum Kind {
    OPEN,
    LIST_SERVICES,
    LIST_REAL_SERVERS,
    ADD_SERVICE,
    DELETE_SERVICE,
    ADD_REAL_SERVER,
    EDIT_REAL_SERVER,
    SET_WEIGHT,
    DELETE_REAL_SERVER
  }

  public static IpvsOperation open() {
    return new IpvsOperation(Kind.OPEN, null, null);
  }

  public static IpvsOperation listServices() {
    return new IpvsOperation(Kind.LIST_SERVICES, null, null);
  }

  public static IpvsOperation of(Kind kind, ServiceKey service) {
    return new IpvsOperation(kind, service, null);
  }

  public static IpvsOperation of(Kind kind, ServiceKey service, InetSocketAddress realServer) {
    return new IpvsOperation(kind, service, realServer);
  }

  /** Whether the request names a real server (so ENOENT means "no such real server"). */
  public boolean concernsRealServer() {
    return realServer != null;
  }

  @Override
  public String toString() {
    String rs = realServer == null ? "?" : Endpoints.format(realServer);
    return switch (kind) {
      case OPEN -> "open the IPVS table";
      case LIST_SERVICES -> "list virtual services";
      case LIST_REAL_SERVERS -> "list real servers of " + service;
      case ADD_SERVICE -> "add virtual service " + service;
      case DELETE_SERVICE -> "delete virtual service " + service;
      case ADD_REAL_SERVER -> "add real server " + rs + " to " + service;
      case EDIT_REAL_SERVER -> "edit real server " + rs + " in " + service;
      case SET_WEIGHT -> "set weight of " + rs + " in " + service;
      case DELETE_REAL_SERVER -> "delete real server " + rs + " from " + service;
    };
  }
}
