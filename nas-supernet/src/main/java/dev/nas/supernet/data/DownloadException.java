package dev.nas.supernet.data;

/**
 * A download that failed for a reason outside the program and outside the user's input: the
 * network (unreachable host, dropped connections), the server (an HTTP error status) or the file it
 * served (a wrong SHA-256). A runtime failure, not bad input; its message is one line that names
 * the URL and says what happened.
 */
public final class DownloadException extends dev.nas.core.RuntimeFailure {
  private static final long serialVersionUID = 1L;

  public DownloadException(String message, Throwable cause) {
    super(message, cause);
  }
}
