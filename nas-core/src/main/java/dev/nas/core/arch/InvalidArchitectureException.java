package dev.nas.core.arch;

import dev.nas.core.InputException;

/** An architecture, genome or architecture string that does not belong to a search space. */
public class InvalidArchitectureException extends InputException {
  private static final long serialVersionUID = 1L;

  public InvalidArchitectureException(String message) {
    super(message);
  }
}
