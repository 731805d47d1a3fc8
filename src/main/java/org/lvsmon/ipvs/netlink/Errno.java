package org.lvsmon.ipvs.netlink;

import java.util.Map;

/** The Linux errno values netlink and IPVS return, by name (asm-generic numbering: x86, arm, ...). */
final class Errno {
  private Errno() {}

  static final int EPERM = 1;
  static final int ENOENT = 2;
  static final int ESRCH = 3;
  static final int EINTR = 4;
  static final int EAGAIN = 11;
  static final int EACCES = 13;
  static final int EEXIST = 17;
  static final int EINVAL = 22;
  static final int ERANGE = 34;
  static final int EPROTONOSUPPORT = 93;
  static final int EOPNOTSUPP = 95;
  static final int EAFNOSUPPORT = 97;
  static final int ENOBUFS = 105;

  private static final Map<Integer, String> NAMES = Map.ofEntries(Map.entry(EPERM, "EPERM"),
      Map.entry(ENOENT, "ENOENT"), Map.entry(ESRCH, "ESRCH"), Map.entry(EINTR, "EINTR"), Map.entry(5, "EIO"),
      Map.entry(EAGAIN, "EAGAIN"), Map.entry(12, "ENOMEM"), Map.entry(EACCES, "EACCES"), Map.entry(16, "EBUSY"),
      Map.entry(EEXIST, "EEXIST"), Map.entry(19, "ENODEV"), Map.entry(EINVAL, "EINVAL"), Map.entry(28, "ENOSPC"),
      Map.entry(ERANGE, "ERANGE"), Map.entry(71, "EPROTO"), Map.entry(90, "EMSGSIZE"),
      Map.entry(EPROTONOSUPPORT, "EPROTONOSUPPORT"), Map.entry(EOPNOTSUPP, "EOPNOTSUPP"),
      Map.entry(EAFNOSUPPORT, "EAFNOSUPPORT"), Map.entry(ENOBUFS, "ENOBUFS"), Map.entry(110, "ETIMEDOUT"));

  /** {@code ESRCH (errno 3)}, or {@code errno 300} for a number without a name here. */
  static String describe(int errno) {
    String name = NAMES.get(errno);
    return name == null ? "errno " + errno : name + " (errno " + errno + ")";
  }
}
