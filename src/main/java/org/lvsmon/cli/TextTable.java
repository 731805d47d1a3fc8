package org.lvsmon.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for a terminal: left-aligned columns two spaces apart, the last column cut
 * with {@code ...} to fit a width. Cells are shown safely: a control character (which could move
 * the cursor or recolour the terminal) becomes {@code ?}, a tab or line break a space. Colour, when
 * on, is ANSI SGR around a cell's text, never counted in its width. Not thread-safe.
 */
final class TextTable {
  /** A cell's text and its colour (an {@link Colour}, or null for none). */
  record Cell(String text, Colour colour) {
    static Cell of(String text) {
      return new Cell(text, null);
    }
  }

  /** The colours the tables use, with their SGR codes. */
  enum Colour {
    RED("31"), GREEN("32"), YELLOW("33");

    private final String code;

    Colour(String code) {
      this.code = code;
    }
  }

  /** The last column is never cut below this many characters, however narrow the terminal. */
  static final int MIN_LAST = 10;

  private final List<Cell> header = new ArrayList<>();
  private final List<List<Cell>> rows = new ArrayList<>();

  TextTable(String... headers) {
    for (String h : headers) {
      header.add(Cell.of(h));
    }
  }

  /** Adds a row of as many cells as there are headers. */
  void add(Cell... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException("a row of " + header.size() + " cells expected, got " + cells.length);
    }
    List<Cell> row = new ArrayList<>();
    for (Cell c : cells) {
      row.add(new Cell(safe(c.text()), c.colour()));
    }
    rows.add(row);
  }

  /** The table, each line ended by a newline; {@code width} 0 means no limit. */
  String render(int width, boolean colour) {
    int n = header.size();
    int[] w = new int[n];
    for (List<Cell> r : allRows()) {
      for (int i = 0; i < n; i++) {
        w[i] = Math.max(w[i], r.get(i).text().length());
      }
    }
    int used = 0;
    for (int i = 0; i < n - 1; i++) {
      used += w[i] + 2;
    }
    int last = width <= 0 ? Integer.MAX_VALUE : Math.max(MIN_LAST, width - used);
    StringBuilder b = new StringBuilder();
    for (List<Cell> r : allRows()) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < n; i++) {
        Cell c = r.get(i);
        String text = i == n - 1 ? cut(c.text(), last) : c.text();
        line.append(colour && c.colour() != null ? "\u001b[" + c.colour().code + "m" + text + "\u001b[0m" : text);
        if (i < n - 1) {
          line.append(" ".repeat(w[i] - c.text().length() + 2));
        }
      }
      b.append(line.toString().stripTrailing()).append('\n');
    }
    return b.toString();
  }

  private List<List<Cell>> allRows() {
    List<List<Cell>> all = new ArrayList<>(rows.size() + 1);
    all.add(header);
    all.addAll(rows);
    return all;
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }

  private static String safe(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\t' || c == '\n' || c == '\r') {
        b.append(' ');
      } else if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
        b.append('?');
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
