package org.lvsmon.control;

import java.io.Closeable;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.InstantSource;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mon's trap port: a UDP socket on {@code trapbind:trapport} whose datagrams are decoded
 * ({@link TrapDecoder}), checked against the trap section of the current auth.cf
 * ({@link TrapAuthorizer}, asked anew for each trap so {@code reload auth} takes effect) and handed
 * to a {@link TrapSink}. Rejected datagrams are logged at WARN with sender and reason, at most one
 * line per sender per {@link #REJECT_LOG_WINDOW}. One thread, {@code lvsmon-traps}, reads up to
 * {@value #MAX_DATAGRAM} bytes per datagram as mon's {@code recv} does; host names of the trap
 * section are resolved on a second, {@code lvsmon-trap-dns}.
 */
public final class TrapListener implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(TrapListener.class);

  /** mon's {@code recv (TRAPSERVER, $trapbuf, 65536, 0)}: more than any UDP payload. */
  public static final int MAX_DATAGRAM = 65536;
  public static final Duration REJECT_LOG_WINDOW = Duration.ofSeconds(10);
  /** How long a trap waits for a trap-section host name to resolve, and how long a result is kept. */
  static final Duration DNS_TIMEOUT = Duration.ofSeconds(2);
  static final Duration DNS_TTL = Duration.ofSeconds(60);
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  private final DatagramChannel channel;
  private final Supplier<AuthConfig> auth;
  private final TrapSink sink;
  private final TrapAuthorizer authorizer;
  private final RejectionLog rejections;
  private final ExecutorService dns;
  private final Thread thread;

  private TrapListener(DatagramChannel channel, Supplier<AuthConfig> auth, TrapSink sink, InstantSource clock,
      TrapHosts.Lookup lookup) {
    this.channel = channel;
    this.auth = auth;
    this.sink = sink;
    this.dns = Executors.newSingleThreadExecutor(r -> daemon(r, "lvsmon-trap-dns"));
    this.authorizer = new TrapAuthorizer(new TrapHosts(lookup, dns, clock, DNS_TTL, DNS_TIMEOUT));
    this.rejections = new RejectionLog(log::warn, clock, REJECT_LOG_WINDOW);
    this.thread = daemon(this::run, "lvsmon-traps");
  }

  /**
   * Binds {@code bind} (port 0 picks a free port) and starts the listener thread.
   *
   * @param auth the current auth.cf, asked for each trap
   * @param clock for the rate limit of rejection lines and the name cache
   * @throws IOException naming the address if it cannot be bound
   */
  public static TrapListener start(InetSocketAddress bind, Supplier<AuthConfig> auth, TrapSink sink, InstantSource clock)
      throws IOException {
    return start(bind, auth, sink, clock, InetAddress::getAllByName);
  }

  static TrapListener start(InetSocketAddress bind, Supplier<AuthConfig> auth, TrapSink sink, InstantSource clock,
      TrapHosts.Lookup lookup) throws IOException {
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(clock, "clock");
    DatagramChannel channel = bind.getAddress() instanceof Inet4Address
        ? DatagramChannel.open(StandardProtocolFamily.INET) : DatagramChannel.open();
    try {
      channel.bind(bind);
    } catch (IOException e) {
      channel.close();
      throw new IOException("cannot bind the trap port " + bind + ": " + e.getMessage(), e);
    }
    TrapListener listener = new TrapListener(channel, auth, sink, clock, lookup);
    listener.thread.start();
    log.info("[traps] listening on {}", listener.localAddress());
    return listener;
  }

  /** The bound address, with the port chosen when bound to port 0. */
  public InetSocketAddress localAddress() {
    try {
      return (InetSocketAddress) channel.getLocalAddress();
    } catch (IOException e) {
      throw new IllegalStateException("trap listener is closed", e);
    }
  }

  /** Stops the listener: closes the socket and waits up to 5 s for the thread. Idempotent. */
  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      log.warn("[traps] closing the trap socket failed", e);
    }
    dns.shutdownNow();
    try {
      thread.join(CLOSE_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    ByteBuffer buf = ByteBuffer.allocate(MAX_DATAGRAM);
    while (channel.isOpen()) {
      buf.clear();
      InetSocketAddress from;
      try {
        from = (InetSocketAddress) channel.receive(buf);
      } catch (ClosedChannelException e) {
        break;
      } catch (IOException | RuntimeException e) {
        log.error("[traps] receiving a trap failed", e);
        continue;
      }
      try {
        handle(buf.array(), buf.position(), from.getAddress());
      } catch (RuntimeException e) {
        log.error("[traps] trap from {} failed", from.getAddress().getHostAddress(), e);
      }
    }
    log.info("[traps] stopped listening");
  }

  private void handle(byte[] datagram, int length, InetAddress from) {
    Trap trap;
    try {
      trap = TrapDecoder.decode(datagram, length);
      authorizer.authorize(auth.get(), trap, from);
    } catch (TrapRejectedException e) {
      rejections.rejected(from, e.getMessage());
      return;
    }
    log.debug("[traps] trap {} {} from {} grp={} svc={} sta={}", trap.type(), trap.specific(),
        from.getHostAddress(), trap.group(), trap.service(), trap.exitValue());
    try {
      sink.trap(trap, from);
    } catch (RuntimeException e) {
      log.error("[traps] trap for {}/{} from {} failed in the engine; dropped", TrapDecoder.show(trap.group()),
          TrapDecoder.show(trap.service()), from.getHostAddress(), e);
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
