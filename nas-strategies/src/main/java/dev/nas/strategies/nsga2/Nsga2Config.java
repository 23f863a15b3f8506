package dev.nas.strategies.nsga2;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.config.ConfigException;
import dev.nas.core.config.StrategyConfig;
import dev.nas.core.eval.Evaluator;
import dev.nas.core.objective.Objectives;
import dev.nas.core.strategy.Strategy;

/**
 * {@code strategy: {type: nsga2, population: 20, crossover: 0.5}}: NSGA-II over the experiment's
 * {@code objectives:}.
 *
 * @param population individuals kept per generation (and children per generation), at least 4
 * @param crossover probability that a child mixes two parents' decisions (uniform crossover) before
 *     its mutation; default 0.5
 */
@JsonTypeName("nsga2")
public record Nsga2Config(Integer population, Double crossover) implements StrategyConfig {

  public static final int DEFAULT_POPULATION = 20;
  public static final double DEFAULT_CROSSOVER = 0.5;
  /** Non-dominated sorting is quadratic in the population. */
  public static final int MAX_POPULATION = 10_000;

  public Nsga2Config {
    if (population == null) {
      population = DEFAULT_POPULATION;
    }
    if (crossover == null) {
      crossover = DEFAULT_CROSSOVER;
    }
    if (population < 4 || population > MAX_POPULATION) {
      throw ConfigException.badValue("population", population, "an integer from 4 to " + MAX_POPULATION);
    }
    if (!(crossover >= 0 && crossover <= 1)) {
      throw ConfigException.badValue("crossover", crossover, "a probability from 0 to 1");
    }
  }

  @Override
  public java.util.List<String> warnings(dev.nas.core.config.BudgetConfig budget) {
    return 2L * population > budget.trials() ? java.util.List.of("strategy.population (" + population
        + ") is more than half of budget.trials (" + budget.trials() + "): NSGA-II does not finish its first"
        + " generation of children") : java.util.List.of();
  }

  @Override
  public Strategy create(SearchSpace space, long seed) {
    throw noObjectives();
  }

  @Override
  public Strategy create(SearchSpace space, long seed, Evaluator evaluator, Objectives objectives) {
    if (!objectives.isMultiObjective()) {
      throw noObjectives();
    }
    return new Nsga2(space, objectives, population, crossover, seed);
  }

  private static ConfigException noObjectives() {
    return new ConfigException("type", "nsga2 selects on several objectives: add an objectives: section to the"
        + " experiment, e.g. objectives: [{metric: valid_acc_12, goal: max}, {metric: params, goal: min}]");
  }
}
