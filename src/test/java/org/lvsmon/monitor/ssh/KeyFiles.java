package org.lvsmon.monitor.ssh;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;

/** Writes key files as ssh-keygen does (OpenSSH's own private key format). */
final class KeyFiles {
  private KeyFiles() {}

  /** Writes {@code key}'s private half to {@code file}, encrypted when {@code passphrase} is not null. */
  static Path writePrivate(KeyPair key, Path file, String passphrase) throws Exception {
    OpenSSHKeyEncryptionContext enc = null;
    if (passphrase != null) {
      enc = new OpenSSHKeyEncryptionContext();
      enc.setPassword(passphrase);
      enc.setCipherName("AES");
      enc.setCipherType("256");
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "test", enc, out);
    }
    return file;
  }
}
