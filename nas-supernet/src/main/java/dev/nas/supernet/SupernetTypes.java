package dev.nas.supernet;

import dev.nas.core.config.ComponentTypes;
import dev.nas.supernet.eval.StandaloneEvaluatorConfig;
import dev.nas.supernet.eval.SupernetEvaluatorConfig;
import java.util.List;

/** Registers this module's evaluator config types. */
public final class SupernetTypes implements ComponentTypes {

  @Override
  public List<Class<?>> configTypes() {
    return List.of(SupernetEvaluatorConfig.class, StandaloneEvaluatorConfig.class);
  }
}
