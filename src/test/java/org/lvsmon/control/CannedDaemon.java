package org.lvsmon.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A daemon on 127.0.0.1 (a free port) that answers each request line with a canned reply, one
 * connection at a time, and records the requests. A reply is the raw text written back; {@link
 * #CLOSE} closes the connection instead, {@link #SILENT} writes nothing. A request without a canned
 * reply gets {@code 520 invalid command}.
 */
public final class CannedDaemon implements AutoCloseable {
  public static final String CLOSE = "<close>";
  public static final String SILENT = "<silent>";

  private final ServerSocket socket;
  private final Map<String, String> replies = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private volatile Socket current;

  public CannedDaemon() {
    try {
      socket = new ServerSocket();
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    thread = new Thread(this::serve, "canned-daemon");
    thread.setDaemon(true);
    thread.start();
  }

  /** Answers {@code request} with {@code lines}, each ended by a newline. */
  public CannedDaemon answer(String request, String... lines) {
    replies.put(request, lines.length == 1 && (lines[0].equals(CLOSE) || lines[0].equals(SILENT))
        ? lines[0] : String.join("\n", lines) + "\n");
    return this;
  }

  public int port() {
    return socket.getLocalPort();
  }

  /** The request lines received so far, in order. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket c = socket.accept()) {
        current = c;
        converse(c);
      } catch (IOException e) {
        // closed by the test, or the client went away: next connection
      }
    }
  }

  private void converse(Socket c) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8));
    OutputStream out = c.getOutputStream();
    String line;
    while ((line = in.readLine()) != null) {
      requests.add(line);
      String reply = replies.getOrDefault(line, "520 invalid command\n");
      if (reply.equals(CLOSE)) {
        return;
      }
      if (!reply.equals(SILENT)) {
        out.write(reply.getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    }
  }

  @Override
  public void close() throws Exception {
    socket.close();
    Socket c = current;
    if (c != null) {
      c.close();
    }
    thread.join();
  }
}
