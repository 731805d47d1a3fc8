package org.lvsmon.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * One client of {@link ControlServer}: its socket, its {@link Session}, the request lines read but
 * not yet handled, and the reply bytes not yet written. Owned by the selector thread; the session
 * alone is handed to the request executor, for one request at a time.
 */
final class Connection {
  /** A request line to hand to the handler, or (line null) a reply ready without it. */
  private record Pending(String line, Reply ready) {
    int bytes() {
      return line == null ? 1 : line.length() + 1;
    }
  }

  final SocketChannel channel;
  final String name;
  final Session session;
  final LineFramer framer;
  private SelectionKey key;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
  private long pendingBytes;
  private long outBytes;
  private Reply.After after = Reply.After.CONTINUE;
  private boolean inFlight;
  private boolean inputEnded;
  private boolean closed;
  private long lastActivity;

  /** {@code name}: the peer as logs show it ({@code 10.0.0.5:40312}); {@code host}: as the session sees it. */
  Connection(SocketChannel channel, String name, String host, int maxLineBytes, long now) {
    this.channel = channel;
    this.name = name;
    this.session = new Session(host);
    this.framer = new LineFramer(maxLineBytes);
    this.lastActivity = now;
  }

  void key(SelectionKey key) {
    this.key = key;
  }

  SelectionKey key() {
    return key;
  }

  void queueLine(String line) {
    add(new Pending(line, null));
  }

  void queueReply(Reply reply) {
    add(new Pending(null, reply));
  }

  private void add(Pending p) {
    pending.add(p);
    pendingBytes += p.bytes();
  }

  /** Whether the next pending item may start: nothing in flight, not closing, output under {@code maxOutputBytes}. */
  boolean canStart(long maxOutputBytes) {
    return !inFlight && after == Reply.After.CONTINUE && outBytes < maxOutputBytes && !pending.isEmpty();
  }

  /** Takes the next pending item: its line (now in flight), or null when it was a ready reply, now queued for output. */
  String start() {
    Pending p = pending.poll();
    pendingBytes -= p.bytes();
    if (p.line == null) {
      write(p.ready);
      return null;
    }
    inFlight = true;
    return p.line;
  }

  /** The handler's reply to the request in flight. */
  void answered(Reply reply, long now) {
    inFlight = false;
    lastActivity = now;
    write(reply);
  }

  /** Queues {@code reply} for output; its {@link Reply.After} applies once everything before it is written. */
  void write(Reply reply) {
    byte[] bytes = encode(reply.wire());
    out.add(ByteBuffer.wrap(bytes));
    outBytes += bytes.length;
    if (reply.after() != Reply.After.CONTINUE) {
      after = reply.after();
    }
  }

  /** Writes what the socket takes now; true when all output is written. */
  boolean flush(long now) throws IOException {
    while (!out.isEmpty()) {
      ByteBuffer head = out.peek();
      int n = channel.write(head);
      if (n > 0) {
        outBytes -= n;
        lastActivity = now;
      }
      if (head.hasRemaining()) {
        return false;
      }
      out.poll();
    }
    return true;
  }

  /** Read interest: open, input not ended, and both the request queue and the output under their limits. */
  void updateInterest(long maxPendingBytes, long maxOutputBytes) {
    boolean read = after == Reply.After.CONTINUE && !inputEnded && pendingBytes < maxPendingBytes
        && outBytes < maxOutputBytes;
    int ops = (read ? SelectionKey.OP_READ : 0) | (out.isEmpty() ? 0 : SelectionKey.OP_WRITE);
    if (key.isValid() && key.interestOps() != ops) {
      key.interestOps(ops);
    }
  }

  void read(long now) {
    lastActivity = now;
  }

  void inputEnded() {
    inputEnded = true;
  }

  /** Whether the client half-closed and every request it sent is answered and written. */
  boolean finished() {
    return inputEnded && !inFlight && pending.isEmpty() && out.isEmpty();
  }

  /** What to do once the output is written: {@code CONTINUE} unless a reply asked to close. */
  Reply.After after() {
    return after;
  }

  boolean inFlight() {
    return inFlight;
  }

  boolean outputPending() {
    return !out.isEmpty();
  }

  long outBytes() {
    return outBytes;
  }

  long lastActivity() {
    return lastActivity;
  }

  boolean closed() {
    return closed;
  }

  /** Marks the connection closed and lets go of its buffers; false if it already was. */
  boolean markClosed() {
    if (closed) {
      return false;
    }
    closed = true;
    pending.clear();
    out.clear();
    pendingBytes = 0;
    outBytes = 0;
    return true;
  }

  /**
   * The reply's bytes: a char up to U+00FF as that one byte (requests and mon.cf are read as
   * ISO-8859-1, so their bytes go back out unchanged), anything above as UTF-8.
   */
  static byte[] encode(String s) {
    byte[] latin1 = s.getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i < latin1.length; i++) {
      // the encoder writes "?" for a char above U+00FF; up to the first, latin1[i] is s.charAt(i)
      if (latin1[i] == '?' && s.charAt(i) != '?') {
        return mixed(s);
      }
    }
    return latin1;
  }

  private static byte[] mixed(String s) {
    ByteArrayOutputStream b = new ByteArrayOutputStream(s.length() + 16);
    s.codePoints().forEach(cp -> {
      if (cp <= 0xff) {
        b.write(cp);
      } else {
        b.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
      }
    });
    return b.toByteArray();
  }
}
