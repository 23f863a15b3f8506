package dev.nas.core.experiment;

import dev.nas.core.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive OS lock on {@code DIR/.lock} while a process runs an experiment there, so that a
 * second {@code nas resume DIR} (or a start into it) is refused instead of interleaving its
 * writes with the first. The OS drops the lock when the holder dies, even by SIGKILL, so a killed
 * run never leaves its directory locked. The file itself stays.
 */
final class RunDirectoryLock implements AutoCloseable {

  static final String FILE = ".lock";

  private final FileChannel channel;
  private final FileLock lock;

  private RunDirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static RunDirectoryLock acquire(Path dir) {
    Path file = dir.resolve(FILE);
    if (java.nio.file.Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)
        && !java.nio.file.Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new InputException("the run directory is damaged: " + file + " should be a regular file (the lock of"
          + " the process running there) and is not; remove it");
    }
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file, e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by this JVM
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("cannot lock " + file, e);
    }
    if (lock == null) {
      closeQuietly(channel);
      throw new InputException("run directory " + dir.toAbsolutePath() + " is in use by another nas process (it"
          + " holds " + FILE + "); let it finish or stop it (Ctrl-C) before resuming");
    }
    return new RunDirectoryLock(channel, lock);
  }

  /** Whether a process holds the lock of {@code dir} now (a live search or resume). */
  static boolean isHeld(Path dir) {
    Path file = dir.resolve(FILE);
    if (!java.nio.file.Files.isRegularFile(file) || !java.nio.file.Files.isWritable(file)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return true;
      }
      lock.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // Nothing was locked.
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release " + FILE, e);
    }
  }
}
