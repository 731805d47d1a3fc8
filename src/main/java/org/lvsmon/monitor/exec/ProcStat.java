package org.lvsmon.monitor.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The fields of {@code /proc/PID/stat} that matter here: pid, state, process group, session. */
record ProcStat(long pid, char state, long pgrp, long session) {

  /** Whether the process still runs (is neither a zombie nor dead). */
  boolean live() {
    return state != 'Z' && state != 'X' && state != 'x';
  }

  /** Parses one stat line; the command name may contain spaces and parentheses. */
  static ProcStat parse(String line) {
    int open = line.indexOf('(');
    int close = line.lastIndexOf(')');
    if (open < 0 || close < open) {
      throw new IllegalArgumentException("not a /proc stat line: " + line);
    }
    String[] f = line.substring(close + 2).split(" ");
    return new ProcStat(
        Long.parseLong(line.substring(0, open).strip()), f[0].charAt(0), Long.parseLong(f[2]), Long.parseLong(f[3]));
  }

  /** The stat of the process at {@code file}, or null if it has gone. */
  static ProcStat read(Path file) {
    try {
      return parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return null; // exited while the caller scanned /proc
    }
  }
}
