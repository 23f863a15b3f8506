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
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
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

  /** Appends the trial's line and returns it (without its newline). */
  public String append(Trial trial) {
    String text = Json.line(trial);
    byte[] line = (text + "\n").getBytes(StandardCharsets.UTF_8);
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
    return text;
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
   * A journal as read back: its trial lines, and how many lines at its end were damaged (a torn
   * last line, or bytes that are not trial records after the last good line, as a crash or a full
   * disk leaves them) and were left out.
   */
  public record Reading(List<Entry> entries, int damagedTail) {}

  /**
   * Every complete line of {@code dir/journal.jsonl} (none if the file does not exist). A damaged
   * tail is dropped; a damaged line followed by good ones is an {@link InputException} naming it.
   */
  public static List<Entry> read(Path dir) {
    return readChecked(dir).entries();
  }

  /** Like {@link #read}, also saying how many damaged lines at the end were dropped. */
  public static Reading readChecked(Path dir) {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      return new Reading(List.of(), 0);
    }
    if (!Files.isRegularFile(file)) {
      throw new InputException("journal " + file + " is not a regular file; the run directory is damaged");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    List<Entry> entries = new ArrayList<>();
    int damaged = 0;
    int firstDamaged = -1;
    int lineNo = 0;
    int start = 0;
    while (start < bytes.length) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      lineNo++;
      if (end == bytes.length) {
        damaged++; // no newline: the line a killed process was writing
        firstDamaged = firstDamaged < 0 ? lineNo : firstDamaged;
        break;
      }
      int lineStart = start;
      start = end + 1;
      if (isBlank(bytes, lineStart, end)) {
        continue;
      }
      Entry entry = parse(bytes, lineStart, end);
      if (entry == null) {
        damaged++;
        firstDamaged = firstDamaged < 0 ? lineNo : firstDamaged;
      } else if (damaged > 0) {
        throw new InputException("journal " + file + " line " + firstDamaged + " is not a trial record, but good"
            + " records follow it: the journal was damaged or edited. Restore it from a copy, or start a new run.");
      } else {
        entries.add(entry);
      }
    }
    return new Reading(entries, damaged);
  }

  private static boolean isBlank(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r') {
        return false;
      }
    }
    return true;
  }

  /** The trial on one line, or null if the line is not valid UTF-8 or not a trial record. */
  private static Entry parse(byte[] bytes, int from, int to) {
    String line;
    try {
      line = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
    try {
      return new Entry(line, Json.json().readValue(line, Trial.class));
    } catch (JsonProcessingException | RuntimeException e) {
      return null;
    }
  }

  /** Replaces the journal with exactly {@code lines}, atomically. */
  public static void rewrite(Path dir, List<String> lines) {
    StringBuilder text = new StringBuilder();
    lines.forEach(l -> text.append(l).append('\n'));
    Json.writeAtomically(dir.resolve(FILE), text.toString());
  }
}
