package org.lvsmon.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;

/**
 * The demo's login nodes: {@code node1} to {@code nodeN} on 127.0.0.11, 127.0.0.12, ... (each its
 * own loopback address, so each is a host of its own), all on one free port, each with a fresh host
 * key; and, in a directory, the files lvsmon logs in with as it would at a site: the client's
 * private key ({@value #IDENTITY}, OpenSSH format, mode 0600) and a {@value #KNOWN_HOSTS} file
 * holding every node's host key, so host keys are checked strictly. Thread-safe.
 */
final class DemoCluster implements AutoCloseable {
  static final String IDENTITY = "id_ecdsa";
  static final String KNOWN_HOSTS = "known_hosts";
  /** The first node's address; node i has 127.0.0.(10 + i). */
  static final int FIRST_OCTET = 11;
  private static final int PORT_ATTEMPTS = 10;

  private final List<DemoNode> nodes;

  private DemoCluster(List<DemoNode> nodes) {
    this.nodes = List.copyOf(nodes);
  }

  /**
   * Starts {@code loads.size()} nodes, node i with {@code loads.get(i - 1)}, and writes the key
   * files into {@code dir}.
   *
   * @throws IOException when no port is free on every node's address, or a file cannot be written
   */
  static DemoCluster start(List<LoadCurve> loads, Path dir) throws IOException {
    KeyPair client = newKey();
    List<DemoNode> nodes = new ArrayList<>();
    for (int i = 0; i < loads.size(); i++) {
      nodes.add(new DemoNode("node" + (i + 1), "127.0.0." + (FIRST_OCTET + i), newKey(), client.getPublic(),
          loads.get(i)));
    }
    DemoCluster cluster = new DemoCluster(nodes);
    try {
      cluster.bindOnePort();
      writePrivate(client, dir.resolve(IDENTITY));
      StringBuilder known = new StringBuilder();
      nodes.forEach(n -> known.append(n.knownHostsLine()).append('\n'));
      Files.writeString(dir.resolve(KNOWN_HOSTS), known);
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /**
   * The first node takes a free port; the others try the same one; on a clash all start over. The
   * first node failing is not a clash (its address cannot be bound), so that is not retried.
   */
  private void bindOnePort() throws IOException {
    IOException last = null;
    for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
      nodes.get(0).start(0);
      try {
        for (DemoNode n : nodes.subList(1, nodes.size())) {
          n.start(nodes.get(0).port());
        }
        return;
      } catch (IOException e) {
        last = e;
        nodes.forEach(DemoNode::stop);
      }
    }
    throw new IOException("no port free on every node's address after " + PORT_ATTEMPTS + " tries (last: "
        + last.getMessage() + ")", last);
  }

  List<DemoNode> nodes() {
    return nodes;
  }

  /** The port every node's sshd listens on. */
  int port() {
    return nodes.get(0).port();
  }

  Optional<DemoNode> node(String name) {
    return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
  }

  /**
   * A fresh ECDSA P-256 key pair ({@code ecdsa-sha2-nistp256}): MINA handles Ed25519 only with
   * net.i2p or Bouncy Castle, which lvsmon does not depend on.
   */
  private static KeyPair newKey() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate an ECDSA P-256 key: " + e.getMessage(), e);
    }
  }

  /** Writes {@code key}'s private half as ssh-keygen does, readable by its owner only. */
  private static void writePrivate(KeyPair key, Path file) throws IOException {
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (OutputStream out = Files.newOutputStream(file)) {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "lvsmon-demo", null, out);
    } catch (GeneralSecurityException e) {
      throw new IOException(file + ": cannot write the demo's private key: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    nodes.forEach(DemoNode::close);
  }
}
