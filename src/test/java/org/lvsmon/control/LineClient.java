package org.lvsmon.control;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A blocking client of a {@link ControlServer} for tests: writes bytes, reads LF-ended lines as
 * ISO-8859-1. Every read waits at most 20 s (SO_TIMEOUT), so a missing reply fails the test instead
 * of hanging it, and no test needs to sleep.
 */
final class LineClient implements AutoCloseable {
  private static final Pattern STATUS = Pattern.compile("^\\d{3} .*");
  static final int READ_TIMEOUT_MILLIS = 20_000;

  final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  LineClient(InetSocketAddress server) throws IOException {
    socket = new Socket();
    socket.connect(server, READ_TIMEOUT_MILLIS);
    socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    in = new BufferedInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  LineClient send(String text) throws IOException {
    return send(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  LineClient send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  /** The next line without its LF; null at end of stream. */
  String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b; (b = in.read()) != '\n'; ) {
      if (b < 0) {
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
      }
      line.write(b);
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  /** The lines of one reply: data lines up to and including the status line ({@code NNN text}). */
  List<String> readReply() throws IOException {
    List<String> lines = new ArrayList<>();
    String l;
    do {
      l = readLine();
      if (l == null) {
        throw new IOException("end of stream after " + lines);
      }
      lines.add(l);
    } while (!STATUS.matcher(l).matches());
    return lines;
  }

  /** The reply to {@code request}. */
  List<String> request(String request) throws IOException {
    send(request + "\n");
    return readReply();
  }

  /** Whether the server closed the connection: end of stream (or a reset) before any further byte. */
  boolean closedByServer() throws IOException {
    try {
      return in.read() < 0;
    } catch (java.net.SocketException e) {
      return true; // a reset
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
