package dev.nas.core.objective;

import dev.nas.core.config.ConfigException;

/**
 * One entry of {@code objectives:}, e.g. {@code {metric: params, goal: min, reference: 1.6e6}}.
 *
 * @param metric an architecture measure (params, flops, latency_ms) or the evaluator's signal
 * @param goal max or min
 * @param reference the objective's worst value for the hypervolume (the reference point); when
 *     every objective has one, runs report the hypervolume of their Pareto front
 */
public record Objective(String metric, Goal goal, Double reference) {

  public Objective {
    if (metric == null || metric.isBlank()) {
      throw ConfigException.missing("metric", "a metric name: an architecture measure or the evaluator's signal");
    }
    if (goal == null) {
      throw ConfigException.missing("goal", "max or min");
    }
    if (reference != null && !Double.isFinite(reference)) {
      throw ConfigException.badValue("reference", reference, "a finite number");
    }
  }
}
