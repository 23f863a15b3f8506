package dev.nas.strategies;

import dev.nas.core.config.ComponentTypes;
import dev.nas.strategies.darts.DartsConfig;
import dev.nas.strategies.evolution.RegularizedEvolutionConfig;
import dev.nas.strategies.hyperband.HyperbandConfig;
import dev.nas.strategies.hyperband.SuccessiveHalvingConfig;
import dev.nas.strategies.morphism.MorphismConfig;
import dev.nas.strategies.nsga2.Nsga2Config;
import dev.nas.strategies.random.RandomSearchConfig;
import dev.nas.strategies.rl.ReinforceConfig;
import java.util.List;

/** Registers this module's strategy config types. */
public final class StrategyTypes implements ComponentTypes {

  @Override
  public List<Class<?>> configTypes() {
    return List.of(RandomSearchConfig.class, RegularizedEvolutionConfig.class, ReinforceConfig.class,
        DartsConfig.class, HyperbandConfig.class, SuccessiveHalvingConfig.class, Nsga2Config.class,
        MorphismConfig.class);
  }
}
