package org.lvsmon.monitor.exec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a child's merged stdout and stderr on its own thread until end of file, keeping the first
 * {@code limit} bytes and discarding (but counting) the rest, so that a chatty child never blocks
 * on a full pipe. {@link #finish} stops reading by closing the channel, which wakes a blocked read.
 */
final class OutputPump {
  private static final Logger log = LoggerFactory.getLogger(OutputPump.class);

  private final String name;
  private final FileChannel channel;
  private final int limit;
  private final Thread thread;
  private byte[] head = new byte[0];
  private int length;
  private long total;
  private boolean eof;

  OutputPump(String name, FileChannel channel, int limit) {
    this.name = name;
    this.channel = channel;
    this.limit = limit;
    this.thread = Child.daemonThread(this::pump, "lvsmon-output-" + name);
  }

  void start() {
    thread.start();
  }

  /**
   * Waits up to {@code drain} for end of file, then stops reading, and returns what was read. Safe
   * on an interrupted thread: the wait is bounded and the interrupt flag is kept.
   */
  CapturedOutput finish(Duration drain) {
    if (!Child.join(thread, drain)) {
      Child.closeQuietly(channel);
      Child.join(thread, Child.STOP_WAIT);
    }
    synchronized (this) {
      return new CapturedOutput(Arrays.copyOf(head, length), total, eof);
    }
  }

  /** Stops reading now. */
  void stop() {
    Child.closeQuietly(channel);
    Child.join(thread, Child.STOP_WAIT);
  }

  private void pump() {
    ByteBuffer buf = ByteBuffer.allocate(8192);
    try {
      while (true) {
        buf.clear();
        int n = channel.read(buf);
        if (n < 0) {
          synchronized (this) {
            eof = true;
          }
          return;
        }
        append(buf.array(), n);
      }
    } catch (ClosedChannelException e) {
      // finish() or stop() closed the channel: reading was meant to end here
    } catch (IOException | RuntimeException e) {
      log.warn("[{}] reading the output failed; keeping what was read", name, e);
    } finally {
      Child.closeQuietly(channel);
    }
  }

  private synchronized void append(byte[] bytes, int n) {
    total += n;
    int keep = Math.min(n, limit - length);
    if (keep <= 0) {
      return;
    }
    if (length + keep > head.length) {
      head = Arrays.copyOf(head, Math.min(limit, Math.max(length + keep, head.length * 2)));
    }
    System.arraycopy(bytes, 0, head, length, keep);
    length += keep;
  }
}
