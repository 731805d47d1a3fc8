package org.lvsmon.monitor.exec;

import com.sun.jna.Pointer;
import java.util.Arrays;

/**
 * The first {@code limit} bytes of a child's merged stdout and stderr, and a count of every byte
 * read: the rest is discarded, so a chatty child never blocks on a full pipe. Thread-safe.
 */
final class OutputHead {
  private final int limit;
  private byte[] head = new byte[0];
  private int length;
  private long total;

  OutputHead(int limit) {
    this.limit = limit;
  }

  /** Counts {@code n} bytes read into {@code buf}, keeping those that fit under the limit. */
  synchronized void append(Pointer buf, int n) {
    total += n;
    int keep = Math.min(n, limit - length);
    if (keep <= 0) {
      return;
    }
    if (length + keep > head.length) {
      head = Arrays.copyOf(head, Math.min(limit, Math.max(length + keep, head.length * 2)));
    }
    buf.read(0, head, length, keep);
    length += keep;
  }

  /** What was read so far; {@code complete} says whether reading reached end of file. */
  synchronized CapturedOutput snapshot(boolean complete) {
    return new CapturedOutput(Arrays.copyOf(head, length), total, complete);
  }
}
