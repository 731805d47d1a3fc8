package org.lvsmon.ipvs.netlink;

/**
 * Bytes that are not a well-formed netlink message: the message says where (offset, attribute) and
 * what was expected. Decoding never reads outside the bytes it was given; it throws this instead.
 */
public final class NetlinkFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NetlinkFormatException(String message) {
    super(message);
  }
}
