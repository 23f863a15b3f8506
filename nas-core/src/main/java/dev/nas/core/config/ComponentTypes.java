package dev.nas.core.config;

import java.util.List;

/**
 * Service-provider interface through which a module registers its config types: classes that
 * implement {@link SpaceConfig}, {@link StrategyConfig} or {@link EvaluatorConfig} and carry a
 * {@code @JsonTypeName} (the value users write after {@code type:}). Listed in
 * {@code META-INF/services/dev.nas.core.config.ComponentTypes}.
 */
public interface ComponentTypes {

  List<Class<?>> configTypes();

  /**
   * Measures this module can take of architectures of {@code space} without training them (for
   * objectives and constraints), by name; none by default.
   */
  default java.util.Map<String, dev.nas.core.objective.ArchitectureMeasure> measures(
      dev.nas.core.arch.SearchSpace space) {
    return java.util.Map.of();
  }
}
