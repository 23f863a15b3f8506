package dev.nas.core.config;

import dev.nas.core.objective.Constraint;
import dev.nas.core.objective.Objective;
import java.util.List;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A whole experiment, as written in its YAML file.
 *
 * @param name used in the default run-directory name; default: the config file's name
 * @param seed master seed; every component and trial gets its own stream split from it
 * @param repeats number of independent runs, with seeds {@code seed, seed+1, ...}; default 1
 * @param retrain what to do with the best architectures after the search; default nothing
 * @param objectives two or more objectives for a multi-objective search (e.g. the signal and
 *     {@code params}); every run then reports its Pareto front. Default none: the signal alone
 * @param constraints limits on measures known before training, e.g. {@code "params <= 1M"}; a
 *     candidate that breaks one is pruned without being trained. Default none
 * @param grading whether every trial is graded by an independent benchmark when a module offers
 *     one for the space, the evaluator's dataset and the data root (NB201 space, its table under the
 *     data root, a dataset of the table): see {@link dev.nas.core.grade.Grader}. Default true;
 *     {@code false} turns it off. The search itself is the same either way
 */
@JsonPropertyOrder({"name", "seed", "repeats", "space", "evaluator", "strategy", "budget", "objectives",
    "constraints", "retrain", "grading", "data"})
public record ExperimentConfig(
    String name,
    Long seed,
    Integer repeats,
    SpaceConfig space,
    EvaluatorConfig evaluator,
    StrategyConfig strategy,
    BudgetConfig budget,
    List<Objective> objectives,
    List<Constraint> constraints,
    RetrainConfig retrain,
    Boolean grading,
    DataConfig data) {

  public static final int MAX_REPEATS = 100_000;
  /** The run directory adds a 16-character time stamp; file names stop at 255 bytes. */
  public static final int MAX_NAME_CHARS = 100;

  public ExperimentConfig {
    if (name == null || name.isBlank()) {
      name = "experiment";
    }
    if (!name.matches("[A-Za-z0-9._-]+") || name.length() > MAX_NAME_CHARS) {
      throw ConfigException.badValue("name", dev.nas.core.Messages.shorten(name), "at most " + MAX_NAME_CHARS
          + " letters, digits, '.', '_' and '-' (it names the run directory)");
    }
    if (seed == null) {
      seed = 0L;
    }
    if (repeats == null) {
      repeats = 1;
    }
    if (repeats < 1 || repeats > MAX_REPEATS) {
      throw ConfigException.badValue("repeats", repeats, "an integer from 1 to " + MAX_REPEATS);
    }
    if (space == null) {
      throw ConfigException.missing("space", "a section with a 'type:' key");
    }
    if (evaluator == null) {
      throw ConfigException.missing("evaluator", "a section with a 'type:' key");
    }
    if (strategy == null) {
      throw ConfigException.missing("strategy", "a section with a 'type:' key");
    }
    if (budget == null) {
      budget = BudgetConfig.defaults();
    }
    if (data == null) {
      data = DataConfig.defaults();
    }
    if (grading == null) {
      grading = true;
    }
    objectives = objectives == null ? List.of() : List.copyOf(objectives);
    constraints = constraints == null ? List.of() : List.copyOf(constraints);
  }

  /** The seed of repeat {@code r} (0-based). */
  public long seedOfRepeat(int r) {
    return seed + r;
  }
}
