package dev.nas.core.eval;

import dev.nas.core.arch.Architecture;
import java.nio.file.Path;
import java.util.List;

/**
 * Scores architectures. Implementations: the NAS-Bench-201 table, the weight-shared supernet,
 * stand-alone training. An evaluation may throw; the experiment then records the trial as failed
 * and goes on.
 */
public interface Evaluator {

  /**
   * Evaluates one architecture. {@code seed} is the trial's own seed: an evaluator that needs
   * randomness draws it from there only, so a trial's result does not depend on the trials before.
   */
  Metrics evaluate(Architecture architecture, long seed);

  /**
   * The evaluator one run uses, given the run's evaluator seed. Stateless evaluators (a table
   * lookup) return themselves; stateful ones (a weight-shared supernet) return a fresh instance,
   * so that repeats do not share state and a run depends only on its own seed.
   */
  default Evaluator forRun(long seed) {
    return this;
  }

  /** Name of the value in {@link Metrics#values()} that equals {@link Metrics#signal()}. */
  String signalMetric();

  /** Name of the value reported for the architecture with the best signal so far. */
  String reportedMetric();

  /**
   * Name of the value in every evaluation's {@link Metrics#values()} that says what it cost in a
   * simulated unit (the NB201 table: training epochs), which {@code budget.cost} limits; null when
   * evaluations have no such cost (their real cost is wall time, which {@code budget.time} limits).
   */
  default String costMetric() {
    return null;
  }

  /** The data files this evaluator read, for provenance (their hashes are recorded). */
  default List<Path> dataFiles() {
    return List.of();
  }
}
