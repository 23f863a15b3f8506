package dev.nas.core.experiment;

import dev.nas.core.arch.SearchSpace;
import dev.nas.core.config.BudgetConfig;
import dev.nas.core.config.StrategyConfig;
import dev.nas.core.eval.Evaluator;

/**
 * Everything a run needs except its seed and directory. The space and evaluator are shared by all
 * repeats; each run creates its own strategy from {@code strategy} and its seed.
 */
public record RunSetup(
    SearchSpace space,
    Evaluator evaluator,
    StrategyConfig strategy,
    String strategyName,
    String evaluatorName,
    BudgetConfig budget) {}
