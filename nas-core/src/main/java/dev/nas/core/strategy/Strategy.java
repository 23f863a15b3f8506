package dev.nas.core.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nas.core.arch.Architecture;
import dev.nas.core.trial.Trial;

/**
 * A search strategy in ask/tell form. The experiment asks for a candidate, has an evaluator score
 * it, and tells the strategy the finished trial (succeeded, failed or pruned) before asking again.
 *
 * <p>A strategy is deterministic given its seed and the sequence of tells, and its whole state
 * (random generator included) round-trips through {@link #snapshot()} / {@link #restore}: a
 * restored strategy asks exactly what the original would have asked next.
 */
public interface Strategy {

  /** The next architecture to evaluate. */
  Architecture ask();

  /**
   * Notes on the architecture the latest {@link #ask} returned, journaled with its trial (DARTS:
   * the epoch's losses and architecture weights); null for none.
   */
  default JsonNode proposalNotes() {
    return null;
  }

  /**
   * The budget to evaluate the architecture the latest {@link #ask} returned at (Hyperband's rung
   * budget), or null for the evaluator's own. A strategy that returns non-null needs a
   * {@link dev.nas.core.eval.MultiFidelityEvaluator} and checks for one when it is created.
   */
  default Integer fidelity() {
    return null;
  }

  /**
   * Whether the strategy has nothing more to ask (DARTS after its last epoch); the search then
   * ends before the budget is spent.
   */
  default boolean isDone() {
    return false;
  }

  /** The result of the trial that evaluated the architecture returned by the latest ask. */
  void tell(Trial finished);

  /** The complete state, as JSON. */
  JsonNode snapshot();

  /** Replaces the state with a snapshot taken from a strategy built with the same config. */
  void restore(JsonNode snapshot);
}
