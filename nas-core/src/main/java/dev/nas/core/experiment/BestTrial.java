package dev.nas.core.experiment;

import dev.nas.core.arch.Architecture;
import dev.nas.core.trial.Trial;
import java.util.Map;

/** The trial with the highest signal of a run (the earliest one on a tie). */
public record BestTrial(
    int trial, String hash, String notation, Architecture arch, double signal, Map<String, Double> metrics) {

  /** Metrics sorted by name; the map keeps that order (JSON output must not depend on hashing). */
  public BestTrial {
    metrics = com.google.common.collect.ImmutableMap.copyOf(metrics);
  }

  static BestTrial of(Trial t) {
    return new BestTrial(t.id(), t.arch().hash(), t.notation(), t.arch(), t.metrics().signal(),
        new java.util.TreeMap<>(t.metrics().values()));
  }
}
