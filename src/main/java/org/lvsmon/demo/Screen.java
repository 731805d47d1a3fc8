package org.lvsmon.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the demo shows what happens. On a terminal ({@code live}), the whole screen is redrawn at
 * every frame: a title, the simulated nodes, lvsmon's status table, the story so far and the
 * daemon's last log lines. Otherwise (output to a file or a pipe) nothing is redrawn: each story
 * line is printed as it happens and each frame is printed in full below the last, the daemon's log
 * lines only once. Not thread-safe: one thread draws.
 */
final class Screen {
  private static final String CLEAR = "\033[H\033[2J";
  /** The daemon log lines a live frame shows. */
  static final int LOG_LINES = 6;

  private final PrintStream out;
  private final boolean live;
  private final Duration length;
  private final int width;
  private final List<String> story = new ArrayList<>();
  private int logShown;

  /** {@code width}: live frames cut longer lines to it (0: never). */
  Screen(PrintStream out, boolean live, Duration length, int width) {
    this.out = out;
    this.live = live;
    this.length = length;
    this.width = width;
  }

  /** A story line at {@code at}; printed at once unless live (then with the next frame). */
  void event(Duration at, String text) {
    String line = clock(at) + "  " + text;
    story.add(line);
    if (!live) {
      out.println(line);
      out.flush();
    }
  }

  /**
   * A frame at {@code at}: the nodes' lines, lvsmon's status table, and the daemon's log lines so
   * far ({@code log}, oldest first, growing).
   */
  void frame(Duration at, List<String> nodes, String status, List<String> log) {
    StringBuilder b = new StringBuilder();
    if (live) {
      b.append(CLEAR);
    } else {
      b.append('\n');
    }
    b.append("lvsmon demo  ").append(clock(at)).append(" of ").append(clock(length))
        .append("  (Ctrl-C ends it)\n\n");
    b.append("simulated login nodes:\n");
    nodes.forEach(n -> b.append(cut("  " + n)).append('\n'));
    b.append('\n').append(status);
    if (live) {
      b.append("\nstory:\n");
      story.forEach(s -> b.append(cut("  " + s)).append('\n'));
      b.append("\nlvsmon's log (last lines):\n");
      log.subList(Math.max(0, log.size() - LOG_LINES), log.size()).forEach(l -> b.append(cut("  " + l)).append('\n'));
    } else {
      log.subList(Math.min(logShown, log.size()), log.size()).forEach(l -> b.append("  log: ").append(l).append('\n'));
      logShown = log.size();
    }
    out.print(b);
    out.flush();
  }

  private String cut(String line) {
    return width <= 3 || line.length() <= width ? line : line.substring(0, width - 3) + "...";
  }

  /** A line after the last frame. */
  void end(String text) {
    out.println();
    out.println(text);
    out.flush();
  }

  /** {@code m:ss}. */
  static String clock(Duration d) {
    long s = Math.max(0, d.toSeconds());
    return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
