package org.lvsmon.alert.mail;

import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A STARTTLS front for GreenMail's plain SMTP, which has no STARTTLS of its own: it offers STARTTLS,
 * upgrades the connection with GreenMail's test certificate, then relays the rest (EHLO again, AUTH,
 * the mail) to GreenMail. Anything before STARTTLS other than EHLO is refused with 530. Loopback only.
 */
final class StartTlsFront implements AutoCloseable {
  private final ServerSocket server;
  private final int backendPort;
  private final SSLContext tls;
  /** Counted down when a client completed the TLS handshake. */
  final CountDownLatch upgraded = new CountDownLatch(1);
  volatile String protocol;

  StartTlsFront(int backendPort) throws Exception {
    this.backendPort = backendPort;
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(new DummySSLServerSocketFactory().getKeyStore(), "changeit".toCharArray()); // GreenMail's default
    tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "starttls-front");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void accept() {
    try {
      while (true) {
        Socket client = server.accept();
        Thread t = new Thread(() -> serve(client), "starttls-front-conn");
        t.setDaemon(true);
        t.start();
      }
    } catch (IOException closed) {
      // close() ends the front
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      write(out, "220 front ESMTP\r\n");
      while (true) {
        String line = readLine(in);
        if (line == null) {
          return;
        }
        String cmd = line.strip().toUpperCase(Locale.ROOT);
        if (cmd.startsWith("EHLO")) {
          write(out, "250-front\r\n250 STARTTLS\r\n");
        } else if (cmd.equals("STARTTLS")) {
          write(out, "220 2.0.0 ready to start TLS\r\n");
          break;
        } else if (cmd.equals("QUIT")) {
          write(out, "221 bye\r\n");
          return;
        } else {
          write(out, "530 5.7.0 must issue a STARTTLS command first\r\n");
        }
      }
      SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(client, "127.0.0.1", client.getPort(), true);
      secure.setUseClientMode(false);
      secure.startHandshake();
      protocol = secure.getSession().getProtocol();
      upgraded.countDown();
      try (secure; Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
        readLine(backend.getInputStream()); // GreenMail's greeting: the client had the front's
        Thread up = new Thread(() -> pipe(secure, backend), "starttls-front-up");
        up.setDaemon(true);
        up.start();
        pipe(backend, secure);
      }
    } catch (IOException e) {
      // the client or GreenMail went away
    }
  }

  private static void pipe(Socket from, Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
    } catch (IOException ignored) {
      // one side closed
    } finally {
      try {
        to.close();
        from.close();
      } catch (IOException ignored) {
        // closing
      }
    }
  }

  /** One line without its CRLF, read byte by byte so nothing after it is consumed; null at EOF. */
  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        return b.size() == 0 ? null : b.toString(StandardCharsets.US_ASCII);
      }
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.US_ASCII);
  }

  private static void write(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
