package org.lvsmon.ipvs.netlink;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The libc socket calls the JDK lacks for AF_NETLINK. {@code size_t} is mapped to {@code long}
 * (LP64 Linux: x86-64, aarch64), and structs are passed as native-order byte arrays.
 */
interface NetlinkLibC extends Library {
  int AF_NETLINK = 16;
  int SOCK_RAW = 3;
  int SOCK_CLOEXEC = 02000000;
  int SOL_SOCKET = 1;
  int SO_RCVTIMEO = 20;
  int SO_SNDTIMEO = 21;
  int SOL_NETLINK = 270;
  int NETLINK_CAP_ACK = 10;
  int NETLINK_EXT_ACK = 11;
  int MSG_TRUNC = 0x20;

  int socket(int domain, int type, int protocol) throws LastErrorException;

  int bind(int fd, byte[] address, int length) throws LastErrorException;

  int getsockname(int fd, byte[] address, int[] length) throws LastErrorException;

  int setsockopt(int fd, int level, int name, byte[] value, int length) throws LastErrorException;

  long sendto(int fd, byte[] buffer, long length, int flags, byte[] address, int addressLength)
      throws LastErrorException;

  long recv(int fd, byte[] buffer, long length, int flags) throws LastErrorException;

  int close(int fd) throws LastErrorException;

  static NetlinkLibC load() {
    return Native.load("c", NetlinkLibC.class);
  }
}
