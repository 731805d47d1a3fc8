package org.lvsmon.ipvs.netlink;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.lvsmon.ipvs.IpvsControl;
import org.lvsmon.ipvs.IpvsException;
import org.lvsmon.ipvs.IpvsException.Reason;
import org.lvsmon.ipvs.IpvsOperation;
import org.lvsmon.ipvs.IpvsOperation.Kind;
import org.lvsmon.ipvs.KernelRules;
import org.lvsmon.ipvs.RealServer;
import org.lvsmon.ipvs.ServiceKey;
import org.lvsmon.ipvs.VirtualService;
import org.lvsmon.ipvs.WeightChange;

/**
 * The kernel's IPVS table over generic netlink, family {@code IPVS}: one socket, a few short
 * exchanges per call, each bounded by the socket timeout. Needs CAP_NET_ADMIN, for reads too.
 * Thread-safe: calls are serialized, so a weight change's read and write are not interleaved with
 * another call of this instance (other writers to the kernel table can still interleave).
 */
public final class NetlinkIpvs implements IpvsControl {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  private final NetlinkTransport transport;
  private final int familyId;

  private NetlinkIpvs(NetlinkTransport transport, int familyId) {
    this.transport = transport;
    this.familyId = familyId;
  }

  /** Opens a socket and resolves the IPVS family, with {@link #DEFAULT_TIMEOUT}. */
  public static NetlinkIpvs open() throws IpvsException {
    return open(DEFAULT_TIMEOUT);
  }

  /**
   * Opens a socket whose sends and receives are each bounded by {@code timeout}, and resolves the
   * IPVS family.
   *
   * @throws IpvsException {@link Reason#UNAVAILABLE} when the kernel has no IPVS (module ip_vs not
   *     loaded) or no netlink socket can be had
   */
  public static NetlinkIpvs open(Duration timeout) throws IpvsException {
    return open(IpvsCodec.FAMILY_NAME, timeout);
  }

  /** As {@link #open(Duration)}, for the family called {@code familyName} (tests ask for one that does not exist). */
  static NetlinkIpvs open(String familyName, Duration timeout) throws IpvsException {
    NetlinkTransport socket;
    try {
      socket = NetlinkSocket.open(GenericNetlink.NETLINK_GENERIC, timeout);
    } catch (IOException e) {
      throw new IpvsException(IpvsOperation.open(), Reason.UNAVAILABLE, "no generic netlink socket: " + e.getMessage(), e);
    }
    return over(socket, familyName);
  }

  /**
   * A backend over {@code transport}, once the family is resolved; closes the transport when it
   * cannot be. The first lookup may fail while the kernel loads ip_vs on demand, so a failed one is
   * tried once more.
   */
  static NetlinkIpvs over(NetlinkTransport transport, String familyName) throws IpvsException {
    IpvsOperation op = IpvsOperation.open();
    try {
      NetlinkErrnoException notFound = null;
      for (int attempt = 0; attempt < 2; attempt++) {
        try {
          List<NetlinkMessage> replies = transport.exchange(GenericNetlink.getFamily(familyName));
          if (replies.isEmpty()) {
            throw new IpvsException(op, Reason.FAILED, "the generic netlink controller sent no reply for family \""
                + familyName + "\"", null);
          }
          return new NetlinkIpvs(transport, GenericNetlink.familyId(replies.get(0)));
        } catch (NetlinkErrnoException e) {
          if (e.errno() != Errno.ENOENT) {
            throw failure(op, e, null);
          }
          notFound = e;
        }
      }
      throw new IpvsException(op, Reason.UNAVAILABLE, "the kernel has no generic netlink family \"" + familyName
          + "\": is the ip_vs module loaded? (modprobe ip_vs; /proc/net/ip_vs exists when it is)", notFound);
    } catch (IOException | NetlinkFormatException e) {
      transport.close();
      throw failure(op, e);
    } catch (IpvsException | RuntimeException e) {
      transport.close();
      throw e;
    }
  }

  @Override
  public String name() {
    return "netlink";
  }

  /** The id the kernel gave the IPVS family. */
  public int familyId() {
    return familyId;
  }

  @Override
  public synchronized List<VirtualService> services() throws IpvsException {
    IpvsOperation op = IpvsOperation.listServices();
    List<VirtualService> list = new ArrayList<>();
    for (NetlinkMessage m : exchange(op, IpvsCodec.dumpServices(familyId), null)) {
      list.add(decode(op, () -> IpvsCodec.service(m)));
    }
    return list;
  }

  @Override
  public synchronized List<RealServer> realServers(ServiceKey service) throws IpvsException {
    return realServers(IpvsOperation.of(Kind.LIST_REAL_SERVERS, service));
  }

  /** GET_DEST is a dump that is empty for a missing service, so an empty one is followed by a lookup of the service. */
  private List<RealServer> realServers(IpvsOperation op) throws IpvsException {
    ServiceKey service = op.service();
    List<RealServer> list = new ArrayList<>();
    for (NetlinkMessage m : exchange(op, IpvsCodec.dumpRealServers(familyId, service), null)) {
      list.add(decode(op, () -> IpvsCodec.realServer(m, service.family())));
    }
    if (list.isEmpty()) {
      exchange(op, IpvsCodec.getService(familyId, service), null);
    }
    return list;
  }

  @Override
  public synchronized void addService(VirtualService service) throws IpvsException {
    IpvsOperation op = IpvsOperation.of(Kind.ADD_SERVICE, service.key());
    try {
      exchange(op, IpvsCodec.newService(familyId, service), null);
    } catch (IpvsException e) {
      throw e.reason() == Reason.NO_SUCH_SCHEDULER ? KernelRules.noSuchScheduler(op, service, e.getCause()) : e;
    }
  }

  @Override
  public synchronized void deleteService(ServiceKey service) throws IpvsException {
    exchange(IpvsOperation.of(Kind.DELETE_SERVICE, service), IpvsCodec.deleteService(familyId, service), null);
  }

  @Override
  public synchronized void addRealServer(ServiceKey service, RealServer server) throws IpvsException {
    IpvsOperation op = IpvsOperation.of(Kind.ADD_REAL_SERVER, service, server.endpoint());
    exchange(op, IpvsCodec.newRealServer(familyId, service, server), server);
  }

  @Override
  public synchronized void editRealServer(ServiceKey service, RealServer server) throws IpvsException {
    IpvsOperation op = IpvsOperation.of(Kind.EDIT_REAL_SERVER, service, server.endpoint());
    exchange(op, IpvsCodec.setRealServer(familyId, service, server), server);
  }

  /**
   * Read-modify-write: the real server's own forwarding method, thresholds and tunnel settings, as
   * just read, go back with the new weight, because SET_DEST resets whatever it is not sent. A
   * concurrent change of those settings by another writer between the read and the write is lost.
   */
  @Override
  public synchronized RealServer setWeight(ServiceKey service, InetSocketAddress realServer, int weight) throws IpvsException {
    IpvsOperation op = IpvsOperation.of(Kind.SET_WEIGHT, service, realServer);
    WeightChange change = WeightChange.of(op, realServers(op), realServer, weight);
    exchange(op, IpvsCodec.setRealServer(familyId, service, change.after()), change.after());
    return change.before();
  }

  @Override
  public synchronized void deleteRealServer(ServiceKey service, InetSocketAddress realServer) throws IpvsException {
    IpvsOperation op = IpvsOperation.of(Kind.DELETE_REAL_SERVER, service, realServer);
    exchange(op, IpvsCodec.deleteRealServer(familyId, service, realServer.getAddress(), realServer.getPort()), null);
  }

  @Override
  public void close() {
    transport.close();
  }

  /** One exchange, every failure turned into an IpvsException naming {@code op}; {@code server} explains refusals. */
  private List<NetlinkMessage> exchange(IpvsOperation op, NetlinkMessage request, RealServer server)
      throws IpvsException {
    try {
      return transport.exchange(request);
    } catch (NetlinkErrnoException e) {
      throw failure(op, e, server);
    } catch (IOException | NetlinkFormatException e) {
      throw failure(op, e);
    }
  }

  private interface Decoder<T> {
    T decode();
  }

  private static <T> T decode(IpvsOperation op, Decoder<T> decoder) throws IpvsException {
    try {
      return decoder.decode();
    } catch (NetlinkFormatException e) {
      throw failure(op, e);
    }
  }

  private static IpvsException failure(IpvsOperation op, Exception e) {
    if (e instanceof SocketTimeoutException) {
      return new IpvsException(op, Reason.TIMEOUT, Reason.TIMEOUT.words() + ": " + e.getMessage(), e);
    }
    if (e instanceof NetlinkFormatException) {
      return new IpvsException(op, Reason.FAILED, "malformed reply from the kernel: " + e.getMessage(), e);
    }
    return new IpvsException(op, Reason.FAILED, e.getMessage(), e);
  }

  /**
   * The kernel's errno as the reason every backend gives (see ip_vs_genl_set_cmd): ESRCH for a
   * missing service, ENOENT for a missing real server (or, when adding a service, a missing
   * scheduler), EEXIST, ERANGE, EINVAL, and EPERM without CAP_NET_ADMIN.
   */
  static IpvsException failure(IpvsOperation op, NetlinkErrnoException e, RealServer server) {
    String kernel = e.kernelMessage().isEmpty() ? "" : "; kernel: " + e.kernelMessage();
    switch (e.errno()) {
      case Errno.EPERM, Errno.EACCES:
        return new IpvsException(op, Reason.NOT_PERMITTED, Reason.NOT_PERMITTED.words() + ": IPVS netlink needs"
            + " CAP_NET_ADMIN, to read as well as to write (run as root, or grant lvsmon the capability; without it"
            + " lvsmon ipvs show reads /proc/net/ip_vs)", e);
      case Errno.ESRCH:
        return new IpvsException(op, Reason.NO_SUCH_SERVICE, Reason.NO_SUCH_SERVICE.words() + kernel, e);
      case Errno.ENOENT:
        if (op.kind() == Kind.ADD_SERVICE) {
          return new IpvsException(op, Reason.NO_SUCH_SCHEDULER, Reason.NO_SUCH_SCHEDULER.words() + kernel, e);
        }
        if (op.concernsRealServer()) {
          return new IpvsException(op, Reason.NO_SUCH_REAL_SERVER, Reason.NO_SUCH_REAL_SERVER.words() + kernel, e);
        }
        break;
      case Errno.EEXIST:
        Reason exists = op.concernsRealServer() ? Reason.REAL_SERVER_EXISTS : Reason.SERVICE_EXISTS;
        return new IpvsException(op, exists, exists.words() + kernel, e);
      case Errno.ERANGE, Errno.EINVAL:
        if (server != null && op.service() != null) {
          IpvsException explained = KernelRules.check(op, op.service(), server).orElse(null);
          if (explained != null) {
            return explained;
          }
        }
        Reason reason = e.errno() == Errno.ERANGE ? Reason.OUT_OF_RANGE : Reason.INVALID;
        return new IpvsException(op, reason, reason.words() + " (" + e.getMessage() + ")", e);
      case Errno.EAFNOSUPPORT:
        return new IpvsException(op, Reason.INVALID, "address family not supported (is IPVS built without IPv6?)", e);
      default:
        break;
    }
    return new IpvsException(op, Reason.FAILED, "the kernel answered " + e.getMessage(), e);
  }
}
