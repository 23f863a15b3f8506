package dev.nas.core.toy;

import dev.nas.core.arch.SearchSpace;
import dev.nas.core.strategy.Strategy;
import dev.nas.core.strategy.StrategyContract;

class ClimbStrategyTest extends StrategyContract {
  @Override
  protected SearchSpace space() {
    return new ToySpace();
  }

  @Override
  protected Strategy create(SearchSpace space, long seed) {
    return new ToyComponents.Climber(3).create(space, seed);
  }
}
