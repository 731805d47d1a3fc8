package org.lvsmon.control;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One connection to a mon or lvsmon daemon, as moncmd and Mon::Client talk to it: send one request
 * line, read data lines up to the status line ({@code ^\d{3}\s}), then the next request. Every wait
 * is bounded by the timeout given to {@link #connect}; a reply line may be at most {@link #MAX_LINE}
 * bytes and a reply at most {@link #MAX_LINES} lines. Every {@link IOException} names {@code
 * host:port}. Not thread-safe: one request at a time.
 */
public final class MonClient implements Closeable {
  /** mon's port when neither {@code -p} nor {@code /etc/services} says otherwise. */
  public static final int DEFAULT_PORT = 2583;
  /** How long connecting and each reply may take unless the caller says otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  /** The longest reply line read, in bytes (an opstatus line carries a monitor's whole detail). */
  public static final int MAX_LINE = 1 << 20;
  /** The most lines one reply may have. */
  public static final int MAX_LINES = 100_000;

  private static final Pattern STATUS = Pattern.compile("^\\d{3}[ \\t\\n\\r\\f\\x0B]");

  private final String address;
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final Duration timeout;

  private MonClient(String address, Socket socket, Duration timeout) throws IOException {
    this.address = address;
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
    this.timeout = timeout;
  }

  /**
   * Connects to {@code host:port} within {@code timeout}, which then bounds each reply too.
   *
   * @throws IOException "cannot connect to HOST:PORT: REASON", with the socket's exception as the
   *     cause (a {@link java.net.ConnectException} when nothing listens there)
   */
  public static MonClient connect(String host, int port, Duration timeout) throws IOException {
    Objects.requireNonNull(host, "host");
    String address = address(host, port);
    int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), millis);
      socket.setSoTimeout(millis);
      return new MonClient(address, socket, timeout);
    } catch (IOException e) {
      socket.close();
      String reason = e instanceof UnknownHostException ? "unknown host"
          : e instanceof SocketTimeoutException ? "no answer within " + seconds(timeout) : e.getMessage();
      throw new IOException("cannot connect to " + address + ": " + reason, e);
    }
  }

  /** {@code host:port}, an IPv6 literal in brackets, as errors name the daemon. */
  public static String address(String host, int port) {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  /** The daemon this client talks to, as {@code host:port}. */
  public String address() {
    return address;
  }

  /**
   * Sends {@code login USER PASSWORD}; the reply says whether it was accepted ({@code 220}) or not
   * ({@code 530}). The password appears in no exception message.
   *
   * @throws IllegalArgumentException when user or password is empty or contains whitespace, which
   *     mon's {@code login} cannot carry
   */
  public Reply login(String user, String password) throws IOException {
    for (String[] w : new String[][] {{"user", user}, {"password", password}}) {
      if (w[1] == null || w[1].isEmpty() || w[1].chars().anyMatch(c -> Character.isWhitespace(c))) {
        throw new IllegalArgumentException(w[0] + " must be one word without whitespace for mon's login");
      }
    }
    return exchange("login " + user + " " + password, "login " + user);
  }

  /**
   * Sends one request line and reads its reply.
   *
   * @throws IllegalArgumentException when {@code line} contains CR or LF (it would be two requests)
   * @throws IOException on a timeout, a closed connection, an over-long line or reply, or a
   *     malformed status line, each naming this daemon and the request
   */
  public Reply request(String line) throws IOException {
    return exchange(line, line);
  }

  private Reply exchange(String line, String shown) throws IOException {
    if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("a request must be one line, got " + shown.replace("\n", "\\n"));
    }
    String what = " to \"" + shown + "\"";
    try {
      out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      List<String> lines = new ArrayList<>();
      while (true) {
        String l = readLine(what);
        if (l == null) {
          throw new IOException(address + ": connection closed before the status line of the reply" + what);
        }
        lines.add(l);
        if (STATUS.matcher(l).find()) {
          return reply(lines, what);
        }
        if (lines.size() >= MAX_LINES) {
          throw new IOException(address + ": more than " + MAX_LINES + " lines in the reply" + what);
        }
      }
    } catch (SocketTimeoutException e) {
      throw new IOException(address + ": no reply within " + seconds(timeout) + what, e);
    }
  }

  private Reply reply(List<String> lines, String what) throws IOException {
    try {
      return new Reply(lines, Reply.After.CONTINUE);
    } catch (IllegalArgumentException e) {
      throw new IOException(address + ": malformed status line \"" + lines.get(lines.size() - 1)
          + "\" in the reply" + what + " (expected \"NNN text\")", e);
    }
  }

  /** The next line without its terminator (LF, or CR LF); null at the end of the stream. */
  private String readLine(String what) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(256);
    while (true) {
      int c = in.read();
      if (c < 0) {
        return b.size() == 0 ? null : text(b);
      }
      if (c == '\n') {
        return text(b);
      }
      if (b.size() >= MAX_LINE) {
        throw new IOException(address + ": a reply line longer than " + MAX_LINE + " bytes" + what);
      }
      b.write(c);
    }
  }

  private static String text(ByteArrayOutputStream b) {
    String s = b.toString(StandardCharsets.UTF_8);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  /**
   * A text argument as Mon::Client sends the comment of {@code ack}: escaped with mon's {@code
   * esc_str} and put in single quotes, so that the server's shell-word split gives it back whole.
   * One difference: a backslash is sent as {@code \5c}. Mon::Client's {@code esc_str($s, 1)} doubles
   * it, and mon (like lvsmon) keeps both inside single quotes, so the text would arrive changed.
   */
  public static String quote(String s) {
    StringBuilder b = new StringBuilder("'");
    String[] parts = s.split("\\\\", -1);
    for (int i = 0; i < parts.length; i++) {
      b.append(i == 0 ? "" : "\\5c").append(MonEscaping.escape(parts[i], false));
    }
    return b.append('\'').toString();
  }

  private static String seconds(Duration d) {
    return OpstatusLine.seconds(d) + "s";
  }

  /** Closes the connection without {@code quit}: the daemon treats end of stream the same way. */
  @Override
  public void close() throws IOException {
    socket.close();
  }
}
