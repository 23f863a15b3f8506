package dev.nas.core.experiment;

import static dev.nas.core.experiment.RunFiles.result;
import static dev.nas.core.experiment.RunFiles.run;
import static dev.nas.core.experiment.RunFiles.timeless;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;
import dev.nas.core.arch.Architecture;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.config.BudgetConfig;
import dev.nas.core.config.StrategyConfig;
import dev.nas.core.grade.Grader;
import dev.nas.core.grade.RankCorrelation;
import dev.nas.core.json.Json;
import dev.nas.core.strategy.Strategy;
import dev.nas.core.toy.ToyComponents;
import dev.nas.core.toy.ToySpace;
import dev.nas.core.trial.Trial;
import dev.nas.core.trial.TrialStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A graded run: every trial carries the grader's figures, the strategy sees none, result.json grades the run. */
class GradedRunTest {

  @TempDir
  Path tmp;

  private final ToySpace space = new ToySpace();

  /** Every trial the strategy of the latest run was told, in order. */
  private static final List<Trial> TOLD = new ArrayList<>();

  @BeforeEach
  void clear() {
    TOLD.clear();
  }

  /** A fixed function of the genes, unlike the toy signal in its weights, so the ranking is imperfect. */
  static final class ToyGrader implements Grader {
    @Override
    public String name() {
      return "toy-table";
    }

    @Override
    public String dataset() {
      return "toy-images";
    }

    @Override
    public String metric() {
      return "true_acc";
    }

    @Override
    public Map<String, Double> grade(Architecture a) {
      int[] g = a.genes();
      return Map.of("true_acc", 50.0 + g[0] * 3 - g[1] * 2 + g[2] + g[3] * 4, "other", (double) g[1]);
    }
  }

  /** The toy climber, recording what it is told. */
  @JsonTypeName("toy-spy")
  record Spy() implements StrategyConfig {
    @Override
    public Strategy create(SearchSpace space, long seed) {
      Strategy inner = new ToyComponents.Climber(3).create(space, seed);
      return new Strategy() {
        @Override
        public Architecture ask() {
          return inner.ask();
        }

        @Override
        public void tell(Trial finished) {
          TOLD.add(finished);
          inner.tell(finished);
        }

        @Override
        public JsonNode snapshot() {
          return inner.snapshot();
        }

        @Override
        public void restore(JsonNode snapshot) {
          inner.restore(snapshot);
        }
      };
    }
  }

  private RunSetup setup(int trials, boolean countDuplicates, String failOn) {
    return new RunSetup(space, new ToyComponents.Eval(failOn).create(space, null), new Spy(), "toy-spy", "toy-eval",
        new BudgetConfig(trials, null, countDuplicates, null));
  }

  private static List<Trial> finished(Path dir) {
    return Journal.read(dir).stream().map(Journal.Entry::trial).filter(t -> t.status().isFinished()).toList();
  }

  @Test
  void everyTrialCarriesItsGradesAndTheStrategyIsToldNone() {
    Grader grader = new ToyGrader();
    RunSummary s = run(setup(100, true, "0-0-0-0").gradedBy(grader), 0, tmp.resolve("a"));
    List<Trial> trials = finished(tmp.resolve("a"));
    assertEquals(100, trials.size());
    assertTrue(trials.stream().anyMatch(t -> t.status() == TrialStatus.FAILED), "the climber meets 0-0-0-0");
    for (Trial t : trials) {
      // Failed trials too: they have a cell.
      assertEquals(grader.grade(t.arch()), t.graded(), "trial " + t.id());
      if (t.metrics() != null) {
        assertEquals(Set.of("score", "final"), t.metrics().values().keySet(), "grades stay out of the metrics");
      }
    }
    assertEquals(100, TOLD.size());
    for (int i = 0; i < TOLD.size(); i++) {
      assertNull(TOLD.get(i).graded(), "told trial " + i);
      assertEquals(trials.get(i).metrics(), TOLD.get(i).metrics());
      assertEquals(trials.get(i).ungraded(), TOLD.get(i));
    }
    // The same run ungraded makes the same search.
    run(setup(100, true, "0-0-0-0"), 0, tmp.resolve("plain"));
    assertEquals(trials.stream().map(Trial::ungraded).map(GradedRunTest::withoutTimes).toList(),
        finished(tmp.resolve("plain")).stream().map(GradedRunTest::withoutTimes).toList());
    assertNotNull(s.grading());
  }

  @Test
  void resultGradesTheBestAndCorrelatesTheSignalOverDistinctSucceededTrials() throws IOException {
    RunSummary s = run(setup(120, true, "0-0-0-0").gradedBy(new ToyGrader()), 0, tmp.resolve("a"));
    List<Trial> trials = finished(tmp.resolve("a"));
    assertTrue(trials.stream().anyMatch(t -> t.duplicateOf() != null), "the toy space has 54 cells: duplicates");
    assertTrue(trials.stream().anyMatch(t -> t.status() == TrialStatus.FAILED), "and a failure, left out");
    Trial best = trials.get(s.best().trial());
    // The first evaluation of every architecture (its genes: canonical twins are distinct points).
    List<Trial> ranked = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    for (Trial t : trials) {
      if (t.status() == TrialStatus.SUCCEEDED && seen.add(java.util.Arrays.toString(t.arch().genes()))) {
        ranked.add(t);
      }
    }
    assertTrue(ranked.stream().anyMatch(t -> t.duplicateOf() != null), "a canonical twin counts");
    assertTrue(ranked.size() < trials.size() - 1, "repeats are left out");
    double[] signal = ranked.stream().mapToDouble(t -> t.metrics().signal()).toArray();
    double[] truth = ranked.stream().mapToDouble(t -> t.graded().get("true_acc")).toArray();
    RunGrading g = s.grading();
    assertEquals(new RunGrading("toy-table", "toy-images", "true_acc", best.graded().get("true_acc"), null,
        ranked.size(), RankCorrelation.kendallTauB(signal, truth), RankCorrelation.spearmanRho(signal, truth)), g);
    assertTrue(g.kendallTau() > 0 && g.kendallTau() < 1, g.toString());
    // What result.json says.
    JsonNode file = Json.json().readTree(tmp.resolve("a").resolve(RunSummary.FILE).toFile()).get("grading");
    assertEquals(g.kendallTau(), file.get("kendall_tau").asDouble());
    assertEquals(g.spearmanRho(), file.get("spearman_rho").asDouble());
    assertEquals(ranked.size(), file.get("trials").asInt());
    assertEquals(best.graded().get("true_acc"), file.get("best").asDouble());
    assertEquals("true_acc", file.get("metric").asText());
  }

  @Test
  void stoppedAndResumedGradedRunEqualsTheUninterruptedOne() throws IOException {
    RunSetup setup = setup(130, true, null).gradedBy(new ToyGrader());
    run(setup, 5, tmp.resolve("whole"));
    for (int k : new int[] {1, 50, 77}) {
      Path dir = tmp.resolve("stopped-" + k);
      int[] seen = {0};
      Optional<RunSummary> first = new SearchRun(setup, 5, dir, new RunListener() {
        @Override
        public void trialFinished(long seed, Trial trial, BestTrial best, int counted) {
          seen[0]++;
        }
      }, () -> seen[0] >= k).run();
      assertTrue(first.isEmpty());
      TOLD.clear();
      run(setup, 5, dir);
      // Replayed trials reach the strategy ungraded as well.
      assertTrue(TOLD.stream().allMatch(t -> t.graded() == null));
      assertEquals(result(tmp.resolve("whole")), result(dir), "stopped after " + k);
      assertEquals(timeless(tmp.resolve("whole")), timeless(dir), "stopped after " + k);
    }
  }

  @Test
  void duplicatesAnsweredFromAnEarlierTrialAreLeftOut() {
    RunSummary s = run(setup(30, false, null).gradedBy(new ToyGrader()), 0, tmp.resolve("a"));
    List<Trial> trials = finished(tmp.resolve("a"));
    assertTrue(s.duplicates() > 0);
    long evaluated = trials.stream().filter(t -> t.status() == TrialStatus.SUCCEEDED && t.duplicateOf() == null)
        .count();
    assertEquals(evaluated, s.grading().trials());
    // Still graded, each by its own cell.
    trials.forEach(t -> assertEquals(new ToyGrader().grade(t.arch()), t.graded()));
  }

  @Test
  void theRetrainingsChoiceIsGradedToo() {
    // Retrained with the evaluator's own fidelity on other seeds: the choice may differ from the best.
    RunSetup setup = new RunSetup(space, new ToyComponents.Eval(null).create(space, null), new Spy(), "toy-spy",
        "toy-eval", new BudgetConfig(60, null, true, null),
        new RunSetup.Retraining(new ToyComponents.Eval(null).create(space, null), "toy-eval", 3, true))
        .gradedBy(new ToyGrader());
    RunSummary s = run(setup, 2, tmp.resolve("a"));
    Trial chosen = finished(tmp.resolve("a")).get(s.retrain().chosen().trial());
    assertNotEquals(s.best().hash(), chosen.arch().hash(), "select: latest chooses another cell than the best");
    assertEquals(new ToyGrader().grade(chosen.arch()).get("true_acc"), s.grading().chosen());
    assertEquals(s.grading().best(),
        new ToyGrader().grade(finished(tmp.resolve("a")).get(s.best().trial()).arch()).get("true_acc"));
  }

  @Test
  void anUngradedRunWritesNoGradingAtAll() throws IOException {
    RunSummary s = run(setup(40, true, null), 1, tmp.resolve("a"));
    assertNull(s.grading());
    assertFalse(Files.readString(tmp.resolve("a").resolve(Journal.FILE)).contains("graded"));
    assertFalse(result(tmp.resolve("a")).contains("grading"));
  }

  @Test
  void undefinedCorrelationsAreLeftOut() throws IOException {
    // One trial: no pair to rank.
    RunSummary s = run(setup(1, true, null).gradedBy(new ToyGrader()), 1, tmp.resolve("a"));
    assertEquals(1, s.grading().trials());
    assertNull(s.grading().kendallTau());
    assertNull(s.grading().spearmanRho());
    JsonNode file = Json.json().readTree(tmp.resolve("a").resolve(RunSummary.FILE).toFile()).get("grading");
    assertFalse(file.has("kendall_tau"), file.toString());
    assertEquals(s.grading().best(), file.get("best").asDouble());
  }

  private static String withoutTimes(Trial t) {
    var n = (com.fasterxml.jackson.databind.node.ObjectNode) Json.tree(t);
    n.remove("started");
    n.remove("finished");
    return n.toString();
  }
}
