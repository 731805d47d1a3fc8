package org.lvsmon.monitor.exec;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;

/**
 * Empties the calling thread's inheritable capability set, and with it the ambient set (which the
 * kernel keeps inside it), so that a non-root process can start children that get none of its
 * capabilities without a setpriv exec in front of each. Capabilities belong to threads, and a new
 * thread copies its creator's, so this is done on the thread that starts the child, not once at
 * start-up. The thread keeps its effective and permitted sets, which the daemon itself needs.
 */
final class ThreadCapabilities {
  private static final int VERSION_3 = 0x20080522;
  private static final int HEADER_SIZE = 8;
  private static final int DATA_SIZE = 24; // two __user_cap_data_struct of effective, permitted, inheritable
  private static final int INHERITABLE_LOW = 8;
  private static final int INHERITABLE_HIGH = 20;

  private ThreadCapabilities() {}

  /**
   * Empties this thread's inheritable and ambient sets; returns whether there was anything to
   * empty (one capget when there was not).
   *
   * @throws IllegalStateException when the kernel refuses
   */
  static boolean withholdFromChildren() {
    try (Memory header = new Memory(HEADER_SIZE); Memory data = new Memory(DATA_SIZE)) {
      header.setInt(0, VERSION_3);
      header.setInt(4, 0); // this thread
      LibC.capget(header, data);
      if (data.getInt(INHERITABLE_LOW) == 0 && data.getInt(INHERITABLE_HIGH) == 0) {
        return false; // and so the ambient set, a subset of it, is empty too
      }
      data.setInt(INHERITABLE_LOW, 0);
      data.setInt(INHERITABLE_HIGH, 0);
      header.setInt(0, VERSION_3);
      header.setInt(4, 0);
      LibC.capset(header, data); // lowering the inheritable set also lowers the ambient set
      return true;
    } catch (LastErrorException e) {
      throw new IllegalStateException("cannot empty the inheritable capability set of thread "
          + Thread.currentThread().getName() + ": " + LibC.describe(e.getErrorCode()), e);
    }
  }
}
