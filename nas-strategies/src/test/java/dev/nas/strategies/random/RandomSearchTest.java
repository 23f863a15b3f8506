package dev.nas.strategies.random;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.arch.SearchSpace;
import dev.nas.core.strategy.Strategy;
import dev.nas.core.strategy.StrategyContract;
import dev.nas.spaces.nb201.Nb201Space;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

class RandomSearchTest extends StrategyContract {

  @Override
  protected SearchSpace space() {
    return Nb201Space.instance();
  }

  @Override
  protected Strategy create(SearchSpace space, long seed) {
    return new RandomSearchConfig().create(space, seed);
  }

  @Test
  void samplesSpreadOverTheSpace() {
    var asked = drive(create(space(), 3), 0, 1000);
    // 1000 uniform draws from 15,625 cells: about 969 distinct expected; far fewer means bias.
    assertTrue(new HashSet<>(asked).size() > 940, "distinct: " + new HashSet<>(asked).size());
  }
}
