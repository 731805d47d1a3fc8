package org.lvsmon.monitor.ssh;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SocketFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.lvsmon.monitor.MonitorUsageException;

/**
 * Key-based SSH login with JSch, as {@code ssh -o BatchMode=yes -o StrictHostKeyChecking=yes} logs
 * in: public-key authentication only, with identity files that need no passphrase; no prompt of any
 * kind (no {@code UserInfo}, no password or keyboard-interactive); every host key checked against
 * {@link KnownHosts} and refused unless it matches, with the reason kept ({@link SshStatus}). Host
 * key algorithms the file knows for the host are offered first, as ssh does, and host certificates
 * are not asked for. The caller connects the socket and reads the banner itself, so that its
 * deadlines and failure texts are its own, then hands the socket over.
 *
 * <p>Built once per set of files ({@link #load}); thread-safe, many hosts may log in at once.
 */
public final class SshLogin {
  private static final String CERT_SUFFIX = "-cert-v01@openssh.com";
  /** How long closing a session waits for JSch's reader thread to end. */
  static final Duration THREAD_JOIN = Duration.ofSeconds(2);

  private final SshAuth auth;
  private final KnownHosts knownHosts;
  private final JSch jsch;

  private SshLogin(SshAuth auth, KnownHosts knownHosts, JSch jsch) {
    this.auth = auth;
    this.knownHosts = knownHosts;
    this.jsch = jsch;
  }

  /**
   * Reads the known_hosts file and the identities.
   *
   * @throws MonitorUsageException when a file is missing or unreadable, or a key needs a passphrase
   */
  public static SshLogin load(SshAuth auth) throws MonitorUsageException {
    KnownHosts knownHosts;
    try {
      knownHosts = KnownHosts.read(auth.knownHosts());
    } catch (NoSuchFileException e) {
      throw new MonitorUsageException("known_hosts file " + auth.knownHosts() + " does not exist (host keys are"
          + " checked strictly and never added: create it, e.g. with ssh-keyscan, and check the keys)", e);
    } catch (IOException e) {
      throw new MonitorUsageException("cannot read known_hosts file " + auth.knownHosts() + ": " + e.getMessage(), e);
    }
    if (auth.identities().isEmpty()) {
      throw new MonitorUsageException("no identity file to log in with");
    }
    JSch jsch = new JSch();
    for (Path id : auth.identities()) {
      addIdentity(jsch, id);
    }
    return new SshLogin(auth, knownHosts, jsch);
  }

  private static void addIdentity(JSch jsch, Path id) throws MonitorUsageException {
    if (!Files.isReadable(id)) {
      throw new MonitorUsageException("identity file " + id + (Files.exists(id) ? " is not readable" : " does not exist"));
    }
    try {
      KeyPair kp = KeyPair.load(jsch, id.toString());
      boolean encrypted = kp.isEncrypted();
      kp.dispose();
      if (encrypted) {
        throw new MonitorUsageException("identity file " + id + " is protected by a passphrase; lvsmon never prompts"
            + " (BatchMode): use a key without a passphrase");
      }
      jsch.addIdentity(id.toString());
    } catch (JSchException e) {
      throw new MonitorUsageException("identity file " + id + " cannot be used: " + e.getMessage(), e);
    }
  }

  public SshAuth auth() {
    return auth;
  }

  public KnownHosts knownHosts() {
    return knownHosts;
  }

  /**
   * Logs in to {@code host} over {@code socket}, already connected to its {@code port}, whose first
   * bytes {@code received} the caller has already read (the banner). {@code timeoutMillis} bounds
   * each read of the key exchange and authentication (the caller's watchdog bounds the whole, by
   * closing the socket). {@code phase} hears {@code key exchange}, then {@code authentication}.
   *
   * @throws SshLoginException classified: host key unknown, mismatched or revoked; authentication
   *     failed; timeout; other SSH error. The session is closed then.
   */
  public SshConnection open(String host, int port, Socket socket, byte[] received, int timeoutMillis,
      Consumer<String> phase) throws SshLoginException {
    String name = KnownHosts.lookupName(host, port, auth.hostKeyAlias());
    String[] current = {"key exchange"};
    HostKeyCheck check = new HostKeyCheck(knownHosts, name, () -> {
      current[0] = "authentication";
      phase.accept(current[0]);
    });
    SessionThreads threads = new SessionThreads("lvsmon-ssh-session-" + host);
    Session session;
    try {
      session = jsch.getSession(auth.user(), host, port);
    } catch (JSchException e) {
      throw new SshLoginException(SshStatus.SSH_ERROR, "cannot start an SSH session: " + e.getMessage(), e);
    }
    session.setSocketFactory(new Connected(socket, received));
    session.setHostKeyRepository(check);
    if (auth.hostKeyAlias() != null) {
      session.setHostKeyAlias(auth.hostKeyAlias());
    }
    session.setConfig("StrictHostKeyChecking", "yes");
    session.setConfig("PreferredAuthentications", "publickey");
    session.setConfig("server_host_key", hostKeyAlgorithms(JSch.getConfig("server_host_key"), knownHosts.keyTypes(name)));
    session.setClientVersion("SSH-2.0-lvsmon");
    session.setThreadFactory(threads);
    session.setDaemonThread(true);
    phase.accept(current[0]);
    try {
      session.connect(timeoutMillis);
      return new SshConnection(session, threads, name);
    } catch (JSchException e) {
      session.disconnect();
      threads.join(THREAD_JOIN);
      throw classify(e, check.verdict(), current[0]);
    }
  }

  private SshLoginException classify(JSchException e, HostKeyVerdict verdict, String phase) {
    if (verdict != null && verdict.kind() != HostKeyVerdict.Kind.MATCH) {
      SshStatus s = verdict.kind() == HostKeyVerdict.Kind.MISMATCH ? SshStatus.HOST_KEY_MISMATCH
          : verdict.kind() == HostKeyVerdict.Kind.REVOKED ? SshStatus.HOST_KEY_REVOKED : SshStatus.UNKNOWN_HOST_KEY;
      return new SshLoginException(s, verdict.describe(), e);
    }
    String m = String.valueOf(e.getMessage());
    if (m.startsWith("Auth fail") || m.startsWith("Auth cancel")) {
      String keys = auth.identities().stream().map(Path::toString).collect(Collectors.joining(", "));
      return new SshLoginException(SshStatus.AUTH_FAILED, "user " + auth.user() + ": the server accepted none of the keys "
          + keys + " (" + m + ")", e);
    }
    if (isTimeout(e)) {
      return new SshLoginException(SshStatus.SSH_TIMEOUT, "no answer in time during " + phase, e);
    }
    return new SshLoginException(SshStatus.SSH_ERROR, phase + " failed: " + m, e);
  }

  static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException || String.valueOf(t.getMessage()).startsWith("timeout")) {
        return true;
      }
    }
    return false;
  }

  /**
   * JSch's host key algorithms without certificate ones, those of the {@code known} key types first
   * (an {@code ssh-rsa} key is used by the {@code rsa-sha2-*} algorithms), so that a host known by an
   * RSA key is not refused as unknown because it offers ed25519 first.
   */
  static String hostKeyAlgorithms(String defaults, Set<String> known) {
    List<String> all = new ArrayList<>();
    for (String a : defaults.split(",")) {
      if (!a.isEmpty() && !a.endsWith(CERT_SUFFIX)) {
        all.add(a);
      }
    }
    Set<String> ordered = new LinkedHashSet<>();
    for (String type : known) {
      for (String a : all) {
        if (a.equals(type) || (type.equals("ssh-rsa") && a.startsWith("rsa-sha2-"))) {
          ordered.add(a);
        }
      }
    }
    ordered.addAll(all);
    return String.join(",", ordered);
  }

  /** Hands JSch the socket the caller connected, replaying the bytes already read from it. */
  private static final class Connected implements SocketFactory {
    private final Socket socket;
    private final byte[] received;

    Connected(Socket socket, byte[] received) {
      this.socket = socket;
      this.received = received.clone();
    }

    @Override
    public Socket createSocket(String host, int port) {
      return socket;
    }

    @Override
    public InputStream getInputStream(Socket s) throws IOException {
      return new SequenceInputStream(new ByteArrayInputStream(received), s.getInputStream());
    }

    @Override
    public OutputStream getOutputStream(Socket s) throws IOException {
      return s.getOutputStream();
    }
  }
}
