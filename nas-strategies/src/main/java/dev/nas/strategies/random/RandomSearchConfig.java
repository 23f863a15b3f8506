package dev.nas.strategies.random;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.config.StrategyConfig;
import dev.nas.core.strategy.Strategy;

/** {@code strategy: {type: random}}: uniform random search; no settings. */
@JsonTypeName("random")
public record RandomSearchConfig() implements StrategyConfig {

  @Override
  public Strategy create(SearchSpace space, long seed) {
    return new RandomSearch(space, seed);
  }
}
