package org.lvsmon.monitor.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.lvsmon.monitor.MonitorArgs;
import org.lvsmon.monitor.ProbeContext;

/**
 * Reads an SSH server's identification line (RFC 4253 section 4.2, the "banner") from a connected
 * socket within the probe's deadline, telling apart a hung server (nothing at all), a closed
 * connection and something that is not SSH-2.0. Lines before the identification are allowed, as the
 * RFC allows them, up to {@value #MAX_LINES} lines and {@value #MAX_BYTES} bytes; a line may not be
 * longer than {@value #MAX_LINE} bytes. Stateless.
 */
public final class SshBanner {
  public static final int MAX_LINE = 255;
  public static final int MAX_LINES = 32;
  public static final int MAX_BYTES = 8192;
  /** What lvsmon sends as its own identification when it only probes. */
  static final String PROBE_IDENT = "SSH-2.0-lvsmon_probe";

  /**
   * The outcome: {@code status} OK with the {@code version} line, or a failure with its text;
   * {@code received} is every byte read (the SSH client that goes on must see them again).
   */
  public record Reading(SshStatus status, String text, String version, byte[] received) {
    public boolean ok() {
      return status == SshStatus.OK;
    }
  }

  private SshBanner() {}

  /**
   * Reads until the identification line, the probe's deadline (set it with {@link
   * ProbeContext#expireAfter}{@code (timeout)} first) or the end of the stream. {@code peer} names
   * the server in texts ({@code 10.0.0.3 port 22}), {@code timeout} the deadline.
   */
  public static Reading read(Socket socket, ProbeContext ctx, String peer, Duration timeout) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    Lines lines = new Lines(peer);
    byte[] buf = new byte[1024];
    try {
      InputStream in = socket.getInputStream();
      while (true) {
        if (ctx.expired()) {
          return timedOut(all, peer, timeout);
        }
        socket.setSoTimeout(ctx.remainingMillis());
        int n;
        try {
          n = in.read(buf);
        } catch (SocketTimeoutException e) {
          return timedOut(all, peer, timeout);
        }
        if (n < 0) {
          return all.size() == 0
              ? fail(SshStatus.CLOSED, "connection to " + peer + " closed by the server before the SSH banner", all)
              : bad(all, peer, "then the connection was closed");
        }
        all.write(buf, 0, n);
        Reading r = lines.scan(all);
        if (r != null) {
          return r;
        }
      }
    } catch (IOException e) {
      if (ctx.expired()) {
        return timedOut(all, peer, timeout);
      }
      if (all.size() > 0) {
        return bad(all, peer, "then " + e.getMessage());
      }
      return fail(SshStatus.CLOSED, "connection to " + peer + " lost before the SSH banner: " + e.getMessage(), all);
    }
  }

  /** The lines received so far: where the next one starts and how many came before the identification. */
  private static final class Lines {
    private final String peer;
    private int start;
    private int count;

    Lines(String peer) {
      this.peer = peer;
    }

    /** The outcome once the bytes decide it, or null to read on. */
    Reading scan(ByteArrayOutputStream all) {
      byte[] b = all.toByteArray();
      for (int i = start; i < b.length; i++) {
        if (b[i] != '\n') {
          continue;
        }
        if (i + 1 - start > MAX_LINE) {
          return bad(all, peer, "line longer than " + MAX_LINE + " bytes");
        }
        int end = i > start && b[i - 1] == '\r' ? i - 1 : i;
        String line = new String(b, start, end - start, StandardCharsets.ISO_8859_1);
        if (line.startsWith("SSH-2.0-") || line.startsWith("SSH-1.99-")) {
          return new Reading(SshStatus.OK, "", line, b);
        }
        if (line.startsWith("SSH-")) {
          return fail(SshStatus.BAD_BANNER, quote(line) + " from " + peer + " is not SSH protocol 2", all);
        }
        start = i + 1;
        if (++count > MAX_LINES) {
          return bad(all, peer, "more than " + MAX_LINES + " lines without an SSH identification");
        }
      }
      if (b.length - start > MAX_LINE || b.length > MAX_BYTES) {
        return bad(all, peer, "no SSH identification in the first " + b.length + " bytes");
      }
      return null;
    }
  }

  private static Reading timedOut(ByteArrayOutputStream all, String peer, Duration timeout) {
    if (all.size() == 0) {
      return fail(SshStatus.NO_BANNER, "TCP connection to " + peer + " accepted, but no SSH banner within "
          + MonitorArgs.seconds(timeout) + " (hung sshd?)", all);
    }
    return bad(all, peer, "and no SSH identification within " + MonitorArgs.seconds(timeout));
  }

  private static Reading bad(ByteArrayOutputStream all, String peer, String why) {
    return fail(SshStatus.BAD_BANNER, quote(firstLine(all.toByteArray())) + " from " + peer
        + " is not an SSH-2.0 identification (" + why + ")", all);
  }

  private static Reading fail(SshStatus status, String text, ByteArrayOutputStream all) {
    return new Reading(status, text, null, all.toByteArray());
  }

  private static String firstLine(byte[] b) {
    int end = 0;
    while (end < b.length && b[end] != '\n') {
      end++;
    }
    if (end > 0 && b[end - 1] == '\r') {
      end--;
    }
    return new String(b, 0, Math.min(end, 200), StandardCharsets.ISO_8859_1);
  }

  /** The text in double quotes, non-printable bytes as {@code \xNN}, cut at 60 characters. */
  static String quote(String s) {
    StringBuilder q = new StringBuilder("\"");
    for (int i = 0; i < s.length() && i < 60; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
        q.append(c);
      } else {
        q.append(String.format("\\x%02x", (int) c & 0xff));
      }
    }
    return q.append(s.length() > 60 ? "...\"" : "\"").toString();
  }

  /**
   * Ends a probe politely: sends lvsmon's identification and an SSH_MSG_DISCONNECT ("lvsmon
   * probe"), then reads until the server closes (at most until the deadline and 64 KiB), so that
   * sshd logs an orderly disconnect instead of {@code kex_exchange_identification: Connection closed
   * by remote host}, and no unread data turns the close into a reset. Failures are ignored: the
   * probe already succeeded.
   */
  public static void goodbye(Socket socket, ProbeContext ctx) {
    try {
      OutputStream out = socket.getOutputStream();
      out.write((PROBE_IDENT + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(disconnectPacket("lvsmon probe"));
      out.flush();
      socket.shutdownOutput();
      InputStream in = socket.getInputStream();
      byte[] sink = new byte[4096];
      int total = 0;
      while (total < 64 * 1024 && !ctx.expired()) {
        socket.setSoTimeout(Math.min(ctx.remainingMillis(), 250));
        int n = in.read(sink);
        if (n < 0) {
          break;
        }
        total += n;
      }
    } catch (IOException e) {
      // the server may close first; the probe's result stands
    }
  }

  /** An unencrypted binary packet (RFC 4253 section 6) carrying SSH_MSG_DISCONNECT, reason 11 (by application). */
  static byte[] disconnectPacket(String description) {
    byte[] d = description.getBytes(StandardCharsets.UTF_8);
    int payload = 1 + 4 + 4 + d.length + 4;
    int padding = 8 - (4 + 1 + payload) % 8;
    if (padding < 4) {
      padding += 8;
    }
    ByteBuffer p = ByteBuffer.allocate(4 + 1 + payload + padding);
    p.putInt(1 + payload + padding).put((byte) padding);
    p.put((byte) 1).putInt(11).putInt(d.length).put(d).putInt(0);
    p.put(new byte[padding]);
    return Arrays.copyOf(p.array(), p.capacity());
  }
}
