package org.lvsmon.control;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.lvsmon.ipvs.Endpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mon's client protocol on a TCP port: one selector thread, {@code lvsmon-control}, accepts, reads
 * and writes without ever blocking; each complete request line goes to the {@link ProtocolHandler}
 * on the {@code requests} executor, one at a time per connection, and the replies go out in request
 * order. Pipelined lines are all answered (unlike mon, reference 10 quirk 10). Every resource a
 * client can claim is bounded by {@link Limits}; a limit hit is answered with a 520 naming it.
 * Thread-safe.
 */
public final class ControlServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ControlServer.class);
  static final String THREAD_NAME = "lvsmon-control";
  private static final int DISCARD_CHUNK = 4096;
  private static final long ACCEPT_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final Duration STOP_WAIT = Duration.ofSeconds(5);

  /**
   * What one client may claim. {@code maxLineBytes}: a request line's bytes before its LF (also the
   * bytes of requests queued unanswered before reading stops); {@code maxClients}: connections at
   * once; {@code idleTimeout}: mon's {@code cltimeout}, no request or progress for this long closes
   * the connection; {@code maxOutputBytes}: reply bytes buffered for a slow reader before reading and
   * answering its further requests stop.
   */
  public record Limits(int maxLineBytes, int maxClients, Duration idleTimeout, long maxOutputBytes) {
    /** 64 KiB lines, 128 clients, mon's 30 s {@code cltimeout}, 16 MiB of output per client. */
    public static final Limits DEFAULTS = new Limits(64 * 1024, 128, Duration.ofSeconds(30), 16L * 1024 * 1024);

    public Limits {
      Objects.requireNonNull(idleTimeout, "idleTimeout");
      if (maxLineBytes < 1 || maxClients < 1 || maxOutputBytes < 1 || idleTimeout.isNegative() || idleTimeout.isZero()) {
        throw new IllegalArgumentException("every control limit must be positive, got " + maxLineBytes
            + " line bytes, " + maxClients + " clients, idle timeout " + idleTimeout + ", " + maxOutputBytes
            + " output bytes");
      }
    }

    /** These limits with {@code idleTimeout} (the config's {@code cltimeout}). */
    public Limits withIdleTimeout(Duration timeout) {
      return new Limits(maxLineBytes, maxClients, timeout, maxOutputBytes);
    }
  }

  private final Limits limits;
  private final List<Pattern> clientAllow;
  private final ServerSocketChannel listener;
  private final InetSocketAddress address;
  private final Selector selector;
  private final Thread thread;
  private volatile boolean stopping;

  // selector thread only
  private final LimitWatch watch;
  private final Clients clients;
  private final ByteBuffer discard = ByteBuffer.allocate(DISCARD_CHUNK);
  private final SelectionKey listenerKey;
  private final LogThrottle loopFailures = new LogThrottle(LOG_INTERVAL_NANOS);
  private long acceptResumesAt;
  private boolean acceptPaused;

  private ControlServer(ServerSocketChannel listener, Selector selector, Limits limits, List<Pattern> clientAllow,
      ProtocolHandler handler, Executor requests, Runnable onTerminate) throws IOException {
    this.listener = listener;
    this.selector = selector;
    this.address = (InetSocketAddress) listener.getLocalAddress();
    this.limits = limits;
    this.clientAllow = List.copyOf(clientAllow);
    this.watch = new LimitWatch(limits, LOG_INTERVAL_NANOS);
    this.clients = new Clients(selector, limits, handler, requests, onTerminate, watch);
    this.listenerKey = listener.register(selector, SelectionKey.OP_ACCEPT);
    this.thread = new Thread(this::run, THREAD_NAME);
    thread.setDaemon(true); // a server never closed must not keep a stopping JVM alive
  }

  /**
   * Listens on {@code bind} (port 0: any free port) and starts the selector thread. A client whose
   * address text (as {@link Session#clientHost}) matches none of {@code clientAllow} in full is
   * refused, as mon does ({@code clientallow}, already escaped and compiled; an empty list refuses
   * everyone). {@code onTerminate} runs once, on a thread of its own, after a {@code term} reply was
   * written.
   *
   * @throws IOException when the address cannot be bound; the message names it
   */
  public static ControlServer start(InetSocketAddress bind, Limits limits, List<Pattern> clientAllow,
      ProtocolHandler handler, Executor requests, Runnable onTerminate) throws IOException {
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(clientAllow, "clientAllow");
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(requests, "requests");
    Objects.requireNonNull(onTerminate, "onTerminate");
    ServerSocketChannel listener = ServerSocketChannel.open();
    Selector selector = null;
    try {
      listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      listener.bind(bind, Math.max(50, limits.maxClients()));
      listener.configureBlocking(false);
      selector = Selector.open();
      ControlServer server = new ControlServer(listener, selector, limits, clientAllow, handler, requests, onTerminate);
      server.thread.start();
      log.info("[control] listening on {} (at most {} clients, cltimeout {}s, lines up to {} bytes)",
          Endpoints.format(server.address), limits.maxClients(), seconds(limits.idleTimeout()), limits.maxLineBytes());
      return server;
    } catch (IOException | RuntimeException e) {
      closeQuietly(listener);
      if (selector != null) {
        selector.close();
      }
      if (e instanceof IOException io) {
        throw new IOException("[control] cannot listen on " + Endpoints.format(bind) + ": " + io.getMessage(), io);
      }
      throw e;
    }
  }

  /** The port listened on (the one chosen when bound to port 0). */
  public int port() {
    return address.getPort();
  }

  /** The address listened on. */
  public InetSocketAddress address() {
    return address;
  }

  /**
   * Stops listening and closes every connection at once, unanswered requests and unwritten replies
   * dropped; waits up to 5 s for the selector thread. Idempotent; never throws.
   */
  @Override
  public void close() {
    stopping = true;
    selector.wakeup();
    if (Thread.currentThread() == thread) {
      return;
    }
    try {
      thread.join(STOP_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      log.warn("[control] selector thread still running {} after close", STOP_WAIT);
    }
  }

  private void run() {
    try {
      while (!stopping) {
        try {
          turn();
        } catch (IOException | RuntimeException e) {
          int more = loopFailures.admit(System.nanoTime());
          if (more >= 0) {
            log.error("[control] selector loop failed; going on{}", LogThrottle.more(more), e);
          }
        }
      }
    } catch (Error e) {
      log.error("[control] selector thread dies; clients are no longer served", e);
      throw e;
    } finally {
      shutDown();
    }
  }

  /** One select and the work it found. */
  private void turn() throws IOException {
    selector.select(timeoutMillis(System.nanoTime()));
    long now = System.nanoTime();
    for (Iterator<SelectionKey> ready = selector.selectedKeys().iterator(); ready.hasNext(); ) {
      SelectionKey key = ready.next();
      ready.remove(); // first: a key whose handling throws is not handled again and again
      if (key == listenerKey) {
        acceptAll(now);
      } else {
        clients.serve((Connection) key.attachment(), key, now);
      }
    }
    clients.deliverAnswers(now);
    if (acceptPaused && now - acceptResumesAt >= 0) {
      acceptPaused = false;
      listenerKey.interestOps(SelectionKey.OP_ACCEPT);
    }
    clients.expireIdle(now);
  }

  private long timeoutMillis(long now) {
    long next = watch.nextIdleCheck();
    if (acceptPaused && (next == Long.MAX_VALUE || acceptResumesAt - next < 0)) {
      next = acceptResumesAt;
    }
    return next == Long.MAX_VALUE ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(next - now) + 1);
  }

  private void acceptAll(long now) {
    while (!stopping) {
      SocketChannel channel;
      try {
        channel = listener.accept();
      } catch (IOException e) {
        // e.g. out of file descriptors: pause, or the selector spins on the pending connection
        watch.acceptFailed(address, e, now);
        acceptPaused = true;
        acceptResumesAt = now + ACCEPT_PAUSE_NANOS;
        listenerKey.interestOps(0);
        return;
      }
      if (channel == null) {
        return;
      }
      admit(channel, now);
    }
  }

  private void admit(SocketChannel channel, long now) {
    try {
      InetSocketAddress peer = (InetSocketAddress) channel.getRemoteAddress();
      String host = Endpoints.format(peer.getAddress());
      String name = Endpoints.format(peer);
      if (clientAllow.stream().noneMatch(p -> p.matcher(host).matches())) {
        watch.notAllowed(name, now);
        refuse(channel, "520 client " + host + " is not allowed (clientallow), closing");
      } else if (clients.size() >= limits.maxClients()) {
        watch.tooManyClients(name, now);
        refuse(channel, "520 too many clients (limit " + limits.maxClients() + "), try again later");
      } else {
        clients.add(channel, name, host, now);
      }
    } catch (IOException e) {
      log.debug("[control] a client went away while being accepted: {}", e.toString());
      closeQuietly(channel);
    }
  }

  /** Writes {@code status} to a connection that is not kept, and closes it. */
  private void refuse(SocketChannel channel, String status) throws IOException {
    try {
      channel.configureBlocking(false);
      channel.write(ByteBuffer.wrap(Connection.encode(status + "\n")));
      channel.shutdownOutput();
      // read what the client already sent, so that closing sends FIN, not a reset that may eat the 520
      discard.clear();
      channel.read(discard);
    } finally {
      channel.close();
    }
  }

  private void shutDown() {
    clients.closeAll();
    closeQuietly(listener);
    try {
      selector.close();
    } catch (IOException e) {
      log.debug("[control] closing the selector: {}", e.toString());
    }
    log.info("[control] stopped listening on {}", Endpoints.format(address));
  }

  private static void closeQuietly(java.nio.channels.Channel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      log.debug("[control] closing a socket: {}", e.toString());
    }
  }

  /** {@code 30}, {@code 0.3}: a duration in seconds as mon's config would write it. */
  static String seconds(Duration d) {
    return BigDecimal.valueOf(d.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString();
  }
}
