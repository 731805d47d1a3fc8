package org.lvsmon.monitor.ssh;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the OpenSSH client files are for the user lvsmon runs as: {@code home} ({@code ~}) and the
 * login {@code user}. Only a composition root reads them from the system ({@link #fromSystem}).
 */
public record SshDefaults(Path home, String user) {
  /** The JVM's {@code user.home} and {@code user.name}. */
  public static SshDefaults fromSystem() {
    return new SshDefaults(Path.of(System.getProperty("user.home")), System.getProperty("user.name"));
  }

  /** {@code ~/.ssh/id_ed25519} and {@code ~/.ssh/id_rsa}, in that order (those that exist are used). */
  public List<Path> identities() {
    return List.of(home.resolve(".ssh/id_ed25519"), home.resolve(".ssh/id_rsa"));
  }

  public Path knownHosts() {
    return home.resolve(".ssh/known_hosts");
  }
}
