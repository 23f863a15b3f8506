package dev.nas.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * A runtime failure in words for the terminal: what the engine was doing and what the operating
 * system said, without exception class names or stack frames (those are for {@code NAS_DEBUG=1}).
 */
final class FailureMessage {

  private FailureMessage() {}

  /** One line: the outermost message, then the reason from the innermost I/O error. */
  static String of(Throwable e) {
    if (e instanceof dev.nas.core.RuntimeFailure) {
      return e.getMessage();
    }
    if (e instanceof OutOfMemoryError) {
      return "out of memory (the JVM's heap limit is " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB): use"
          + " smaller settings (batch size, channels, layers) or give Java more with -Xmx";
    }
    IOException io = null;
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof IOException found && !(c.getCause() instanceof IOException)) {
        io = found;
      }
      if (c instanceof UncheckedIOException u && u.getCause() != null) {
        io = u.getCause();
      }
    }
    String outer = e instanceof UncheckedIOException || e instanceof IOException ? e.getMessage() : null;
    if (io != null) {
      String reason = reason(io);
      if (outer == null || outer.equals(io.getMessage()) || outer.startsWith(io.getClass().getName())) {
        return reason;
      }
      return outer + ": " + reason;
    }
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + dev.nas.core.Messages.shorten(message))
        + " (an internal error of nas: please report it; NAS_DEBUG=1 prints the stack trace)";
  }

  /** What the operating system said, with the file it said it about. */
  static String reason(IOException e) {
    String file = e instanceof FileSystemException f && f.getFile() != null ? f.getFile() : null;
    String other = e instanceof FileSystemException f && f.getOtherFile() != null ? " -> " + f.getOtherFile() : "";
    String what;
    if (e instanceof AccessDeniedException) {
      what = "permission denied";
    } else if (e instanceof NoSuchFileException) {
      what = "no such file or directory";
    } else if (e instanceof NotDirectoryException) {
      what = "not a directory";
    } else if (e instanceof FileAlreadyExistsException) {
      what = "already exists (and is not a directory)";
    } else if (e instanceof DirectoryNotEmptyException) {
      what = "directory not empty";
    } else if (e instanceof FileSystemException f && f.getReason() != null) {
      what = f.getReason().toLowerCase(java.util.Locale.ROOT);
    } else {
      what = e.getMessage() == null ? "I/O error" : e.getMessage();
    }
    return file == null ? what : file + other + ": " + what;
  }
}
