package org.lvsmon.monitor.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The non-root way of keeping capabilities from children, tried on a thread of its own that is
 * given an inheritable and ambient CAP_NET_ADMIN first (capabilities are per thread, so the rest
 * of the test JVM is untouched). Needs CAP_NET_ADMIN in the permitted set, e.g. root.
 */
@Tag("process")
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ThreadCapabilitiesProcessTest {
  private static final long NET_ADMIN = 1L << 12;
  private static final String GREP_CAPS = "^Cap(Inh|Amb):";

  interface Caps extends Library {
    Caps INSTANCE = Native.load("c", Caps.class);
    int PR_CAP_AMBIENT = 47;
    int PR_CAP_AMBIENT_RAISE = 2;

    int capget(Pointer header, Pointer data);

    int capset(Pointer header, Pointer data);

    int prctl(int option, long arg2, long arg3, long arg4, long arg5);
  }

  @Test
  void clearingLauncher_startsChildrenWithEmptyInheritableAndAmbientSets_andTheThreadKeepsItsEffectiveSet()
      throws Exception {
    String clearedChild = onThreadWithInheritableNetAdmin(new ChildPrivileges(List.of(), true));
    assertThat(clearedChild).isEqualTo("CapInh:\t0000000000000000\nCapAmb:\t0000000000000000\n"
        + "thread CapInh:\t0000000000000000 CapAmb:\t0000000000000000 keeps NET_ADMIN: true\n");
  }

  @Test
  void plainLauncher_onTheSameKindOfThread_passesTheInheritableSetOn_soTheTestSeesTheDifference() throws Exception {
    String child = onThreadWithInheritableNetAdmin(ChildPrivileges.unchanged());
    assertThat(child).startsWith("CapInh:\t0000000000001000\n");
  }

  /** Raises inheritable and ambient CAP_NET_ADMIN on a fresh thread, starts a child there, and reports. */
  private static String onThreadWithInheritableNetAdmin(ChildPrivileges privileges) throws Exception {
    assumeTrue((capField("CapPrm") & NET_ADMIN) != 0, "needs CAP_NET_ADMIN in the permitted set (run as root)");
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try (ChildLauncher launcher = new ChildLauncher(privileges, System.getenv(), new PosixSpawn(),
        new ChildReactor("test-caps"), new ProcessGroups(Path.of("/proc")))) {
      return thread.submit(() -> {
        raiseInheritableAndAmbientNetAdmin();
        assertThat(capField("CapAmb") & NET_ADMIN).as("ambient raised").isEqualTo(NET_ADMIN);
        String out;
        try (Child child = launcher.start(new ChildSpec("caps", List.of("/bin/grep", "-E", GREP_CAPS, "/proc/self/status"),
            Map.of(), null, 4096))) {
          child.waitFor();
          out = child.finishOutput(Duration.ofSeconds(1)).text();
        }
        return out + "thread CapInh:\t" + String.format("%016x", capField("CapInh"))
            + " CapAmb:\t" + String.format("%016x", capField("CapAmb"))
            + " keeps NET_ADMIN: " + ((capField("CapEff") & NET_ADMIN) != 0) + "\n";
      }).get();
    } finally {
      thread.shutdownNow(); // the thread and its raised sets go away
    }
  }

  private static void raiseInheritableAndAmbientNetAdmin() {
    try (Memory header = new Memory(8); Memory data = new Memory(24)) {
      header.setInt(0, 0x20080522);
      header.setInt(4, 0);
      assertThat(Caps.INSTANCE.capget(header, data)).isZero();
      data.setInt(8, data.getInt(8) | (int) NET_ADMIN);
      assertThat(Caps.INSTANCE.capset(header, data)).isZero();
      assertThat(Caps.INSTANCE.prctl(Caps.PR_CAP_AMBIENT, Caps.PR_CAP_AMBIENT_RAISE, 12, 0, 0)).isZero();
    }
  }

  private static long capField(String name) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/thread-self/status"))) {
      if (line.startsWith(name + ":")) {
        return Long.parseUnsignedLong(line.substring(name.length() + 1).strip(), 16);
      }
    }
    throw new IllegalStateException(name + " not in /proc/thread-self/status");
  }
}
