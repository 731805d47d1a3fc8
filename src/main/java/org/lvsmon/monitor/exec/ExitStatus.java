package org.lvsmon.monitor.exec;

/**
 * How a child ended: its exit code ({@code signal} 0), or the signal that killed it ({@code code}
 * 0). Read from waitid(2), so a child killed by signal N is told apart from one that called {@code
 * exit(128 + N)}.
 */
public record ExitStatus(int code, int signal) {
  private static final String[] NAMES = {
    "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM"
  };

  public static ExitStatus exited(int code) {
    return new ExitStatus(code, 0);
  }

  public static ExitStatus killed(int signal) {
    return new ExitStatus(0, signal);
  }

  /**
   * The status waitid(2) reports in {@code si_code} and {@code si_status}: the exit code after
   * {@code CLD_EXITED}, else (killed, or dumped core) the signal.
   */
  static ExitStatus fromWaitid(int siCode, int siStatus) {
    return siCode == LibC.CLD_EXITED ? exited(siStatus) : killed(siStatus);
  }

  public boolean signalled() {
    return signal != 0;
  }

  /**
   * The exit value mon sees ({@code $? >> 8}): the exit code, or 0 after a death by signal, so a
   * monitor killed by a signal counts as a success.
   */
  public int monValue() {
    return signalled() ? 0 : code;
  }

  /** {@code exit 3} or {@code signal 9 (SIGKILL)}. */
  @Override
  public String toString() {
    if (!signalled()) {
      return "exit " + code;
    }
    return "signal " + signal + (signal <= NAMES.length ? " (SIG" + NAMES[signal - 1] + ")" : "");
  }
}
