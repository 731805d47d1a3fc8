package org.lvsmon.control;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;
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
    if (!(lines instanceof CheckedLines)) { // else the lines of a reply, checked when it was made
      lines = List.copyOf(lines);
      for (String l : lines) {
        checkOneLine(l);
      }
    }
    if (lines.isEmpty() || !STATUS.matcher(lines.get(lines.size() - 1)).matches()) {
      throw new IllegalArgumentException("a reply must end with a status line \"NNN text\", got " + lines);
    }
  }

  /** {@code line}, if it is one line on the wire (no CR, no LF); else IllegalArgumentException. */
  static String checkOneLine(String line) {
    if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("a reply line must not contain CR or LF: " + line);
    }
    return line;
  }

  /** A reply of {@code data} lines and then {@code status}. */
  public static Reply of(List<String> data, String status) {
    List<String> all = new ArrayList<>(data.size() + 1);
    all.addAll(data);
    all.add(status);
    return new Reply(all, After.CONTINUE);
  }

  /**
   * {@link #of}, for {@code data} lines each of which the caller has already passed through
   * {@link #checkOneLine} (as {@link OpstatusLines} does once for each line it formats), so that a
   * long reply is not scanned again on every request. Only the status line is checked here.
   */
  static Reply ofCheckedLines(List<String> data, String status) {
    String[] all = data.toArray(new String[data.size() + 1]);
    all[data.size()] = checkOneLine(status);
    return new Reply(new CheckedLines(all), After.CONTINUE);
  }

  /** Lines known to contain no CR or LF. Immutable; only this class makes them. */
  private static final class CheckedLines extends AbstractList<String> implements RandomAccess {
    private final String[] lines;

    CheckedLines(String[] lines) {
      this.lines = lines;
    }

    @Override
    public String get(int index) {
      return lines[index];
    }

    @Override
    public int size() {
      return lines.length;
    }
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
