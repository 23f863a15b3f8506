package dev.nas.core;

/**
 * A failure outside the program and outside the user's input (the network, a server, a file a
 * server sent) whose message already says, in one line, what happened and where. The CLI prints
 * that message as it is and exits with status 1, as it does for I/O errors; bad input is an
 * {@link InputException} instead (status 2).
 */
public class RuntimeFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RuntimeFailure(String message, Throwable cause) {
    super(message, cause);
  }

  /** The message alone: no class name where a failure is printed or logged. */
  @Override
  public String toString() {
    return getMessage();
  }
}
