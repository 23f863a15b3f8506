package dev.nas.core.experiment;

import dev.nas.core.trial.Trial;
import dev.nas.core.trial.TrialStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What a run knows after its finished trials: derived from them alone, so resume rebuilds it. */
final class RunState {

  private final String reportedMetric;
  private final boolean countDuplicates;
  private final List<Trial> trials = new ArrayList<>();
  private final Map<String, Integer> firstByHash = new HashMap<>();
  private final List<Double> bestSoFar = new ArrayList<>();
  private Trial best;
  private int counted;
  private int failed;
  private int duplicates;

  RunState(String reportedMetric, boolean countDuplicates) {
    this.reportedMetric = reportedMetric;
    this.countDuplicates = countDuplicates;
  }

  void record(Trial t) {
    if (t.id() != trials.size()) {
      throw new IllegalStateException("trial " + t.id() + " recorded after " + trials.size() + " trials");
    }
    trials.add(t);
    firstByHash.putIfAbsent(t.arch().hash(), t.id());
    if (t.duplicateOf() != null) {
      duplicates++;
    }
    if (isCharged(t)) {
      counted++;
    }
    if (t.status() == TrialStatus.FAILED) {
      failed++;
    }
    // Strictly greater: on a tie the earliest trial stays best.
    if (t.status() == TrialStatus.SUCCEEDED && (best == null || t.metrics().signal() > best.metrics().signal())) {
      best = t;
    }
    bestSoFar.add(best == null ? null : best.metrics().value(reportedMetric));
  }

  /** Whether the trial was charged to the budget. */
  boolean isCharged(Trial t) {
    return t.duplicateOf() == null || countDuplicates;
  }

  /** The earlier trial with the same canonical architecture, or null. */
  Integer firstWithHash(String hash) {
    return firstByHash.get(hash);
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
    return best == null ? null : BestTrial.of(best);
  }

  /**
   * The {@code k} succeeded trials with the highest signal, one per canonical architecture (the
   * evaluation of it that scored best), the earliest first on a tie.
   */
  List<Trial> topDistinct(int k) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    return trials.stream()
        .filter(t -> t.status() == TrialStatus.SUCCEEDED)
        .sorted(java.util.Comparator.comparingDouble((Trial t) -> t.metrics().signal()).reversed()
            .thenComparingInt(Trial::id))
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
    return new RunSummary(seed, setup.space().id(), setup.strategyName(), setup.evaluatorName(),
        setup.evaluator().signalMetric(), reportedMetric, trials.size(), counted, failed, duplicates,
        stopReason, best(), best == null ? null : best.metrics().value(reportedMetric), retrain, bestSoFar);
  }
}
