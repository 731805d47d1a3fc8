package org.lvsmon.monitor.exec;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.List;

/**
 * Strings laid out as C wants argv and envp: a NULL-terminated table of pointers followed by the
 * NUL-terminated strings, in one native block. Not thread-safe; {@link #close} frees the block.
 */
final class NativeStrings implements AutoCloseable {
  private final Memory block;

  /** @param strings the bytes of each string, without a NUL (the caller cut at the first NUL) */
  NativeStrings(List<byte[]> strings) {
    long table = (long) (strings.size() + 1) * Native.POINTER_SIZE;
    long size = table;
    for (byte[] s : strings) {
      size += s.length + 1;
    }
    block = new Memory(size);
    long at = table;
    for (int i = 0; i < strings.size(); i++) {
      byte[] s = strings.get(i);
      block.write(at, s, 0, s.length);
      block.setByte(at + s.length, (byte) 0);
      block.setPointer((long) i * Native.POINTER_SIZE, block.share(at));
      at += s.length + 1;
    }
    block.setPointer((long) strings.size() * Native.POINTER_SIZE, null);
  }

  /** The pointer table ({@code char **}). */
  Pointer table() {
    return block;
  }

  /** The {@code i}th string ({@code char *}). */
  Pointer get(int i) {
    return block.getPointer((long) i * Native.POINTER_SIZE);
  }

  @Override
  public void close() {
    block.close();
  }
}
