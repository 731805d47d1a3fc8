package org.lvsmon.monitor.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * An in-process Apache MINA SSHD server on a loopback address for tests: a given host key, public-key
 * login for the given client key only, and every command exits with {@code exitStatus} at once (or,
 * for a negative status, never: a command that hangs). It
 * counts open sessions, so tests can check that the client disconnected.
 */
final class TestSshd implements AutoCloseable {
  private final SshServer server;
  private final KeyPair hostKey;
  private final Set<Session> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger commands = new AtomicInteger();

  private TestSshd(SshServer server, KeyPair hostKey) {
    this.server = server;
    this.hostKey = hostKey;
  }

  static TestSshd start(InetAddress address, int port, KeyPair hostKey, PublicKey clientKey, int exitStatus) throws IOException {
    return start(address, port, hostKey, clientKey, d -> (channel, command) -> d.exit(exitStatus));
  }

  /** A server whose commands {@code commands} makes (given the server, to count them with {@link #counted}). */
  static TestSshd start(InetAddress address, int port, KeyPair hostKey, PublicKey clientKey,
      java.util.function.Function<TestSshd, org.apache.sshd.server.command.CommandFactory> commands) throws IOException {
    SshServer s = SshServer.setUpDefaultServer();
    s.setHost(address.getHostAddress());
    s.setPort(port);
    s.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    String allowed = PublicKeyEntry.toString(clientKey);
    s.setPublickeyAuthenticator((user, key, session) -> PublicKeyEntry.toString(key).equals(allowed));
    s.setPasswordAuthenticator(null);
    s.setKeyboardInteractiveAuthenticator(null);
    TestSshd d = new TestSshd(s, hostKey);
    s.setCommandFactory(commands.apply(d));
    s.addSessionListener(new SessionListener() {
      @Override
      public void sessionCreated(Session session) {
        d.open.add(session);
      }

      @Override
      public void sessionClosed(Session session) {
        d.open.remove(session);
        synchronized (d) {
          d.notifyAll();
        }
      }
    });
    s.start();
    return d;
  }

  /**
   * A fresh ECDSA P-256 key pair ({@code ecdsa-sha2-nistp256}). MINA handles Ed25519 only with
   * net.i2p or Bouncy Castle, which lvsmon does not depend on.
   */
  static KeyPair newKey() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  int port() {
    return server.getPort();
  }

  /** {@code TYPE BASE64}: the host key as known_hosts and authorized_keys write it. */
  String hostKeyEntry() {
    return PublicKeyEntry.toString(hostKey.getPublic());
  }

  /** The host key entry; then stops the server (for a key that no server presents any more). */
  String hostKeyEntryAndClose() throws IOException {
    close();
    return hostKeyEntry();
  }

  /** Waits until the server has no session open (the clients disconnected), at most {@code max}; returns how many remain. */
  synchronized int awaitNoSessions(java.time.Duration max) throws InterruptedException {
    long end = System.nanoTime() + max.toNanos();
    while (!open.isEmpty() && end - System.nanoTime() > 0) {
      wait(Math.max(1, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
    }
    return open.size();
  }

  /** Closes every open session from the server's side, as a dropped connection does. */
  void dropSessions() throws IOException {
    for (Session s : open) {
      s.close(true);
    }
  }

  /** Commands started so far. */
  int commands() {
    return commands.get();
  }

  /** Counts a started command (the exit-status commands count themselves). */
  void counted() {
    commands.incrementAndGet();
  }

  private Command exit(int status) {
    commands.incrementAndGet();
    return new Command() {
      private ExitCallback callback;

      @Override
      public void setExitCallback(ExitCallback callback) {
        this.callback = callback;
      }

      @Override
      public void setErrorStream(OutputStream err) {}

      @Override
      public void setInputStream(InputStream in) {}

      @Override
      public void setOutputStream(OutputStream out) {}

      @Override
      public void start(ChannelSession channel, Environment env) {
        if (status >= 0) {
          callback.onExit(status);
        }
      }

      @Override
      public void destroy(ChannelSession channel) {}
    };
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }
}
