package org.lvsmon.monitor;

import java.util.ArrayList;
import java.util.List;

/**
 * The output of a mon monitor that checks hosts, byte for byte as mon's {@code tcp.monitor} prints
 * it: nothing when every host passed; otherwise the failing hosts sorted (Perl's default string
 * sort) and joined by spaces, an empty line, then one detail line per failing host in the order the
 * hosts were given.
 */
public final class MonReport {
  private final List<String> failed = new ArrayList<>();
  private final List<String> details = new ArrayList<>();

  /** Records a failing host and its detail line (the line is printed as given). */
  public MonReport fail(String host, String detailLine) {
    failed.add(host);
    details.add(detailLine);
    return this;
  }

  public boolean failed() {
    return !failed.isEmpty();
  }

  /** 0 when no host failed, 1 otherwise. */
  public int exitValue() {
    return failed.isEmpty() ? 0 : 1;
  }

  public String output() {
    if (failed.isEmpty()) {
      return "";
    }
    List<String> sorted = new ArrayList<>(failed);
    // Perl's sort compares strings by code point; String.compareTo compares UTF-16 units
    sorted.sort(MonReport::perlCompare);
    return String.join(" ", sorted) + "\n\n" + String.join("\n", details) + "\n";
  }

  static int perlCompare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
