package dev.nas.core.objective;

import java.util.Map;

/**
 * A member of a run's Pareto front: the trial, its architecture, and its objective values by
 * metric name (in the objectives' order).
 */
public record ParetoPoint(int trial, String notation, String hash, Map<String, Double> objectives) {

  public ParetoPoint {
    objectives = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(objectives));
  }
}
