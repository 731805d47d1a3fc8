package org.lvsmon.demo;

import java.io.IOException;
import java.security.KeyPair;
import java.security.PublicKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;

/**
 * One simulated login node: an in-process sshd (Apache MINA SSHD) on its own loopback address with
 * its own host key, letting in only the demo's client key, whose shell answers ssh-load.monitor's
 * load commands from the node's scripted {@link LoadCurve} ({@link NodeShell}). Its sshd can be
 * stopped (every session is cut, new connections are refused) and started again on the same
 * address, port and host key, as a node that crashed and rebooted. Thread-safe.
 */
final class DemoNode implements AutoCloseable {
  private final String name;
  private final String address;
  private final KeyPair hostKey;
  private final PublicKey clientKey;
  private final LoadCurve load;
  private SshServer sshd;
  private int port;

  DemoNode(String name, String address, KeyPair hostKey, PublicKey clientKey, LoadCurve load) {
    this.name = name;
    this.address = address;
    this.hostKey = hostKey;
    this.clientKey = clientKey;
    this.load = load;
  }

  String name() {
    return name;
  }

  String address() {
    return address;
  }

  LoadCurve load() {
    return load;
  }

  /** The port its sshd listens on (0 before the first start). */
  synchronized int port() {
    return port;
  }

  synchronized boolean running() {
    return sshd != null;
  }

  /** {@code [ADDRESS]:PORT TYPE BASE64}: this node's line in a known_hosts file, once started. */
  synchronized String knownHostsLine() {
    return "[" + address + "]:" + port + " " + PublicKeyEntry.toString(hostKey.getPublic());
  }

  /**
   * Starts its sshd on {@code port} (0: a free one, which {@link #port} then tells); nothing when it
   * runs.
   *
   * @throws IOException when the address and port cannot be bound
   */
  synchronized void start(int wanted) throws IOException {
    if (sshd != null) {
      return;
    }
    SshServer s = SshServer.setUpDefaultServer();
    s.setHost(address);
    s.setPort(wanted);
    s.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    s.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(clientKey, key));
    s.setPasswordAuthenticator(null);
    s.setKeyboardInteractiveAuthenticator(null);
    s.setCommandFactory(new NodeShell(name, load));
    try {
      s.start();
    } catch (IOException | RuntimeException e) {
      stopQuietly(s);
      throw new IOException(name + ": cannot start its sshd on " + address + ":" + wanted + ": " + e.getMessage(), e);
    }
    sshd = s;
    port = s.getPort();
  }

  /** Starts its sshd again on the port it had. */
  synchronized void restart() throws IOException {
    start(port);
  }

  /** Stops its sshd at once: open sessions are cut, new connections refused. Idempotent. */
  synchronized void stop() {
    if (sshd != null) {
      stopQuietly(sshd);
      sshd = null;
    }
  }

  private static void stopQuietly(SshServer s) {
    try {
      s.stop(true);
    } catch (IOException e) {
      // stopping immediately closes the sockets; nothing is left to retry
    }
  }

  @Override
  public void close() {
    stop();
  }
}
