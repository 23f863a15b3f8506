package dev.nas.cli;

import dev.nas.core.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The checks a path the user gives for output passes before anything is written, so that a
 * command never replaces a device, a pipe or a symbolic link's target with a regular file, never
 * creates directories up from the root for a mistyped path, and never mixes its files into a
 * folder that holds something else.
 */
final class OutputPath {

  private OutputPath() {}

  /**
   * A file to create or replace: its folder must exist, and the path must not exist or be a
   * regular file (not a symbolic link, a directory, a device or a pipe).
   */
  static Path file(Path file, String flag) {
    notEmpty(file, flag);
    Path parent = file.toAbsolutePath().getParent();
    if (!Files.isDirectory(parent)) {
      throw new InputException(flag + " " + file + ": the folder " + parent + (Files.exists(parent)
          ? " is not a directory" : " does not exist") + "; accepted: a file in an existing folder");
    }
    if (Files.isSymbolicLink(file)) {
      throw new InputException(flag + " " + file + " is a symbolic link; accepted: a new or regular file (it is"
          + " replaced, so give the path of the file itself)");
    }
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new InputException(flag + " " + file + " is " + (Files.isDirectory(file) ? "a directory"
          : "not a regular file (a device, pipe or socket)") + "; accepted: a new or regular file");
    }
    if (!Files.isWritable(parent) || (Files.exists(file) && !Files.isWritable(file))) {
      throw new InputException(flag + " " + file + ": permission denied; accepted: a file you may write");
    }
    return file;
  }

  /**
   * A directory to create, or an empty one to fill: missing folders above it are created (as
   * {@code mkdir -p} does), but every existing part of the path must be a directory and the nearest
   * existing one writable.
   */
  static Path directory(Path dir, String flag) {
    notEmpty(dir, flag);
    Path absolute = dir.toAbsolutePath().normalize();
    if (Files.exists(absolute)) {
      if (!Files.isDirectory(absolute)) {
        throw new InputException(flag + " " + dir + " is a file, not a directory; accepted: a new or empty"
            + " directory");
      }
      if (!isEmpty(absolute)) {
        return dir; // the caller says what to do with a non-empty directory
      }
      if (!Files.isWritable(absolute)) {
        throw new InputException(flag + " " + dir + ": permission denied; accepted: a directory you may write");
      }
      return dir;
    }
    Path existing = absolute.getParent();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null || !Files.isDirectory(existing)) {
      throw new InputException(flag + " " + dir + ": " + existing + " is a file, not a directory; accepted: a"
          + " path whose existing parts are directories");
    }
    if (!Files.isWritable(existing)) {
      throw new InputException(flag + " " + dir + ": cannot create it in " + existing + " (permission denied)");
    }
    return dir;
  }

  private static void notEmpty(Path p, String flag) {
    if (p.toString().isBlank()) {
      throw new InputException(flag + ": an empty path is not accepted; give a path");
    }
  }

  private static boolean isEmpty(Path d) {
    try (Stream<Path> s = Files.list(d)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }
}
