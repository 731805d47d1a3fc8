package org.lvsmon.control.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.lvsmon.daemon.bench.Distribution;

/**
 * One benchmark client of the control server: on one connection, sends its request on a fixed
 * schedule ({@code rate} a second from {@code start}) and reads each reply up to its status line.
 * A request's latency runs from when the schedule said to send it to the reply's last byte, so a
 * slow server also counts for the requests it delayed (no coordinated omission). Only requests
 * scheduled inside the measured window are recorded. Run once, on its own thread.
 */
public final class LoadClient implements Runnable {
  private final InetSocketAddress server;
  private final byte[] request;
  private final long intervalNanos;
  private final long start;
  private final long measureFrom;
  private final long measureUntil;
  private final long[] micros;
  private int count;
  private int failed;
  private int late;
  private long bytes;
  private String error;
  private byte[] buffer = new byte[64 * 1024];
  private int pos;
  private int limit;

  /** Times are {@code System.nanoTime} values; the client stops scheduling at {@code measureUntil}. */
  public LoadClient(InetSocketAddress server, String request, double rate, long start, long measureFrom,
      long measureUntil) {
    this.server = server;
    this.request = (request + "\n").getBytes(StandardCharsets.ISO_8859_1);
    this.intervalNanos = (long) (1e9 / rate);
    this.start = start;
    this.measureFrom = measureFrom;
    this.measureUntil = measureUntil;
    this.micros = new long[(int) ((measureUntil - measureFrom) / intervalNanos) + 2];
  }

  @Override
  public void run() {
    try (Socket s = new Socket()) {
      s.connect(server, 10_000);
      s.setSoTimeout(30_000);
      s.setTcpNoDelay(true);
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      for (long due = start; due - measureUntil < 0; due += intervalNanos) {
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        } else if (-wait > intervalNanos) {
          late++;
        }
        out.write(request);
        out.flush();
        boolean ok = readReply(in);
        long done = System.nanoTime();
        if (due - measureFrom >= 0 && count < micros.length) {
          micros[count++] = (done - due) / 1000;
          failed += ok ? 0 : 1;
        }
      }
    } catch (IOException e) {
      error = e.toString();
    }
  }

  /** Reads one reply; whether its status is 220. */
  private boolean readReply(InputStream in) throws IOException {
    int lineStart = pos;
    while (true) {
      for (int i = pos; i < limit; i++) {
        if (buffer[i] == '\n') {
          pos = i + 1;
          int length = i - lineStart;
          bytes += length + 1;
          if (length >= 4 && isDigit(buffer[lineStart]) && isDigit(buffer[lineStart + 1])
              && isDigit(buffer[lineStart + 2]) && buffer[lineStart + 3] == ' ') {
            return buffer[lineStart] == '2' && buffer[lineStart + 1] == '2' && buffer[lineStart + 2] == '0';
          }
          lineStart = pos;
        }
      }
      // no LF in the buffer: keep the partial line, read more
      int keep = limit - lineStart;
      if (keep == buffer.length) {
        buffer = Arrays.copyOf(buffer, 2 * buffer.length);
      }
      System.arraycopy(buffer, lineStart, buffer, 0, keep);
      pos = keep;
      limit = keep;
      lineStart = 0;
      int n = in.read(buffer, limit, buffer.length - limit);
      if (n < 0) {
        throw new IOException("the server closed the connection mid-reply");
      }
      limit += n;
    }
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  /** The latencies of all {@code clients}' requests in the window, together; valid after their {@link #run}. */
  public static Distribution latencies(List<LoadClient> clients) {
    long[] all = new long[clients.stream().mapToInt(LoadClient::count).sum()];
    int n = 0;
    for (LoadClient c : clients) {
      System.arraycopy(c.micros(), 0, all, n, c.count());
      n += c.count();
    }
    return new Distribution(all, n);
  }

  /** Latencies in microseconds of the requests scheduled in the window; valid after {@link #run}. */
  public long[] micros() {
    return micros;
  }

  public int count() {
    return count;
  }

  /** Replies in the window whose status was not 220. */
  public int failed() {
    return failed;
  }

  /** Requests sent more than one interval after their scheduled time (the client fell behind). */
  public int late() {
    return late;
  }

  /** Reply bytes read, all of the run. */
  public long bytes() {
    return bytes;
  }

  /** Why the client stopped early, or null. */
  public String error() {
    return error;
  }
}
