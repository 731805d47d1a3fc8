package org.lvsmon.ipvs;

/**
 * A request to the IPVS table failed. The message names the request and the service, then the
 * reason: {@code cannot set weight of 10.0.0.5:22 in TCP 10.0.0.1:22: no such real server}. Every
 * backend gives the same {@link Reason} for the same refusal.
 */
public final class IpvsException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why: the kernel's refusals, each with the words used after the colon. */
  public enum Reason {
    /** ESRCH. */
    NO_SUCH_SERVICE("no such service"),
    /** ENOENT for a real-server request. */
    NO_SUCH_REAL_SERVER("no such real server"),
    /** EEXIST when adding a service. */
    SERVICE_EXISTS("service already exists"),
    /** EEXIST when adding a real server. */
    REAL_SERVER_EXISTS("real server already exists"),
    /** ENOENT when adding a service. */
    NO_SUCH_SCHEDULER("scheduler or persistence engine not found"),
    /** ERANGE. */
    OUT_OF_RANGE("weight or thresholds out of range"),
    /** EINVAL, EAFNOSUPPORT. */
    INVALID("invalid request"),
    /** EPERM: no CAP_NET_ADMIN. */
    NOT_PERMITTED("permission denied"),
    /** The kernel has no IPVS: the ip_vs module is not loaded, or this backend cannot reach it. */
    UNAVAILABLE("IPVS not available"),
    /** No answer within the backend's time limit. */
    TIMEOUT("no answer in time"),
    /** Anything else: an unexpected errno, a socket failure, a malformed reply. */
    FAILED("failed");

    private final String words;

    Reason(String words) {
      this.words = words;
    }

    /** The short text used when there is no more detail. */
    public String words() {
      return words;
    }
  }

  private final IpvsOperation operation;
  private final Reason reason;

  /** An exception whose message is {@code cannot OPERATION: DETAIL}. */
  public IpvsException(IpvsOperation operation, Reason reason, String detail, Throwable cause) {
    super("cannot " + operation + ": " + detail, cause);
    this.operation = operation;
    this.reason = reason;
  }

  /** An exception whose message is {@code cannot OPERATION: REASON-WORDS}. */
  public IpvsException(IpvsOperation operation, Reason reason) {
    this(operation, reason, reason.words(), null);
  }

  public IpvsOperation operation() {
    return operation;
  }

  public Reason reason() {
    return reason;
  }
}
