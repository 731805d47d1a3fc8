package org.lvsmon.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the physical lines of a mon.cf into the logical lines mon parses: a line whose first non-blank
 * character is {@code #} is skipped wherever it is (even between continuation lines); a line ending in
 * a backslash (optionally followed by whitespace) is joined with the next one, whose leading
 * whitespace is removed and no space inserted; each logical line is trimmed, which also removes the
 * {@code \r} of CRLF files. A logical line carries the number of its last physical line, the one mon
 * names in its errors.
 */
final class LogicalLines {
  private static final Pattern CONTINUED = Pattern.compile("^(.*)\\\\\\s*$", Pattern.DOTALL);

  /** One logical line and the physical line number it ended on. */
  record Line(int number, String text) {}

  /** A logical line that was still open at the end of the file; mon drops it silently. */
  record Result(List<Line> lines, int danglingContinuationLine) {}

  private LogicalLines() {}

  static Result split(String content) {
    List<Line> lines = new ArrayList<>();
    StringBuilder acc = new StringBuilder();
    boolean continuing = false;
    int continuationStart = 0;
    String[] physicalLines = content.split("\n", -1);
    // the empty string after a final newline is not a line
    int count = content.endsWith("\n") ? physicalLines.length - 1 : physicalLines.length;
    for (int number = 1; number <= count; number++) {
      String physical = physicalLines[number - 1];
      if (PerlSpace.trimLeading(physical).startsWith("#")) {
        continue;
      }
      String part = continuing ? PerlSpace.trimLeading(physical) : physical;
      Matcher m = CONTINUED.matcher(part);
      if (m.matches()) {
        if (!continuing) {
          continuationStart = number;
        }
        continuing = true;
        acc.append(m.group(1));
        continue;
      }
      acc.append(part);
      lines.add(new Line(number, PerlSpace.trim(acc.toString())));
      acc.setLength(0);
      continuing = false;
    }
    return new Result(lines, continuing ? continuationStart : 0);
  }
}
