package dev.nas.strategies.rl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.arch.Architecture;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.eval.Metrics;
import dev.nas.core.strategy.Strategy;
import dev.nas.core.strategy.StrategyContract;
import dev.nas.core.trial.Trial;
import dev.nas.spaces.nb201.Nb201Space;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReinforceControllerTest extends StrategyContract {

  @Override
  protected SearchSpace space() {
    return Nb201Space.instance();
  }

  @Override
  protected Strategy create(SearchSpace space, long seed) {
    return new ReinforceConfig(null, null, null, null, null, null, null).create(space, seed);
  }

  /** Reward: the share of NB201 edges that chose nor_conv_3x3 (gene value 3), in percent. */
  private static double reward(Architecture a) {
    return 100.0 * Arrays.stream(a.genes()).filter(g -> g == 3).count() / a.genes().length;
  }

  @Test
  void theControllerLearnsWhatIsRewarded() {
    ReinforceController controller = new ReinforceController(space(),
        new ReinforceConfig(32, 0.01, null, null, null, 0.9, null), 5);
    double first = 0;
    double last = 0;
    Instant t = Instant.EPOCH;
    int trials = 300;
    for (int i = 0; i < trials; i++) {
      Architecture a = controller.ask();
      double r = reward(a);
      if (i < 50) {
        first += r / 50;
      } else if (i >= trials - 50) {
        last += r / 50;
      }
      controller.tell(Trial.queued(i, a, a.canonical(), i).start(t).succeed(new Metrics(r, Map.of("r", r)), t));
    }
    // Uniform sampling gives 20%; the controller must move well towards all-nor_conv_3x3.
    assertTrue(first < 35, "first 50 trials: " + first);
    assertTrue(last > 60, "last 50 trials: " + last + " (first 50: " + first + ")");
    int[] best = {3, 3, 3, 3, 3, 3};
    assertTrue(controller.logProbability(best) > Math.log(0.05), "p(best) = " + Math.exp(controller.logProbability(best)));
  }
}
