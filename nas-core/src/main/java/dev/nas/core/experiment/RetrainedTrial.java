package dev.nas.core.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.nas.core.arch.Architecture;
import dev.nas.core.trial.Trial;
import java.util.Map;
import java.util.TreeMap;

/**
 * One architecture of a run's top-k, trained again after the search ({@code retrain.jsonl}, one
 * line each, in rank order).
 *
 * @param rank place in the top-k by search signal, from 0
 * @param trial the search trial it came from
 * @param searchSignal its signal in the search (e.g. the supernet's validation accuracy)
 * @param seed the retraining's own seed
 * @param signal the retraining evaluator's signal (null if the retraining failed)
 * @param metrics every value the retraining reported, by name (sorted)
 * @param error why the retraining failed, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RetrainedTrial(
    int rank,
    int trial,
    String hash,
    String notation,
    Architecture arch,
    double searchSignal,
    long seed,
    Double signal,
    Map<String, Double> metrics,
    String error) {

  public RetrainedTrial {
    metrics = metrics == null ? null : com.google.common.collect.ImmutableMap.copyOf(new TreeMap<>(metrics));
  }

  static RetrainedTrial succeeded(int rank, Trial t, long seed, double signal, Map<String, Double> metrics) {
    return new RetrainedTrial(rank, t.id(), t.arch().hash(), t.notation(), t.arch(), t.metrics().signal(), seed,
        signal, metrics, null);
  }

  static RetrainedTrial failed(int rank, Trial t, long seed, String error) {
    return new RetrainedTrial(rank, t.id(), t.arch().hash(), t.notation(), t.arch(), t.metrics().signal(), seed,
        null, null, error);
  }

  /** The value of {@code metric}, or null if the retraining failed or did not report it. */
  public Double value(String metric) {
    return metrics == null ? null : metrics.get(metric);
  }
}
