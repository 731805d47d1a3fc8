package org.lvsmon.monitor.exec;

import java.nio.charset.StandardCharsets;

/**
 * What a child wrote to stdout and stderr, capped: {@code head} holds the first bytes (at most the
 * output limit), {@code total} counts every byte read, and {@code complete} says whether reading
 * reached end of file (false when lvsmon stopped reading because a background process kept the pipe
 * open after the child exited).
 */
public record CapturedOutput(byte[] head, long total, boolean complete) {

  public boolean truncated() {
    return total > head.length;
  }

  /**
   * The output as text (UTF-8, malformed bytes replaced); when truncated, a last line names the
   * limit, for example {@code [lvsmon: output truncated at 65536 bytes of 10485760]}.
   */
  public String text() {
    String s = new String(head, StandardCharsets.UTF_8);
    if (!truncated()) {
      return s;
    }
    // The note gets a line of its own, and never becomes the summary (the first line).
    String sep = s.isEmpty() || !s.endsWith("\n") ? "\n" : "";
    return s + sep + "[lvsmon: output truncated at " + head.length + " bytes of " + total + "]\n";
  }
}
