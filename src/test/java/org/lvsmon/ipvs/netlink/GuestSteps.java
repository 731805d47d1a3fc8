package org.lvsmon.ipvs.netlink;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the daemon checks run inside the UML kernel share: commands, and waiting for the kernel table. */
final class GuestSteps {
  private static final long WAIT_MS = 60_000;

  private GuestSteps() {}

  /**
   * Waits (up to a minute) until every expected fragment is in {@code ipvsadm -Sn}; prints the
   * section {@code === NAME}, then {@code ms N} (how long it took) and the table.
   */
  static void step(String name, List<String> expected) throws Exception {
    long t0 = System.nanoTime();
    String table = "";
    while (TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) < WAIT_MS) {
      table = command("ipvsadm", "-Sn");
      String t = table;
      if (expected.stream().allMatch(t::contains)) {
        break;
      }
      Thread.sleep(100); // the daemon's own schedule: nothing to inject a clock into
    }
    System.out.println("=== " + name);
    System.out.println("ms " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    System.out.print(table);
  }

  /** Runs {@code argv}, returns its output; throws when it fails or takes over 30 s. */
  static String command(String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", argv) + " failed: " + out);
    }
    return out;
  }
}
