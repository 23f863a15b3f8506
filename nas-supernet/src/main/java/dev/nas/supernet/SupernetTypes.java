package dev.nas.supernet;

import dev.nas.core.config.ComponentTypes;
import dev.nas.supernet.eval.StandaloneEvaluatorConfig;
import dev.nas.supernet.eval.SupernetEvaluatorConfig;
import java.util.List;

/** Registers this module's evaluator config types. */
public final class SupernetTypes implements ComponentTypes {

  @Override
  public List<Class<?>> configTypes() {
    return List.of(SupernetEvaluatorConfig.class, StandaloneEvaluatorConfig.class,
        dev.nas.supernet.zerocost.ZeroCostEvaluatorConfig.class);
  }

  /** {@code latency_ms} of the stand-alone DL4J model (batch 1, CPU, median), for spaces with networks. */
  @Override
  public java.util.Map<String, dev.nas.core.objective.ArchitectureMeasure> measures(dev.nas.core.arch.SearchSpace space) {
    return space instanceof dev.nas.spaces.network.NetworkSpace networks
        ? java.util.Map.of(dev.nas.supernet.dl4j.LatencyMeasure.NAME, new dev.nas.supernet.dl4j.LatencyMeasure(networks))
        : java.util.Map.of();
  }
}
