package org.lvsmon.monitor.exec;

/**
 * How a child ended, decoded from the JDK's exit value, which is the exit code for a normal exit
 * and 128 + the signal number for a death by signal. The JDK gives no way to tell a process killed
 * by signal N from one that called {@code exit(128 + N)}; values 129 to 192 are read as signals.
 */
public record ExitStatus(int code, int signal) {
  private static final int MAX_SIGNAL = 64;
  private static final String[] NAMES = {
    "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM"
  };

  public static ExitStatus fromJdk(int exitValue) {
    if (exitValue > 128 && exitValue <= 128 + MAX_SIGNAL) {
      return new ExitStatus(0, exitValue - 128);
    }
    return new ExitStatus(exitValue, 0);
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
