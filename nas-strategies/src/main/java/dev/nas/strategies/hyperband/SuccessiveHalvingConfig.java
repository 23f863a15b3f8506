package dev.nas.strategies.hyperband;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.config.ConfigException;
import dev.nas.core.config.StrategyConfig;
import dev.nas.core.eval.Evaluator;
import dev.nas.core.strategy.Strategy;

/**
 * {@code strategy: {type: successive-halving, eta: 3}}: successive halving, repeated. Each round is
 * Hyperband's most aggressive bracket: η^s_max random candidates at the smallest budget, the best
 * 1/η promoted at each rung up to the largest.
 *
 * @param eta the promotion ratio η (default 3)
 * @param minFidelity the smallest budget (default the evaluator's smallest)
 * @param maxFidelity the largest budget (default the evaluator's largest)
 */
@JsonTypeName("successive-halving")
public record SuccessiveHalvingConfig(Integer eta, Integer minFidelity, Integer maxFidelity)
    implements StrategyConfig {

  public SuccessiveHalvingConfig {
    eta = HyperbandConfig.checkEta(eta);
  }

  @Override
  public Strategy create(SearchSpace space, long seed) {
    throw new ConfigException("type", "successive-halving chooses the budget of each evaluation, so it needs the"
        + " run's evaluator");
  }

  @Override
  public Strategy create(SearchSpace space, long seed, Evaluator evaluator) {
    return new Hyperband(space,
        HyperbandConfig.schedule("successive-halving", eta, minFidelity, maxFidelity, evaluator, true), seed);
  }
}
