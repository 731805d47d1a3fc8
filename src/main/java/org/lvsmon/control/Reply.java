package org.lvsmon.control;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The server's answer to one request line: zero or more data lines and one final status line
 * ({@code NNN text}), without line terminators, plus what the connection should do once the reply is
 * written. Immutable. No line contains a CR or LF, so every line is framed as one line on the wire.
 */
public record Reply(List<String> lines, After after) {
  private static final Pattern STATUS = Pattern.compile("^\\d{3} .*", Pattern.DOTALL);

  /** What happens once the reply has been written. */
  public enum After {
    /** Read the client's next request. */
    CONTINUE,
    /** Close this connection ({@code quit}). */
    CLOSE,
    /** Close this connection and shut the daemon down ({@code term}). */
    TERMINATE
  }

  public Reply {
    lines = List.copyOf(lines);
    if (lines.isEmpty() || !STATUS.matcher(lines.get(lines.size() - 1)).matches()) {
      throw new IllegalArgumentException("a reply must end with a status line \"NNN text\", got " + lines);
    }
    for (String l : lines) {
      if (l.indexOf('\n') >= 0 || l.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("a reply line must not contain CR or LF: " + l);
      }
    }
  }

  /** A reply of {@code data} lines and then {@code status}. */
  public static Reply of(List<String> data, String status) {
    List<String> all = new ArrayList<>(data.size() + 1);
    all.addAll(data);
    all.add(status);
    return new Reply(all, After.CONTINUE);
  }

  /** A reply that is only a status line. */
  public static Reply status(String status) {
    return new Reply(List.of(status), After.CONTINUE);
  }

  /** This reply, followed by {@code after}. */
  public Reply then(After next) {
    return new Reply(lines, next);
  }

  /** The data lines (all but the status line). */
  public List<String> data() {
    return lines.subList(0, lines.size() - 1);
  }

  /** The final status line, e.g. {@code 220 list watch completed}. */
  public String status() {
    return lines.get(lines.size() - 1);
  }

  /** Whether clients count this as success: the status code is 220. */
  public boolean ok() {
    return status().startsWith("220 ");
  }

  /** The reply as written to the socket: every line ended by {@code \n}. */
  public String wire() {
    StringBuilder b = new StringBuilder();
    for (String l : lines) {
      b.append(l).append('\n');
    }
    return b.toString();
  }
}
