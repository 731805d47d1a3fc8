package org.lvsmon.monitor.exec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a child's stdin on its own thread and then closes it, so that a child that does not read
 * never blocks the caller. Ends when everything is written, when the child stops reading (broken
 * pipe), or when {@link #stop} closes the channel.
 */
final class StdinFeeder {
  private static final Logger log = LoggerFactory.getLogger(StdinFeeder.class);

  private final String name;
  private final FileChannel channel;
  private final byte[] data;
  private final Thread thread;

  StdinFeeder(String name, FileChannel channel, String data) {
    this.name = name;
    this.channel = channel;
    this.data = data.getBytes(StandardCharsets.UTF_8);
    this.thread = Child.daemonThread(this::feed, "lvsmon-stdin-" + name);
  }

  void start() {
    thread.start();
  }

  /** Stops writing and waits briefly for the thread to end. */
  void stop() {
    Child.closeQuietly(channel);
    Child.join(thread, Child.STOP_WAIT);
  }

  private void feed() {
    ByteBuffer buf = ByteBuffer.wrap(data);
    try {
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
    } catch (ClosedChannelException e) {
      // stop() closed it: the child has ended or is being abandoned
    } catch (IOException | RuntimeException e) {
      log.debug("[{}] stdin not fully written ({} of {} bytes): {}", name, buf.position(), data.length, e.toString());
    } finally {
      Child.closeQuietly(channel);
    }
  }
}
