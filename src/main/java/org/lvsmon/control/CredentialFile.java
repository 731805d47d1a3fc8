package org.lvsmon.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a small credentials file (mon's userfile, the shadow file) whole, with a size limit, as
 * lines split on {@code \n} as Perl's {@code <FH>} does: a CR stays part of its line. Bytes that are
 * not UTF-8 are replaced, never fatal.
 */
final class CredentialFile {
  /** Far above any real userfile or shadow file; a bigger file is refused rather than read. */
  static final long MAX_BYTES = 4L << 20;

  private CredentialFile() {}

  /**
   * The lines of {@code file}.
   *
   * @throws IOException if it cannot be read or is over {@link #MAX_BYTES}; the message names the
   *     file and the reason
   */
  static List<String> lines(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_BYTES) {
      throw new IOException(size + " bytes, over the limit of " + MAX_BYTES);
    }
    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    return List.of(text.split("\n", -1));
  }

  /** Why {@code file} could not be read, naming it, for a log line. */
  static String reason(Path file, IOException e) {
    if (e instanceof AccessDeniedException) {
      return "cannot read " + file + ": permission denied (lvsmon runs as \""
          + System.getProperty("user.name") + "\", not root)";
    }
    if (e instanceof NoSuchFileException) {
      return "cannot read " + file + ": no such file";
    }
    return "cannot read " + file + ": " + e.getMessage();
  }
}
