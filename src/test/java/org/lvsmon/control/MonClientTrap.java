package org.lvsmon.control;

import java.nio.charset.StandardCharsets;

/**
 * Builds a trap datagram byte for byte as Mon::Client's {@code send_trap} does (Debian's
 * mon-client): {@code pro}, {@code usr}, {@code pas} only with a user name, then {@code spc} (the
 * opstatus number), {@code seq}, {@code typ}, {@code grp}, {@code svc}, {@code sta}, {@code spc}
 * again, {@code tsp}, {@code sum}, {@code dtl}; each value {@code _esc_str}'d with backslashes
 * doubled and put in single quotes.
 */
final class MonClientTrap {
  /** Mon::Client's {@code %OPSTAT}: fail 0, ok 1. */
  static final int FAIL = 0;
  static final int OK = 1;

  private MonClientTrap() {}

  static byte[] datagram(String user, String password, int opstatus, String group, String service,
      int retval, long time, String summary, String detail) {
    StringBuilder b = new StringBuilder();
    b.append("pro='").append(q("0.3807")).append("'\n");
    b.append("usr='").append(q(user)).append("'\n");
    if (user != null && !user.isEmpty()) {
      b.append("pas='").append(q(password)).append("'\n");
    }
    b.append("spc='").append(opstatus).append("'\n")
        .append("seq='0'\n")
        .append("typ='trap'\n")
        .append("grp='").append(q(group)).append("'\n")
        .append("svc='").append(q(service)).append("'\n")
        .append("sta='").append(retval).append("'\n")
        .append("spc='").append(opstatus).append("'\n")
        .append("tsp='").append(time).append("'\n")
        .append("sum='").append(q(summary)).append("'\n")
        .append("dtl='").append(q(detail)).append("'\n");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String q(String s) {
    return MonEscaping.escape(s, true);
  }
}
