package dev.nas.core.eval;

import dev.nas.core.arch.Architecture;

/**
 * An evaluator with a budget dimension: it can score an architecture after fewer or more training
 * epochs (or supernet steps), which trial schedulers such as successive halving and Hyperband use
 * to spend little on poor candidates. {@link #evaluate(Architecture, long)} evaluates at the
 * evaluator's configured fidelity.
 */
public interface MultiFidelityEvaluator extends Evaluator {

  /** The budgets this evaluator can evaluate at. */
  Fidelities fidelities();

  /** Evaluates at {@code fidelity}, which must be one of {@link #fidelities()}. */
  Metrics evaluate(Architecture architecture, long seed, int fidelity);

  /** The name of the signal at {@code fidelity} (e.g. {@code valid_acc_12} at 12 epochs). */
  default String signalMetric(int fidelity) {
    return signalMetric();
  }
}
