package org.lvsmon.ipvs.netlink;

/** The kernel refused a netlink request: an {@code NLMSG_ERROR} with a negative code, or a failed dump. */
public final class NetlinkErrnoException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int errno;
  private final String kernelMessage;

  /**
   * @param errno the positive errno
   * @param kernelMessage the kernel's extended-ack text, or empty
   */
  public NetlinkErrnoException(int errno, String kernelMessage) {
    super(Errno.describe(errno) + (kernelMessage.isEmpty() ? "" : ": " + kernelMessage));
    this.errno = errno;
    this.kernelMessage = kernelMessage;
  }

  public int errno() {
    return errno;
  }

  /** The kernel's own words (extended ack), or empty. */
  public String kernelMessage() {
    return kernelMessage;
  }
}
