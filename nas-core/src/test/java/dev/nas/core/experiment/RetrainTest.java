package dev.nas.core.experiment;

import static dev.nas.core.experiment.RunFiles.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.arch.Architecture;
import dev.nas.core.config.BudgetConfig;
import dev.nas.core.eval.Evaluator;
import dev.nas.core.eval.Metrics;
import dev.nas.core.toy.ToyComponents;
import dev.nas.core.toy.ToySpace;
import dev.nas.core.trial.Trial;
import dev.nas.core.trial.TrialStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The top-k retraining after a search. */
class RetrainTest {

  @TempDir
  Path tmp;

  private final ToySpace space = new ToySpace();

  private RunSetup setup(int topK, String retrainFailOn) {
    var retraining = new RunSetup.Retraining(new ToyComponents.Eval(retrainFailOn).create(space, null), "toy-eval", topK);
    return new RunSetup(space, new ToyComponents.SharedEval(null).create(space, null), new ToyComponents.Climber(3),
        "toy-climb", "toy-shared", new BudgetConfig(40, null, true, null), retraining);
  }

  @Test
  void retrainsTheTopKDistinctArchitecturesAndChoosesByRetrainedSignal() {
    RunSummary s = run(setup(4, null), 3, tmp.resolve("a"));
    List<Trial> trials = Journal.read(tmp.resolve("a")).stream().map(Journal.Entry::trial)
        .filter(t -> t.status() == TrialStatus.SUCCEEDED).toList();
    Set<String> seen = new HashSet<>();
    List<Integer> expected = trials.stream()
        .sorted(Comparator.comparingDouble((Trial t) -> t.metrics().signal()).reversed().thenComparingInt(Trial::id))
        .filter(t -> seen.add(t.arch().hash())).limit(4).map(Trial::id).toList();
    RetrainResult r = s.retrain();
    assertEquals(expected, r.trials().stream().map(RetrainedTrial::trial).toList());
    assertEquals(4, r.trials().stream().map(RetrainedTrial::hash).distinct().count());
    RetrainedTrial best = r.trials().stream().max(Comparator.comparingDouble(RetrainedTrial::signal)).orElseThrow();
    assertEquals(best, r.chosen());
    assertEquals(10 * best.signal(), r.reported(), 1e-9);
    assertEquals("final", r.reportedMetric());
    // Retrained with its own seed: not the search's score.
    assertNotEquals(r.trials().get(0).searchSignal(), r.trials().get(0).signal());
  }

  @Test
  void aTimeBudgetEndsTheSearchAndTheTopKIsStillRetrained() {
    Evaluator toy = new ToyComponents.Eval(null).create(space, null);
    Evaluator slow = new Evaluator() {
      @Override
      public Metrics evaluate(Architecture a, long seed) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        return toy.evaluate(a, seed);
      }

      @Override
      public String signalMetric() {
        return toy.signalMetric();
      }

      @Override
      public String reportedMetric() {
        return toy.reportedMetric();
      }
    };
    var retraining = new RunSetup.Retraining(toy, "toy-eval", 2);
    RunSetup setup = new RunSetup(space, slow, new ToyComponents.Climber(3), "toy-climb", "toy-slow",
        new BudgetConfig(1_000_000, java.time.Duration.ofMillis(400), true, null), retraining);
    RunSummary s = run(setup, 1, tmp.resolve("timed"));
    assertEquals("budget.time", s.stopReason());
    assertTrue(s.trials() >= 2 && s.trials() < 1_000, "stopped by the clock after " + s.trials() + " trials");
    assertEquals(2, s.retrain().trials().size());
  }

  @Test
  void aSearchThatEndedStaysEndedWhenARetrainingCrashIsResumed() throws IOException {
    // Duplicates free: the 54-genome toy space runs dry, which no budget records.
    var retraining = new RunSetup.Retraining(new ToyComponents.Eval(null).create(space, null), "toy-eval", 2);
    RunSetup setup = new RunSetup(space, new ToyComponents.SharedEval(null).create(space, null),
        new ToyComponents.Climber(3), "toy-climb", "toy-shared", new BudgetConfig(10_000, null, false, null), retraining);
    RunSummary whole = run(setup, 2, tmp.resolve("whole"));
    assertTrue(whole.stopReason().startsWith("space exhausted"), whole.stopReason());
    Path dir = tmp.resolve("crashed");
    RunListener crash = new RunListener() {
      @Override
      public void retrainStarted(long seed, int rank, int of, Trial trial) {
        throw new IllegalStateException("killed");
      }
    };
    assertThrows(IllegalStateException.class, () -> new SearchRun(setup, 2, dir, crash, () -> false).run());
    run(setup, 2, dir);
    assertEquals(Files.readString(tmp.resolve("whole").resolve(RunSummary.FILE)),
        Files.readString(dir.resolve(RunSummary.FILE)));
  }

  @Test
  void aFailedRetrainingIsRecordedAndNotChosen() {
    RunSummary probe = run(setup(3, null), 5, tmp.resolve("probe"));
    String first = probe.retrain().trials().get(0).notation();
    RunSummary s = run(setup(3, first), 5, tmp.resolve("a"));
    RetrainedTrial failed = s.retrain().trials().get(0);
    assertTrue(failed.error().contains("diverged"), failed.error());
    assertEquals(null, failed.signal());
    assertNotEquals(0, s.retrain().chosen().rank());
  }

  @Test
  void stoppedOrCrashedDuringRetrainingResumesWithoutRedoingFinishedOnes() throws IOException {
    RunSetup setup = setup(3, null);
    run(setup, 7, tmp.resolve("whole"));
    Path dir = tmp.resolve("crashed");
    int[] retrained = {0};
    RunListener crash = new RunListener() {
      @Override
      public void retrainFinished(long seed, RetrainedTrial result, int of) {
        if (++retrained[0] == 2) {
          throw new IllegalStateException("killed");
        }
      }
    };
    assertThrows(IllegalStateException.class, () -> new SearchRun(setup, 7, dir, crash, () -> false).run());
    assertEquals(2, Files.readAllLines(dir.resolve(SearchRun.RETRAIN_FILE)).size());
    // Half a line from the next one, as a kill during the write would leave.
    Files.writeString(dir.resolve(SearchRun.RETRAIN_FILE), "{\"rank\":2,\"tri", java.nio.file.StandardOpenOption.APPEND);
    int[] started = {0};
    RunSummary s = new SearchRun(setup, 7, dir, new RunListener() {
      @Override
      public void retrainStarted(long seed, int rank, int of, Trial trial) {
        started[0]++;
      }
    }, () -> false).run().orElseThrow();
    assertEquals(1, started[0], "only the third is retrained again");
    assertEquals(3, s.retrain().trials().size());
    assertEquals(Files.readString(tmp.resolve("whole").resolve(RunSummary.FILE)),
        Files.readString(dir.resolve(RunSummary.FILE)));
    assertEquals(Files.readString(tmp.resolve("whole").resolve(SearchRun.RETRAIN_FILE)),
        Files.readString(dir.resolve(SearchRun.RETRAIN_FILE)));
  }
}
