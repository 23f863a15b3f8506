package dev.nas.cli;

import dev.nas.core.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An output directory written in full or not at all: files go to a hidden sibling, which
 * {@link #commit} moves into place; closing without a commit deletes it. The target must not exist
 * or be empty, so nothing a user has is overwritten.
 */
final class StagedDirectory implements AutoCloseable {

  private final Path target;
  private final Path staging;
  private boolean committed;

  /** Refuses (before creating anything) a target that exists and is not an empty directory. */
  StagedDirectory(Path target, String flag) throws IOException {
    OutputPath.directory(target, flag);
    if (Files.exists(target) && !(Files.isDirectory(target) && isEmpty(target))) {
      throw new InputException("output directory " + target + " already exists and is not empty: choose another "
          + flag + " or remove it");
    }
    this.target = target;
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    this.staging = Files.createTempDirectory(parent, "." + target.getFileName() + "-");
    try {
      // Temporary directories are private to their owner; the result is not.
      Files.setPosixFilePermissions(staging, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: its defaults apply.
    }
  }

  /** Where to write until {@link #commit}. */
  Path path() {
    return staging;
  }

  Path target() {
    return target;
  }

  void commit() throws IOException {
    if (Files.exists(target)) {
      Files.delete(target);
    }
    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    committed = true;
  }

  @Override
  public void close() {
    if (!committed) {
      deleteTree(staging);
    }
  }

  private static boolean isEmpty(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.findAny().isEmpty();
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // Best effort: a leftover hidden staging directory is harmless.
    }
  }
}
