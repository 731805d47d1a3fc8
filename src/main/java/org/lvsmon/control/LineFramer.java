package org.lvsmon.control;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Cuts a client's byte stream into request lines at each LF. A line is decoded as ISO-8859-1, so
 * every byte (NUL and non-UTF-8 included) reaches the handler as one char and nothing can fail to
 * decode. A line that grows past the limit is reported once, as soon as it does, and its bytes are
 * dropped up to the next LF, where framing starts again (as Netty's {@code LineBasedFrameDecoder}
 * with fail-fast). Not thread-safe.
 */
final class LineFramer {
  /** Receives what {@link #feed} finds, in stream order. */
  interface Sink {
    /** One complete line, without its LF (a CR before the LF is kept: the handler strips it). */
    void line(String line);

    /** A line passed the limit; its bytes up to the next LF are being dropped. */
    void tooLong();
  }

  private static final int INITIAL = 256;
  private static final int KEEP = 4096; // a buffer grown past this is let go after its line

  private final int maxLineBytes;
  private byte[] partial = new byte[INITIAL];
  private int length;
  private boolean discarding;

  /** A framer for lines of at most {@code maxLineBytes} bytes before the LF. */
  LineFramer(int maxLineBytes) {
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes must be at least 1, got " + maxLineBytes);
    }
    this.maxLineBytes = maxLineBytes;
  }

  /** Consumes every remaining byte of {@code in}, reporting each complete or over-long line to {@code sink}. */
  void feed(ByteBuffer in, Sink sink) {
    while (in.hasRemaining()) {
      byte b = in.get();
      if (b == '\n') {
        if (!discarding) {
          sink.line(new String(partial, 0, length, StandardCharsets.ISO_8859_1));
        }
        discarding = false;
        reset();
      } else if (!discarding) {
        if (length == maxLineBytes) {
          discarding = true;
          reset();
          sink.tooLong();
        } else {
          append(b);
        }
      }
    }
  }

  /** Bytes held of a line not yet ended by LF (0 while discarding). */
  int partialBytes() {
    return length;
  }

  private void append(byte b) {
    if (length == partial.length) {
      partial = Arrays.copyOf(partial, Math.min(maxLineBytes, 2 * partial.length));
    }
    partial[length++] = b;
  }

  private void reset() {
    length = 0;
    if (partial.length > KEEP) {
      partial = new byte[INITIAL];
    }
  }
}
