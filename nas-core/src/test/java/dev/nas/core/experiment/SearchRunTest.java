package dev.nas.core.experiment;

import static dev.nas.core.experiment.RunFiles.result;
import static dev.nas.core.experiment.RunFiles.run;
import static dev.nas.core.experiment.RunFiles.timeless;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.InputException;
import dev.nas.core.config.BudgetConfig;
import dev.nas.core.config.StrategyConfig;
import dev.nas.core.toy.ToyComponents;
import dev.nas.core.toy.ToySpace;
import dev.nas.core.trial.Trial;
import dev.nas.core.trial.TrialStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchRunTest {

  @TempDir
  Path tmp;

  private final ToySpace space = new ToySpace();

  private RunSetup setup(int trials, boolean countDuplicates, String failOn) {
    return setup(new ToyComponents.Climber(3), trials, countDuplicates, failOn);
  }

  private RunSetup setup(StrategyConfig strategy, int trials, boolean countDuplicates, String failOn) {
    return new RunSetup(space, new ToyComponents.Eval(failOn).create(space, null), strategy,
        "toy-climb", "toy-eval", new BudgetConfig(trials, null, countDuplicates, null));
  }

  @Test
  void sameSeedSameJournalAndResult() throws IOException {
    RunSetup setup = setup(120, true, null);
    run(setup, 5, tmp.resolve("a"));
    run(setup, 5, tmp.resolve("b"));
    assertEquals(timeless(tmp.resolve("a")), timeless(tmp.resolve("b")));
    assertEquals(result(tmp.resolve("a")), result(tmp.resolve("b")));
    run(setup, 6, tmp.resolve("c"));
    assertNotEquals(timeless(tmp.resolve("a")), timeless(tmp.resolve("c")));
  }

  @Test
  void bestIsTheHighestSignalAndReportedIsItsReportedMetric() {
    RunSummary s = run(setup(80, true, null), 1, tmp.resolve("a"));
    List<Trial> trials = Journal.read(tmp.resolve("a")).stream().map(Journal.Entry::trial)
        .filter(t -> t.status() == TrialStatus.SUCCEEDED).toList();
    double max = trials.stream().mapToDouble(t -> t.metrics().signal()).max().orElseThrow();
    assertEquals(max, s.best().signal());
    assertEquals(10 * max, s.reported(), 1e-9);
    assertEquals(80, s.bestSoFar().size());
    for (int i = 1; i < 80; i++) {
      assertTrue(s.bestSoFar().get(i) >= s.bestSoFar().get(i - 1));
    }
  }

  @Test
  void stoppedAfterKTrialsAndResumedEqualsUninterrupted() throws IOException {
    RunSetup setup = setup(150, true, null);
    run(setup, 9, tmp.resolve("whole"));
    for (int k : new int[] {1, 49, 50, 51, 97}) {
      Path dir = tmp.resolve("stopped-" + k);
      int[] seen = {0};
      RunListener counter = new RunListener() {
        @Override
        public void trialFinished(long seed, Trial trial, BestTrial best, int counted) {
          seen[0]++;
        }
      };
      Optional<RunSummary> first = new SearchRun(setup, 9, dir, counter, () -> seen[0] >= k).run();
      assertTrue(first.isEmpty());
      assertFalse(Files.exists(dir.resolve(RunSummary.FILE)));
      assertEquals(k, Journal.read(dir).stream().filter(e -> e.trial().status().isFinished()).count());
      run(setup, 9, dir);
      assertEquals(result(tmp.resolve("whole")), result(dir), "stopped after " + k);
      assertEquals(timeless(tmp.resolve("whole")), timeless(dir), "stopped after " + k);
    }
  }

  @Test
  void killedMidTrialWithATornJournalResumesExactly() throws IOException {
    RunSetup setup = setup(150, true, null);
    run(setup, 4, tmp.resolve("whole"));
    Path dir = tmp.resolve("killed");
    RuntimeException kill = new RuntimeException("killed");
    int[] seen = {0};
    RunListener crash = new RunListener() {
      @Override
      public void trialFinished(long seed, Trial trial, BestTrial best, int counted) {
        if (++seen[0] == 77) {
          throw kill;
        }
      }
    };
    assertThrows(RuntimeException.class, () -> new SearchRun(setup, 4, dir, crash, () -> false).run());
    // A crash inside the next trial: its RUNNING line was written, and half of another line.
    List<String> whole = Files.readAllLines(tmp.resolve("whole").resolve(Journal.FILE));
    Files.writeString(dir.resolve(Journal.FILE), whole.get(77 * 2) + "\n" + whole.get(77 * 2 + 1).substring(0, 40),
        StandardOpenOption.APPEND);
    run(setup, 4, dir);
    assertEquals(result(tmp.resolve("whole")), result(dir));
    assertEquals(timeless(tmp.resolve("whole")), timeless(dir));
  }

  @Test
  void resumeWithoutACheckpointReplaysTheWholeJournal() throws IOException {
    RunSetup setup = setup(120, true, null);
    run(setup, 2, tmp.resolve("whole"));
    Path dir = tmp.resolve("stopped");
    int[] seen = {0};
    new SearchRun(setup, 2, dir, new RunListener() {
      @Override
      public void trialFinished(long seed, Trial t, BestTrial b, int c) {
        seen[0]++;
      }
    }, () -> seen[0] >= 88).run();
    Files.delete(dir.resolve(SearchRun.CHECKPOINT));
    run(setup, 2, dir);
    assertEquals(result(tmp.resolve("whole")), result(dir));
  }

  @Test
  void resumingWithAnotherConfigIsRefused() {
    Path dir = tmp.resolve("a");
    int[] seen = {0};
    new SearchRun(setup(100, true, null), 3, dir, new RunListener() {
      @Override
      public void trialFinished(long seed, Trial t, BestTrial b, int c) {
        seen[0]++;
      }
    }, () -> seen[0] >= 30).run();
    var e = assertThrows(InputException.class,
        () -> run(setup(new ToyComponents.Climber(0), 100, true, null), 3, dir));
    assertTrue(e.getMessage().contains("\"restarts\":0"), e.getMessage());
    var s = assertThrows(InputException.class, () -> run(setup(100, true, null), 4, dir));
    assertTrue(s.getMessage().contains("start a new run"), s.getMessage());
    // Without the checkpoint, replaying the journal finds the difference.
    try {
      Files.delete(dir.resolve(SearchRun.CHECKPOINT));
    } catch (IOException x) {
      throw new java.io.UncheckedIOException(x);
    }
    var r = assertThrows(InputException.class,
        () -> run(setup(new ToyComponents.Climber(0), 100, true, null), 3, dir));
    assertTrue(r.getMessage().contains("does not match the config"), r.getMessage());
    var w = assertThrows(InputException.class, () -> run(setup(100, true, null), 4, dir));
    assertTrue(w.getMessage().contains("is not the one seed 4 gives"), w.getMessage());
    // The refused attempts changed nothing: the right config still finishes the run.
    assertEquals(100, run(setup(100, true, null), 3, dir).trials());
  }

  @Test
  void aFailingTrialIsRecordedAndTheSearchGoesOn() {
    RunSummary s = run(setup(100, true, "0-0-0-0"), 0, tmp.resolve("a"));
    var failed = Journal.read(tmp.resolve("a")).stream().map(Journal.Entry::trial)
        .filter(t -> t.status() == TrialStatus.FAILED).toList();
    assertEquals(s.failed(), failed.size());
    assertTrue(failed.size() > 0, "the toy climber samples 0-0-0-0 at some point");
    assertTrue(failed.get(0).error().contains("diverged"), failed.get(0).error());
    assertEquals(100, s.trials());
  }

  @Test
  void duplicatesCostATrialOnlyWhenTheConfigSaysSo() {
    // The toy space has 54 genomes and fewer canonical forms: duplicates are frequent.
    RunSummary charged = run(setup(100, true, null), 0, tmp.resolve("charged"));
    assertEquals(100, charged.trials());
    assertEquals(100, charged.counted());
    assertTrue(charged.duplicates() > 0);

    RunSummary free = run(setup(20, false, null), 0, tmp.resolve("free"));
    assertEquals(20, free.counted());
    assertEquals(free.trials(), free.counted() + free.duplicates());
    var trials = Journal.read(tmp.resolve("free")).stream().map(Journal.Entry::trial)
        .filter(t -> t.status().isFinished()).toList();
    for (Trial t : trials) {
      if (t.duplicateOf() != null) {
        assertEquals(trials.get(t.duplicateOf()).metrics(), t.metrics(), "duplicate answered from the earlier trial");
        assertEquals(t.arch().hash(), trials.get(t.duplicateOf()).arch().hash());
      }
    }
  }

  @Test
  void aSpaceWithNothingNewLeftStopsInsteadOfLoopingForever() {
    RunSummary s = run(setup(10_000, false, null), 0, tmp.resolve("a"));
    assertTrue(s.stopReason().startsWith("space exhausted"), s.stopReason());
    assertTrue(s.counted() <= 54);
  }
}
