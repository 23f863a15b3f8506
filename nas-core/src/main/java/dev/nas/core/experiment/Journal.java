package dev.nas.core.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.nas.core.InputException;
import dev.nas.core.json.Json;
import dev.nas.core.trial.Trial;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code journal.jsonl}: one JSON line per trial event (a trial as it is after the event).
 *
 * <p>Each line reaches the operating system before {@link #append} returns, so it survives the
 * process being killed; it is forced to the disk at most a second later and on close, so a power
 * loss costs at most the last second. A torn last line (no newline) is ignored when reading.
 */
public final class Journal implements Closeable {

  public static final String FILE = "journal.jsonl";
  private static final long FORCE_INTERVAL_NANOS = 1_000_000_000L;

  private final FileChannel channel;
  private long lastForce = System.nanoTime();

  private Journal(FileChannel channel) {
    this.channel = channel;
  }

  /** Opens {@code dir/journal.jsonl} for appending, creating it if needed. */
  public static Journal open(Path dir) {
    try {
      Files.createDirectories(dir);
      return new Journal(FileChannel.open(dir.resolve(FILE),
          StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open journal in " + dir, e);
    }
  }

  public void append(Trial trial) {
    byte[] line = (Json.line(trial) + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      long now = System.nanoTime();
      if (now - lastForce >= FORCE_INTERVAL_NANOS) {
        channel.force(false);
        lastForce = now;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to journal", e);
    }
  }

  @Override
  public void close() {
    try {
      channel.force(false);
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close journal", e);
    }
  }

  /** One line as read back: its text and the trial it holds. */
  public record Entry(String line, Trial trial) {}

  /**
   * Every complete line of {@code dir/journal.jsonl} (none if the file does not exist). A torn
   * last line is dropped; a corrupt line elsewhere is an {@link InputException} naming it.
   */
  public static List<Entry> read(Path dir) {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      return List.of();
    }
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    List<Entry> entries = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    // The element after the last newline is "" for a complete file, else a torn line.
    for (int i = 0; i < lines.length - 1; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      try {
        entries.add(new Entry(lines[i], Json.json().readValue(lines[i], Trial.class)));
      } catch (JsonProcessingException e) {
        throw new InputException("journal " + file + " line " + (i + 1) + " is not a trial record: "
            + e.getOriginalMessage());
      }
    }
    return entries;
  }

  /** Replaces the journal with exactly {@code lines}, atomically. */
  public static void rewrite(Path dir, List<String> lines) {
    StringBuilder text = new StringBuilder();
    lines.forEach(l -> text.append(l).append('\n'));
    Json.writeAtomically(dir.resolve(FILE), text.toString());
  }
}
