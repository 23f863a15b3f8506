package dev.nas.strategies.rl;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.config.ConfigException;
import dev.nas.core.config.StrategyConfig;
import dev.nas.core.strategy.Strategy;

/**
 * {@code strategy: {type: rl}}: the ENAS controller trained with REINFORCE. Defaults are the ENAS
 * paper's (Pham et al. 2018, section 3): an LSTM of 100 hidden units, Adam at lr 0.00035, logits
 * shaped by temperature 5.0 and tanh constant 2.5, the sample entropy added to the reward with
 * weight 0.0001, a baseline decay of 0.99.
 *
 * @param hidden LSTM hidden units (default 100)
 * @param lr Adam learning rate (default 0.00035)
 * @param temperature logits are divided by it before the tanh (default 5.0)
 * @param tanhConstant logits = tanh_constant * tanh(logits / temperature) (default 2.5)
 * @param entropyWeight weight of the sample entropy added to the reward (default 0.0001)
 * @param baselineDecay decay of the moving-average baseline (default 0.99)
 * @param rewardScale reward = reward_scale x the trial's signal (default 0.01: accuracies in percent become fractions)
 */
@JsonTypeName("rl")
public record ReinforceConfig(Integer hidden, Double lr, Double temperature, Double tanhConstant, Double entropyWeight,
    Double baselineDecay, Double rewardScale) implements StrategyConfig {

  public ReinforceConfig {
    hidden = hidden == null ? 100 : hidden;
    if (hidden < 1) {
      throw ConfigException.badValue("hidden", hidden, "an integer >= 1");
    }
    lr = lr == null ? 0.00035 : lr;
    if (!(lr > 0)) {
      throw ConfigException.badValue("lr", lr, "a number > 0");
    }
    temperature = temperature == null ? 5.0 : temperature;
    if (!(temperature > 0)) {
      throw ConfigException.badValue("temperature", temperature, "a number > 0");
    }
    tanhConstant = tanhConstant == null ? 2.5 : tanhConstant;
    if (!(tanhConstant > 0)) {
      throw ConfigException.badValue("tanh_constant", tanhConstant, "a number > 0");
    }
    entropyWeight = entropyWeight == null ? 0.0001 : entropyWeight;
    if (entropyWeight < 0) {
      throw ConfigException.badValue("entropy_weight", entropyWeight, "a number >= 0");
    }
    baselineDecay = baselineDecay == null ? 0.99 : baselineDecay;
    if (!(baselineDecay >= 0 && baselineDecay < 1)) {
      throw ConfigException.badValue("baseline_decay", baselineDecay, "a number in [0, 1)");
    }
    rewardScale = rewardScale == null ? 0.01 : rewardScale;
    if (!(rewardScale > 0)) {
      throw ConfigException.badValue("reward_scale", rewardScale, "a number > 0");
    }
  }

  @Override
  public Strategy create(SearchSpace space, long seed) {
    return new ReinforceController(space, this, seed);
  }
}
