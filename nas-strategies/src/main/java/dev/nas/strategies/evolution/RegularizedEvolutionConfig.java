package dev.nas.strategies.evolution;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.config.ConfigException;
import dev.nas.core.config.StrategyConfig;
import dev.nas.core.strategy.Strategy;

/**
 * {@code strategy: {type: evolution, population: 10, sample: 3}}: regularized evolution.
 * Defaults are NATS-Bench's for its topology space ({@code --ea_population 10 --ea_sample_size 3}).
 *
 * @param population individuals kept alive (P), at least 2
 * @param sample tournament size (S), from 2 to P
 */
@JsonTypeName("evolution")
public record RegularizedEvolutionConfig(Integer population, Integer sample) implements StrategyConfig {

  public static final int DEFAULT_POPULATION = 10;
  public static final int DEFAULT_SAMPLE = 3;
  /** Every member is kept in memory and in each checkpoint. */
  public static final int MAX_POPULATION = 100_000;

  public RegularizedEvolutionConfig {
    if (population == null) {
      population = DEFAULT_POPULATION;
    }
    if (sample == null) {
      sample = DEFAULT_SAMPLE;
    }
    if (population < 2 || population > MAX_POPULATION) {
      throw ConfigException.badValue("population", population, "an integer from 2 to " + MAX_POPULATION);
    }
    if (sample < 2 || sample > population) {
      throw ConfigException.badValue("sample", sample,
          "an integer from 2 to strategy.population (" + population + "): the tournament draws from the population"
              + " (Jenetics' tournament selector needs at least 2)");
    }
  }

  @Override
  public java.util.List<String> warnings(dev.nas.core.config.BudgetConfig budget) {
    return population >= budget.trials() ? java.util.List.of("strategy.population (" + population
        + ") >= budget.trials (" + budget.trials() + "): every trial is a random sample and evolution never starts")
        : java.util.List.of();
  }

  @Override
  public Strategy create(SearchSpace space, long seed) {
    return new RegularizedEvolution(space, population, sample, seed);
  }
}
