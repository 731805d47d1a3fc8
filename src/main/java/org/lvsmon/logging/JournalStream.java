package org.lvsmon.logging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Whether stderr is connected to systemd's journal: systemd sets {@code JOURNAL_STREAM} to the
 * {@code DEVICE:INODE} of the stream it connects, so a program whose stderr went elsewhere (a
 * monitor the daemon started and whose output it reads, a redirection) is told apart from the
 * daemon itself even though it inherited the variable.
 */
final class JournalStream {
  static final String VARIABLE = "JOURNAL_STREAM";

  private JournalStream() {}

  /**
   * True when {@code journalStream} (the variable's value, null when unset) names {@code stderr}
   * (a path that stat()s as fd 2, such as {@code /proc/self/fd/2}). When {@code stderr} cannot be
   * looked at, the variable alone decides: systemd set it for us or for a parent.
   */
  static boolean isStderr(String journalStream, Path stderr) {
    if (journalStream == null || journalStream.isBlank()) {
      return false;
    }
    Map<String, Object> attrs;
    try {
      attrs = Files.readAttributes(stderr, "unix:dev,ino");
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return true;
    }
    return journalStream.strip().equals(attrs.get("dev") + ":" + attrs.get("ino"));
  }
}
