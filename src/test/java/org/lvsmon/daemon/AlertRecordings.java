package org.lvsmon.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the recording alert of test-fixtures/real-mon/run-daemon.sh wrote in a work directory: one
 * {@link Call} per alert invocation, with its argv (without {@code -t}), the first line of stdin, and
 * the MON_* environment and whole stdin from alerts.detail.
 */
final class AlertRecordings {
  private AlertRecordings() {}

  /** One alert call; {@code seconds} is relative to the daemon's start. */
  record Call(long seconds, String alert, String type, String service, String argv, String retval,
      String summary, Map<String, String> env, String stdin) {
    /** Everything that must be equal between mon and lvsmon for the same call. */
    String key() {
      return alert + " " + type + " " + service + " " + argv + " retval=" + retval + " summary=" + summary;
    }

    @Override
    public String toString() {
      return "+" + seconds + "s " + key();
    }
  }

  static List<Call> read(Path work, long startEpoch) throws IOException {
    Path tsv = work.resolve("alerts.tsv");
    if (!Files.exists(tsv)) {
      return List.of();
    }
    List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
    List<Detail> details = details(work.resolve("alerts.detail"));
    List<Call> calls = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String[] f = lines.get(i).split("\t", -1);
      Detail d = i < details.size() ? details.get(i) : new Detail(Map.of(), "");
      // the monitors print MON_STATEDIR and friends, which name each daemon's own work directory
      // and epoch times, which differ between two daemons started a moment apart
      String stdin = d.stdin.replace(work.toString(), "$WORK").replaceAll("\\b1[0-9]{9}\\b", "<epoch>");
      calls.add(new Call(Long.parseLong(f[0]) - startEpoch, f[1], f[2], f[3], f[4], f[5], f[6].replace(work.toString(), "$WORK"), d.env, stdin));
    }
    calls.sort((a, b) -> Long.compare(a.seconds(), b.seconds()));
    return calls;
  }

  private record Detail(Map<String, String> env, String stdin) {}

  private static List<Detail> details(Path file) throws IOException {
    List<Detail> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    Map<String, String> env = null;
    StringBuilder stdin = null;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.startsWith("=== ")) {
        if (env != null) {
          out.add(new Detail(env, stdin.toString()));
        }
        env = new TreeMap<>();
        stdin = new StringBuilder();
      } else if (env != null && line.startsWith("stdin| ")) {
        stdin.append(line.substring(7)).append('\n');
      } else if (env != null && line.startsWith("MON_") && line.contains("=")) {
        int eq = line.indexOf('=');
        env.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    if (env != null) {
      out.add(new Detail(env, stdin.toString()));
    }
    return out;
  }
}
