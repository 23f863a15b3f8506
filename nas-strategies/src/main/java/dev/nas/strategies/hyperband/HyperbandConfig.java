package dev.nas.strategies.hyperband;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.config.ConfigException;
import dev.nas.core.config.StrategyConfig;
import dev.nas.core.eval.Evaluator;
import dev.nas.core.eval.Fidelities;
import dev.nas.core.eval.MultiFidelityEvaluator;
import dev.nas.core.strategy.Strategy;

/**
 * {@code strategy: {type: hyperband, eta: 3}}: Hyperband over random candidates. Budgets are the
 * evaluator's fidelities (nb201-table: 12 and 200 epochs; supernet: steps; standalone: epochs).
 *
 * @param eta the promotion ratio η: each rung keeps 1/η of the candidates (default 3, the paper's)
 * @param minFidelity the smallest budget (default the evaluator's smallest)
 * @param maxFidelity the largest budget R (default the evaluator's largest)
 */
@JsonTypeName("hyperband")
public record HyperbandConfig(Integer eta, Integer minFidelity, Integer maxFidelity) implements StrategyConfig {

  public static final int DEFAULT_ETA = 3;

  public HyperbandConfig {
    eta = checkEta(eta);
  }

  static int checkEta(Integer eta) {
    if (eta == null) {
      return DEFAULT_ETA;
    }
    if (eta < 2) {
      throw ConfigException.badValue("eta", eta, "an integer >= 2 (each rung keeps 1/eta of its candidates)");
    }
    return eta;
  }

  @Override
  public Strategy create(SearchSpace space, long seed) {
    throw new ConfigException("type", "hyperband chooses the budget of each evaluation, so it needs the run's"
        + " evaluator");
  }

  @Override
  public Strategy create(SearchSpace space, long seed, Evaluator evaluator) {
    return new Hyperband(space, schedule("hyperband", eta, minFidelity, maxFidelity, evaluator, false), seed);
  }

  /** The schedule for the evaluator's fidelities, or a {@link ConfigException} naming what does not fit. */
  static HyperbandSchedule schedule(String type, int eta, Integer minFidelity, Integer maxFidelity,
      Evaluator evaluator, boolean onlyMostAggressive) {
    if (!(evaluator instanceof MultiFidelityEvaluator multi)) {
      throw ConfigException.badValue("type", type, "a strategy that suits the evaluator; " + type + " needs an"
          + " evaluator with a budget dimension (nb201-table, supernet, standalone)");
    }
    Fidelities f = multi.fidelities();
    int min = minFidelity == null ? f.min() : minFidelity;
    int max = maxFidelity == null ? f.max() : maxFidelity;
    if (!f.contains(min)) {
      throw ConfigException.badValue("min_fidelity", min, "one of the evaluator's fidelities: " + f);
    }
    if (!f.contains(max) || max <= min) {
      throw ConfigException.badValue("max_fidelity", max, "one of the evaluator's fidelities above min_fidelity ("
          + min + "): " + f);
    }
    if (HyperbandSchedule.maxBracket(eta, min, max) < 1) {
      throw ConfigException.badValue("eta", eta, "at most max_fidelity/min_fidelity = " + max + "/" + min
          + ", so that there are at least two rungs");
    }
    return HyperbandSchedule.of(eta, min, max, f, onlyMostAggressive);
  }
}
