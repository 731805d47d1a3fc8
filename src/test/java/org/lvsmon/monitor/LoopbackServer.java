package org.lvsmon.monitor;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * TCP servers on a loopback address for monitor tests: one that accepts and stays silent (a hung
 * sshd), one that sends fixed bytes and then closes or stays open (garbage banner, dropped
 * connection), and one whose accept queue is full, so that a connect to it times out (a host that
 * drops SYNs) without any traffic leaving the machine.
 */
public final class LoopbackServer implements AutoCloseable {
  private final ServerSocket server;
  private final List<Socket> held = new ArrayList<>();
  private final Thread acceptor;

  private LoopbackServer(ServerSocket server, byte[] greeting, boolean closeAfter, boolean accept) {
    this.server = server;
    if (!accept) {
      acceptor = null;
      return;
    }
    acceptor = new Thread(() -> serve(greeting, closeAfter), "test-loopback-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Accepts every connection and never sends a byte. */
  public static LoopbackServer silent(InetAddress address, int port) throws IOException {
    return new LoopbackServer(bind(address, port, 50), new byte[0], false, true);
  }

  /** Sends {@code text} on every connection, then closes it ({@code close}) or keeps it open. */
  public static LoopbackServer sending(InetAddress address, int port, String text, boolean close) throws IOException {
    return new LoopbackServer(bind(address, port, 50), text.getBytes(StandardCharsets.ISO_8859_1), close, true);
  }

  /** Accepts and closes at once. */
  public static LoopbackServer dropping(InetAddress address, int port) throws IOException {
    return sending(address, port, "", true);
  }

  /**
   * Never accepts, and its accept queue is full: further connects get no SYN-ACK and time out, as
   * with a host that drops packets.
   */
  public static LoopbackServer fullBacklog(InetAddress address, int port) throws IOException {
    LoopbackServer s = new LoopbackServer(bind(address, port, 1), null, false, false);
    for (int i = 0; i < 16; i++) {
      Socket c = new Socket();
      try {
        c.connect(s.server.getLocalSocketAddress(), 100);
        s.hold(c);
      } catch (SocketTimeoutException e) {
        c.close();
        return s;
      }
    }
    s.close();
    throw new IOException("could not fill the accept queue of " + s.server.getLocalSocketAddress());
  }

  private static ServerSocket bind(InetAddress address, int port, int backlog) throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(address, port), backlog);
    return s;
  }

  private void serve(byte[] greeting, boolean closeAfter) {
    while (!server.isClosed()) {
      try {
        Socket c = server.accept();
        OutputStream out = c.getOutputStream();
        out.write(greeting);
        out.flush();
        if (closeAfter) {
          c.close();
        } else {
          hold(c);
        }
      } catch (IOException e) {
        return;
      }
    }
  }

  private synchronized void hold(Socket c) {
    held.add(c);
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Connections accepted (or queued) and kept open so far. */
  public synchronized int held() {
    return held.size();
  }

  @Override
  public void close() throws IOException {
    server.close();
    synchronized (this) {
      for (Socket c : held) {
        c.close();
      }
    }
    if (acceptor != null) {
      try {
        acceptor.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A TCP port on {@code address} where nothing listens (bound once, then closed). */
  public static int closedPort(InetAddress address) throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, address)) {
      return s.getLocalPort();
    }
  }

  /** 127.0.0.N: every 127/8 address is on the loopback interface. */
  public static InetAddress loopback(int n) {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) n});
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
