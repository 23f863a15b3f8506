package dev.nas.core.experiment;

import static dev.nas.core.experiment.RunFiles.result;
import static dev.nas.core.experiment.RunFiles.run;
import static dev.nas.core.experiment.RunFiles.timeless;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.InputException;
import dev.nas.core.config.BudgetConfig;
import dev.nas.core.toy.ToyComponents;
import dev.nas.core.toy.ToySpace;
import dev.nas.core.trial.Trial;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs whose evaluator carries state from trial to trial (a supernet's weights), checkpointed with the strategy. */
class StatefulRunTest {

  @TempDir
  Path tmp;

  private final ToySpace space = new ToySpace();

  private RunSetup setup(int trials) {
    return new RunSetup(space, new ToyComponents.SharedEval(null).create(space, null), new ToyComponents.Climber(3),
        "toy-climb", "toy-shared", new BudgetConfig(trials, null, true, null));
  }

  private static RunListener crashAfter(int k) {
    int[] seen = {0};
    return new RunListener() {
      @Override
      public void trialFinished(long seed, Trial trial, BestTrial best, int counted) {
        if (++seen[0] == k) {
          throw new IllegalStateException("killed");
        }
      }
    };
  }

  @Test
  void scoresDependOnTheTrialsBefore() {
    run(setup(40), 1, tmp.resolve("a"));
    List<Double> evaluations = Journal.read(tmp.resolve("a")).stream().map(Journal.Entry::trial)
        .filter(t -> t.status().isFinished()).map(t -> t.metrics().value("evaluations")).toList();
    for (int i = 0; i < evaluations.size(); i++) {
      assertEquals(i + 1, evaluations.get(i), 0.0, "trial " + i + " sees the state of the " + i + " before it");
    }
  }

  @Test
  void crashedBetweenJournalAndCheckpointResumesExactly() throws IOException {
    RunSetup setup = setup(90);
    run(setup, 4, tmp.resolve("whole"));
    for (int k : new int[] {1, 2, 51, 89}) {
      Path dir = tmp.resolve("crashed-" + k);
      assertThrows(IllegalStateException.class, () -> new SearchRun(setup, 4, dir, crashAfter(k), () -> false).run());
      // Trial k-1 is journaled, the checkpoint still holds the state after k-1 trials.
      assertEquals(k, Journal.read(dir).stream().filter(e -> e.trial().status().isFinished()).count());
      run(setup, 4, dir);
      assertEquals(timeless(tmp.resolve("whole")), timeless(dir), "crashed after " + k);
      assertEquals(result(tmp.resolve("whole")), result(dir), "crashed after " + k);
    }
  }

  @Test
  void stoppedAndResumedEqualsUninterruptedAndKeepsOneStateFile() throws IOException {
    RunSetup setup = setup(60);
    run(setup, 8, tmp.resolve("whole"));
    Path dir = tmp.resolve("stopped");
    int[] seen = {0};
    Optional<RunSummary> first = new SearchRun(setup, 8, dir, new RunListener() {
      @Override
      public void trialFinished(long seed, Trial t, BestTrial b, int c) {
        seen[0]++;
      }
    }, () -> seen[0] >= 23).run();
    assertTrue(first.isEmpty());
    try (var files = Files.list(dir.resolve(SearchRun.STATE_DIR))) {
      assertEquals(List.of("evaluator-23.bin", "strategy.json"),
          files.map(f -> f.getFileName().toString()).sorted().toList());
    }
    run(setup, 8, dir);
    assertEquals(timeless(tmp.resolve("whole")), timeless(dir));
    assertEquals(result(tmp.resolve("whole")), result(dir));
  }

  @Test
  void killedBeforeTheFirstCheckpointStartsAfresh() throws IOException {
    RunSetup setup = setup(30);
    run(setup, 2, tmp.resolve("whole"));
    Path dir = tmp.resolve("crashed");
    assertThrows(IllegalStateException.class, () -> new SearchRun(setup, 2, dir, crashAfter(1), () -> false).run());
    assertTrue(Files.notExists(dir.resolve(SearchRun.CHECKPOINT)));
    assertEquals(1, Journal.read(dir).stream().filter(e -> e.trial().status().isFinished()).count());
    run(setup, 2, dir);
    assertEquals(timeless(tmp.resolve("whole")), timeless(dir));
  }

  @Test
  void aMissingStateFileIsAClearErrorAndChangesNothing() throws IOException {
    RunSetup setup = setup(30);
    Path dir = tmp.resolve("stopped");
    int[] seen = {0};
    new SearchRun(setup, 2, dir, new RunListener() {
      @Override
      public void trialFinished(long seed, Trial t, BestTrial b, int c) {
        seen[0]++;
      }
    }, () -> seen[0] >= 10).run();
    Files.delete(dir.resolve(SearchRun.STATE_DIR).resolve("evaluator-10.bin"));
    String journal = Files.readString(dir.resolve(Journal.FILE));
    var e = assertThrows(InputException.class, () -> run(setup, 2, dir));
    assertTrue(e.getMessage().contains("evaluator-10.bin") && e.getMessage().contains("missing or unreadable"),
        e.getMessage());
    assertEquals(journal, Files.readString(dir.resolve(Journal.FILE)));
  }
}
