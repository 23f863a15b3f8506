package dev.nas.core.config;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.eval.Evaluator;
import dev.nas.core.strategy.Strategy;

/** The {@code strategy:} section; its {@code type:} picks the implementation. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface StrategyConfig {

  /** A fresh strategy over {@code space} whose randomness comes from {@code seed} only. */
  Strategy create(SearchSpace space, long seed);

  /**
   * A fresh strategy that may also use the run's evaluator (DARTS trains the relaxation of the
   * supernet evaluator's weights); by default the evaluator is not needed. A strategy that cannot
   * work with {@code evaluator} throws a {@link ConfigException} saying why.
   */
  default Strategy create(SearchSpace space, long seed, Evaluator evaluator) {
    return create(space, seed);
  }

  /**
   * A fresh strategy that may also use the experiment's objectives (NSGA-II selects on all of
   * them); by default they are not needed and the strategy maximises the signal.
   */
  default Strategy create(SearchSpace space, long seed, Evaluator evaluator, dev.nas.core.objective.Objectives objectives) {
    return create(space, seed, evaluator);
  }

  /**
   * Settings that are accepted but will not do what the user probably wants under {@code budget}
   * (a population larger than the trial budget never evolves), each one sentence naming the keys.
   */
  default java.util.List<String> warnings(BudgetConfig budget) {
    return java.util.List.of();
  }
}
