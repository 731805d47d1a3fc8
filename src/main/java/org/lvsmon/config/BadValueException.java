package org.lvsmon.config;

/**
 * Thrown by a keyword handler when a value is not acceptable; the parser adds the file and line. The
 * message names the value seen and what was expected.
 */
public final class BadValueException extends Exception {
  private static final long serialVersionUID = 1L;

  public BadValueException(String message) {
    super(message);
  }

  public BadValueException(String message, Throwable cause) {
    super(message, cause);
  }
}
