package dev.nas.core.experiment;

import dev.nas.core.arch.Architecture;
import dev.nas.core.trial.Trial;
import java.util.Map;

/**
 * The best trial of a run: the highest signal at the highest fidelity evaluated (the earliest one on
 * a tie).
 *
 * @param fidelity the budget it was evaluated at, or null for the evaluator's own
 * @param signalMetric the name of the signal at that fidelity (e.g. valid_acc_12 or test_acc_200)
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record BestTrial(int trial, String hash, String notation, Architecture arch, double signal,
    Map<String, Double> metrics, Integer fidelity, String signalMetric) {

  /** Metrics sorted by name; the map keeps that order (JSON output must not depend on hashing). */
  public BestTrial {
    metrics = com.google.common.collect.ImmutableMap.copyOf(metrics);
  }

  static BestTrial of(Trial t, String signalMetric) {
    return new BestTrial(t.id(), t.arch().hash(), t.notation(), t.arch(), t.metrics().signal(),
        new java.util.TreeMap<>(t.metrics().values()), t.fidelity(), signalMetric);
  }
}
