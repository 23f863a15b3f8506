package dev.nas.core.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.InputException;
import dev.nas.core.arch.Architecture;
import dev.nas.core.eval.Metrics;
import dev.nas.core.toy.ToySpace;
import dev.nas.core.trial.Trial;
import dev.nas.core.trial.TrialStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

  @TempDir
  Path dir;

  private final ToySpace space = new ToySpace();

  private Trial trial(int id) {
    Architecture a = space.decode(new int[] {id % 3, 1, 2, 0});
    return Trial.queued(id, a, space.format(a), 100 + id).start(Instant.ofEpochSecond(id))
        .succeed(new Metrics(id, Map.of("score", (double) id)), Instant.ofEpochSecond(id + 1));
  }

  @Test
  void trialsRoundTripThroughTheJournal() {
    try (Journal j = Journal.open(dir)) {
      j.append(trial(0));
      j.append(trial(1));
    }
    var entries = Journal.read(dir);
    assertEquals(2, entries.size());
    assertEquals(trial(1), entries.get(1).trial());
    assertEquals(TrialStatus.SUCCEEDED, entries.get(0).trial().status());
  }

  @Test
  void aTornLastLineIsIgnored() throws IOException {
    try (Journal j = Journal.open(dir)) {
      j.append(trial(0));
    }
    Files.writeString(dir.resolve(Journal.FILE), "{\"id\":1,\"arch\":{\"spa", StandardOpenOption.APPEND);
    assertEquals(1, Journal.read(dir).size());
  }

  @Test
  void aCorruptLineInTheMiddleIsAnError() throws IOException {
    Files.writeString(dir.resolve(Journal.FILE), "not json\n");
    try (Journal j = Journal.open(dir)) {
      j.append(trial(0));
    }
    var e = assertThrows(InputException.class, () -> Journal.read(dir));
    assertTrue(e.getMessage().contains("line 1"), e.getMessage());
  }

  @Test
  void statusTransitionsFollowTheLifecycle() {
    Trial queued = Trial.queued(0, trial(0).arch(), "", 1);
    assertThrows(IllegalStateException.class, () -> queued.succeed(new Metrics(1, Map.of()), Instant.EPOCH));
    Trial done = queued.start(Instant.EPOCH).fail("x", Instant.EPOCH);
    assertThrows(IllegalStateException.class, () -> done.start(Instant.EPOCH));
    assertEquals(TrialStatus.PRUNED, queued.prune("early stop", Instant.EPOCH).status());
  }

  @Test
  void aDamagedTailIsDroppedAndCounted() throws IOException {
    try (Journal j = Journal.open(dir)) {
      j.append(trial(0));
      j.append(trial(1));
    }
    // What a crash or a full disk can leave: bytes that are not UTF-8, then a torn line.
    Files.write(dir.resolve(Journal.FILE), new byte[] {0, (byte) 0xff, '\n', '{', '\n', 'x'}, StandardOpenOption.APPEND);
    Journal.Reading r = Journal.readChecked(dir);
    assertEquals(2, r.entries().size());
    assertEquals(3, r.damagedTail());
  }

  @Test
  void aDamagedLineFollowedByGoodOnesIsAnErrorNamingIt() throws IOException {
    try (Journal j = Journal.open(dir)) {
      j.append(trial(0));
    }
    Files.write(dir.resolve(Journal.FILE), new byte[] {(byte) 0xff, '\n'}, StandardOpenOption.APPEND);
    try (Journal j = Journal.open(dir)) {
      j.append(trial(1));
    }
    var e = assertThrows(InputException.class, () -> Journal.read(dir));
    assertTrue(e.getMessage().contains("line 2 is not a trial record, but good records follow"), e.getMessage());
  }
}
