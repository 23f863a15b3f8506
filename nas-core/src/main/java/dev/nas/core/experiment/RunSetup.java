package dev.nas.core.experiment;

import dev.nas.core.objective.Objectives;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.config.BudgetConfig;
import dev.nas.core.config.StrategyConfig;
import dev.nas.core.eval.Evaluator;
import dev.nas.core.grade.Grader;

/**
 * Everything a run needs except its seed and directory. The space and evaluator are shared by all
 * repeats; each run creates its own strategy from {@code strategy} and its seed.
 *
 * @param retraining what happens after the search, or null for nothing
 * @param objectives the objectives, constraints and measures; {@link Objectives#NONE} for a
 *     single-objective search on the evaluator's signal
 * @param configHash a hash of the whole resolved config, which every checkpoint records so that a
 *     resume under another config is refused; empty when the setup was built without one (tests)
 * @param grader what grades every trial by an independent benchmark (see {@link Grader}), or null
 *     when the run is not graded
 */
public record RunSetup(
    SearchSpace space,
    Evaluator evaluator,
    StrategyConfig strategy,
    String strategyName,
    String evaluatorName,
    BudgetConfig budget,
    Retraining retraining,
    Objectives objectives,
    String configHash,
    Grader grader) {

  public RunSetup(SearchSpace space, Evaluator evaluator, StrategyConfig strategy, String strategyName,
      String evaluatorName, BudgetConfig budget, Retraining retraining, Objectives objectives) {
    this(space, evaluator, strategy, strategyName, evaluatorName, budget, retraining, objectives, "", null);
  }

  /** This setup with {@code grader} grading every trial. */
  public RunSetup gradedBy(Grader by) {
    return new RunSetup(space, evaluator, strategy, strategyName, evaluatorName, budget, retraining, objectives,
        configHash, by);
  }

  public RunSetup(SearchSpace space, Evaluator evaluator, StrategyConfig strategy, String strategyName,
      String evaluatorName, BudgetConfig budget) {
    this(space, evaluator, strategy, strategyName, evaluatorName, budget, null);
  }

  public RunSetup(SearchSpace space, Evaluator evaluator, StrategyConfig strategy, String strategyName,
      String evaluatorName, BudgetConfig budget, Retraining retraining) {
    this(space, evaluator, strategy, strategyName, evaluatorName, budget, retraining, Objectives.NONE);
  }

  /**
   * The {@code retrain:} section, built: the best {@code topK} distinct architectures (or, with
   * {@code latest}, the {@code topK} most recent ones) go to {@code evaluator}.
   */
  public record Retraining(Evaluator evaluator, String evaluatorName, int topK, boolean latest) {

    public Retraining(Evaluator evaluator, String evaluatorName, int topK) {
      this(evaluator, evaluatorName, topK, false);
    }
  }
}
