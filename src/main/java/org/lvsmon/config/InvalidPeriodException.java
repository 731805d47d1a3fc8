package org.lvsmon.config;

/**
 * Thrown by {@link TimePeriod#parse} when a period spec is malformed, i.e. where Perl's
 * Time::Period would answer -1; the message names the offending part and what was expected.
 */
public class InvalidPeriodException extends Exception {

  private static final long serialVersionUID = 1L;

  public InvalidPeriodException(String message) {
    super(message);
  }
}
