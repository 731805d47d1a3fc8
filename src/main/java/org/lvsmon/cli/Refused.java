package org.lvsmon.cli;

import org.lvsmon.control.Reply;

/** The daemon answered a request with a status other than 220; {@link #getMessage} is that status line. */
final class Refused extends Exception {
  private static final long serialVersionUID = 1L;

  Refused(Reply reply) {
    super(reply.status());
  }

  /** {@code reply} when its status is 220. */
  static Reply unlessOk(Reply reply) throws Refused {
    if (!reply.ok()) {
      throw new Refused(reply);
    }
    return reply;
  }
}
