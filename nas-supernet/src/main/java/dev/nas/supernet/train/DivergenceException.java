package dev.nas.supernet.train;

/** A step produced a non-finite loss or gradient; nothing was written to the store. */
public class DivergenceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DivergenceException(String message) {
    super(message);
  }
}
