package dev.nas.strategies.nsga2;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.arch.Architecture;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.objective.ArchitectureMeasure;
import dev.nas.core.objective.Goal;
import dev.nas.core.objective.Objective;
import dev.nas.core.objective.Objectives;
import dev.nas.core.strategy.Strategy;
import dev.nas.core.strategy.StrategyContract;
import dev.nas.spaces.nb201.Nb201Space;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class Nsga2Test extends StrategyContract {

  /**
   * The contract's scores: maximise the weighted gene sum ("score"), minimise the plain sum ("size").
   * Also the two objectives of {@code DartsSpaceStrategiesTest}'s NSGA-II run.
   */
  public static final Objectives OBJECTIVES = Objectives.of(
      List.of(new Objective("score", Goal.MAX, null), new Objective("size", Goal.MIN, null)), List.of(),
      Map.of("size", new ArchitectureMeasure() {
        @Override
        public String name() {
          return "size";
        }

        @Override
        public double measure(Architecture a) {
          return Arrays.stream(a.genes()).sum();
        }
      }), "score");

  @Override
  protected SearchSpace space() {
    return Nb201Space.instance();
  }

  @Override
  protected Strategy create(SearchSpace space, long seed) {
    return new Nsga2Config(8, null).create(space, seed, null, OBJECTIVES);
  }

  @Test
  void thePopulationMovesTowardsTheFrontOfBothObjectives() {
    Nsga2 s = (Nsga2) create(space(), 3);
    // Generation 0: random; the population after 30 generations should hold far better trade-offs.
    drive(s, 0, 8);
    double before = meanDistance(s.population());
    drive(s, 8, 240);
    double after = meanDistance(s.population());
    assertTrue(after < 0.6 * before, "distance to the ideal front " + before + " -> " + after);
  }

  /**
   * Mean distance of the population below the true front: for a given size, the best score fills
   * the genes of weight 3, then 2, then 1 (NB201: 6 genes of weights 1,2,3,1,2,3, values 0..4).
   */
  private static double meanDistance(List<Architecture> population) {
    return population.stream().mapToDouble(a -> {
      int left = (int) score(a).value("size");
      double best = 0;
      for (int weight = 3; weight >= 1; weight--) {
        int take = Math.min(left, 8);
        best += weight * take;
        left -= take;
      }
      return best - score(a).signal();
    }).average().orElseThrow();
  }
}
