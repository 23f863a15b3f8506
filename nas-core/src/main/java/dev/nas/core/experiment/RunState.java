package dev.nas.core.experiment;

import dev.nas.core.trial.Trial;
import dev.nas.core.trial.TrialStatus;
import java.util.ArrayList;
import java.util.HashMap;
import dev.nas.core.eval.Evaluator;
import dev.nas.core.eval.MultiFidelityEvaluator;
import dev.nas.core.objective.ParetoPoint;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** What a run knows after its finished trials: derived from them alone, so resume rebuilds it. */
final class RunState {

  /**
   * Which of two succeeded trials is better: the one evaluated at the higher fidelity (a trial at
   * the evaluator's own fidelity counts as the highest), then the higher signal. Signals at
   * different fidelities are not comparable (12-epoch accuracies are lower than 200-epoch ones), so
   * Hyperband's incumbent is the best of its largest budget, as in the paper.
   */
  static final Comparator<Trial> BETTER = Comparator.comparingInt(RunState::fidelityRank)
      .thenComparingDouble(t -> t.metrics().signal());

  private final String reportedMetric;
  private final String costMetric;
  private final String signalMetric;
  private final java.util.function.IntFunction<String> signalMetricAt;
  private final boolean countDuplicates;
  private final List<Trial> trials = new ArrayList<>();
  private final Map<String, Integer> firstByHash = new HashMap<>();
  private final List<Double> bestSoFar = new ArrayList<>();
  private Trial best;
  private int counted;
  private int failed;
  private int duplicates;
  private double cost;

  RunState(Evaluator evaluator, boolean countDuplicates) {
    this.reportedMetric = evaluator.reportedMetric();
    this.costMetric = evaluator.costMetric();
    this.signalMetric = evaluator.signalMetric();
    this.signalMetricAt = evaluator instanceof MultiFidelityEvaluator m ? m::signalMetric : f -> signalMetric;
    this.countDuplicates = countDuplicates;
  }

  private static int fidelityRank(Trial t) {
    return t.fidelity() == null ? Integer.MAX_VALUE : t.fidelity();
  }

  /** What identifies an evaluation for duplicate detection: the canonical form and the fidelity. */
  static String evaluationKey(String hash, Integer fidelity) {
    return fidelity == null ? hash : hash + "@" + fidelity;
  }

  void record(Trial t) {
    if (t.id() != trials.size()) {
      throw new IllegalStateException("trial " + t.id() + " recorded after " + trials.size() + " trials");
    }
    trials.add(t);
    firstByHash.putIfAbsent(evaluationKey(t.arch().hash(), t.fidelity()), t.id());
    if (t.duplicateOf() != null) {
      duplicates++;
    }
    if (isCharged(t)) {
      counted++;
      if (costMetric != null && t.metrics() != null) {
        cost += t.metrics().value(costMetric);
      }
    }
    if (t.status() == TrialStatus.FAILED) {
      failed++;
    }
    // Strictly better: on a tie the earliest trial stays best.
    if (t.status() == TrialStatus.SUCCEEDED && (best == null || BETTER.compare(t, best) > 0)) {
      best = t;
    }
    bestSoFar.add(best == null ? null : best.metrics().value(reportedMetric));
  }

  /** Whether the trial was charged to the budget. */
  boolean isCharged(Trial t) {
    return t.duplicateOf() == null || countDuplicates;
  }

  /** The earlier trial with the same canonical architecture at the same fidelity, or null. */
  Integer firstEvaluation(String hash, Integer fidelity) {
    return firstByHash.get(evaluationKey(hash, fidelity));
  }

  /** The summed cost of the counted trials, in the evaluator's cost unit (0 without one). */
  double cost() {
    return cost;
  }

  Trial trial(int id) {
    return trials.get(id);
  }

  int size() {
    return trials.size();
  }

  int counted() {
    return counted;
  }

  BestTrial best() {
    return best == null ? null : BestTrial.of(best,
        best.fidelity() == null ? signalMetric : signalMetricAt.apply(best.fidelity()));
  }

  /**
   * The {@code k} best succeeded trials (by {@link #BETTER}), one per canonical architecture (the
   * evaluation of it that ranks best), the earliest first on a tie.
   */
  List<Trial> topDistinct(int k) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    return trials.stream()
        .filter(t -> t.status() == TrialStatus.SUCCEEDED)
        .sorted(BETTER.reversed().thenComparingInt(Trial::id))
        .filter(t -> seen.add(t.arch().hash()))
        .limit(k)
        .toList();
  }

  /** The architectures of the {@code k} latest succeeded trials, newest first, canonical duplicates once. */
  List<Trial> latestDistinct(int k) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    List<Trial> latest = new java.util.ArrayList<>();
    for (int i = trials.size() - 1; i >= 0 && latest.size() < k; i--) {
      Trial t = trials.get(i);
      if (t.status() == TrialStatus.SUCCEEDED && seen.add(t.arch().hash())) {
        latest.add(t);
      }
    }
    return latest;
  }

  RunSummary summary(long seed, RunSetup setup, String stopReason, RetrainResult retrain) {
    List<ParetoPoint> front = setup.objectives().isMultiObjective() ? setup.objectives().front(trials) : null;
    return new RunSummary(seed, setup.space().id(), setup.strategyName(), setup.evaluatorName(),
        setup.evaluator().signalMetric(), reportedMetric, trials.size(), counted, failed, duplicates,
        stopReason, best(), best == null ? null : best.metrics().value(reportedMetric),
        setup.grader() == null ? null : RunGrading.of(setup.grader(), trials, best, retrain, countDuplicates),
        retrain, front, front == null ? null : setup.objectives().hypervolume(front), bestSoFar);
  }
}
