package org.lvsmon.ipvs.ipvsadm;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** Runs ipvsadm once: the seam between {@link IpvsadmIpvs} and a process (tests script it). */
public interface IpvsadmRunner {
  /**
   * Runs ipvsadm with {@code args} (no shell), {@code stdin} written to it ({@code null}: none), and
   * waits for it to end.
   *
   * @throws IOException when it cannot be started (the message names the program)
   * @throws TimedOut when it still ran after the runner's time limit (it was killed)
   */
  Output run(List<String> args, String stdin) throws IOException, TimedOut, InterruptedException;

  /** What the program it runs is called in messages: its path. */
  String program();

  /** One run's exit status and output. */
  record Output(int exit, String stdout, String stderr) {}

  /** ipvsadm outlived the time limit and was killed. */
  final class TimedOut extends Exception {
    private static final long serialVersionUID = 1L;
    private final Duration limit;

    public TimedOut(String message, Duration limit) {
      super(message);
      this.limit = limit;
    }

    public Duration limit() {
      return limit;
    }
  }
}
