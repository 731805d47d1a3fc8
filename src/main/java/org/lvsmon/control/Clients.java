package org.lvsmon.control;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.lvsmon.control.ControlServer.Limits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connected clients of a {@link ControlServer}: reads their request lines, hands each to the
 * handler on the request executor (one in flight per connection), writes the replies in request
 * order, and closes a connection on {@code quit}, {@code term}, idle timeout, end of input or an I/O
 * error, which touches no other connection. Reading from a client stops while its unanswered
 * requests or unwritten replies are over their limits. Selector thread only (the handler's replies
 * come back through a queue).
 */
final class Clients {
  private static final Logger log = LoggerFactory.getLogger(ControlServer.class);
  private static final int READ_CHUNK = 16 * 1024;

  private record Answer(Connection connection, Reply reply) {}

  private final Selector selector;
  private final Limits limits;
  private final ProtocolHandler handler;
  private final Executor requests;
  private final Runnable onTerminate;
  private final LimitWatch watch;
  private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean terminated = new AtomicBoolean();
  private final Set<Connection> connections = new LinkedHashSet<>();
  private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_CHUNK);

  Clients(Selector selector, Limits limits, ProtocolHandler handler, Executor requests, Runnable onTerminate,
      LimitWatch watch) {
    this.selector = selector;
    this.limits = limits;
    this.handler = handler;
    this.requests = requests;
    this.onTerminate = onTerminate;
    this.watch = watch;
  }

  int size() {
    return connections.size();
  }

  /** Serves the accepted {@code channel}; {@code name} as logs show the peer, {@code host} as the session does. */
  void add(SocketChannel channel, String name, String host, long now) throws IOException {
    channel.configureBlocking(false);
    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    Connection c = new Connection(channel, name, host, limits.maxLineBytes(), now);
    c.key(channel.register(selector, SelectionKey.OP_READ, c));
    connections.add(c);
    watch.connected(now);
    log.debug("[control] {} connected ({} clients)", name, connections.size());
  }

  /** Closes every connection, unanswered requests and unwritten replies dropped. */
  void closeAll() {
    for (Connection c : new ArrayList<>(connections)) {
      close(c, "server closing");
    }
  }

  /** The selector found {@code key} of {@code c} ready. */
  void serve(Connection c, SelectionKey key, long now) {
    try {
      if (key.isValid() && key.isReadable()) {
        read(c, now);
      }
      if (!c.closed() && key.isValid() && key.isWritable()) {
        advance(c, now);
      }
    } catch (IOException | RuntimeException e) {
      drop(c, e);
    }
  }

  private void read(Connection c, long now) throws IOException {
    readBuffer.clear();
    int n = c.channel.read(readBuffer);
    if (n < 0) {
      c.inputEnded();
    } else if (n > 0) {
      c.read(now);
      readBuffer.flip();
      c.framer.feed(readBuffer, new LineFramer.Sink() {
        @Override
        public void line(String line) {
          c.queueLine(line);
        }

        @Override
        public void tooLong() {
          watch.lineTooLong(c.name, now);
          c.queueReply(Reply.status("520 request line too long (limit " + limits.maxLineBytes()
              + " bytes), discarded"));
        }
      });
    }
    advance(c, now);
  }

  /** Starts what can start, writes what can be written, then closes or sets the interest ops. */
  private void advance(Connection c, long now) throws IOException {
    while (c.canStart(limits.maxOutputBytes())) {
      String line = c.start();
      if (line != null) {
        submit(c, line);
      }
    }
    boolean flushed = c.flush(now);
    if (flushed && c.after() != Reply.After.CONTINUE) {
      close(c, c.after() == Reply.After.CLOSE ? "quit" : "term");
      if (c.after() == Reply.After.TERMINATE) {
        terminate(c);
      }
    } else if (c.finished()) {
      close(c, "client closed");
    } else {
      c.updateInterest(limits.maxLineBytes(), limits.maxOutputBytes());
    }
  }

  private void submit(Connection c, String line) {
    try {
      requests.execute(() -> answer(c, line));
    } catch (RejectedExecutionException e) {
      log.warn("[control] {} request not run: the request executor refused it ({})", c.name, e.toString());
      c.answered(Reply.status("520 server is shutting down").then(Reply.After.CLOSE), System.nanoTime());
    }
  }

  /** On the request executor. */
  private void answer(Connection c, String line) {
    Reply reply;
    try {
      reply = handler.handle(line, c.session);
    } catch (RuntimeException e) {
      log.error("[control] {} request failed", c.name, e);
      reply = Reply.status("520 command could not be executed, internal error");
    }
    answers.add(new Answer(c, reply));
    selector.wakeup();
  }

  /** Hands the replies the executor finished to their connections. */
  void deliverAnswers(long now) {
    for (Answer a; (a = answers.poll()) != null; ) {
      Connection c = a.connection();
      if (c.closed()) {
        log.debug("[control] {} reply dropped: the connection is closed", c.name);
        continue;
      }
      c.answered(a.reply(), now);
      try {
        advance(c, now);
      } catch (IOException | RuntimeException e) {
        drop(c, e);
      }
    }
  }

  /** Closes the connections idle for {@code cltimeout}: with a 520 if it can still be written. */
  void expireIdle(long now) {
    for (Connection c : watch.expired(connections, now)) {
      idle(c, now);
    }
  }

  private void idle(Connection c, long now) {
    if (c.outputPending()) {
      close(c, "no reply bytes taken for cltimeout " + ControlServer.seconds(limits.idleTimeout()) + "s");
      return;
    }
    c.answered(Reply.status("520 idle timeout (cltimeout " + ControlServer.seconds(limits.idleTimeout()) + "s), closing")
        .then(Reply.After.CLOSE), now);
    try {
      advance(c, now);
    } catch (IOException | RuntimeException e) {
      drop(c, e);
    }
  }

  private void terminate(Connection c) {
    if (!terminated.compareAndSet(false, true)) {
      return;
    }
    log.info("[control] term from {}: shutting down", c.name);
    Thread t = new Thread(() -> {
      try {
        onTerminate.run();
      } catch (RuntimeException e) {
        log.error("[control] shutting down after term failed", e);
      }
    }, ControlServer.THREAD_NAME + "-term");
    t.start();
  }

  /**
   * After an I/O error on one connection (a client gone mid-reply, a reset), or a bug met serving
   * it: only that one is closed.
   */
  private void drop(Connection c, Exception e) {
    if (e instanceof IOException) {
      log.debug("[control] {} dropped, {} reply bytes unwritten: {}", c.name, c.outBytes(), e.toString());
    } else {
      log.error("[control] {} serving the client failed; closing its connection", c.name, e);
    }
    close(c, null);
  }

  private void close(Connection c, String why) {
    if (!c.markClosed()) {
      return;
    }
    connections.remove(c); // before the socket closes: a client that saw EOF may connect again at once
    c.key().cancel();
    try {
      c.channel.close();
    } catch (IOException e) {
      log.debug("[control] {} closing: {}", c.name, e.toString());
    }
    if (why != null) {
      log.debug("[control] {} disconnected ({}; {} clients)", c.name, why, connections.size());
    }
  }
}
