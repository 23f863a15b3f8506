package dev.nas.core;

/**
 * Bad input from the user: a config key, a data file, an architecture string, a flag. The message
 * names the input, the bad value and what would be accepted; the CLI exits with status 2.
 */
public class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
