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

  /**
   * A grader for searches of {@code space} whose evaluator measures on {@code dataset} (its id, such
   * as {@code cifar10}; null when the evaluator does not say), when this module has a benchmark of
   * them under {@code data}; empty by default. Offer one only when its data is there: a search
   * without it runs ungraded, not refused. Throw an {@link dev.nas.core.InputException} when the
   * data is there but damaged.
   */
  default java.util.Optional<dev.nas.core.grade.Grader> grader(dev.nas.core.arch.SearchSpace space, String dataset,
      dev.nas.core.data.DataRoot data) {
    return java.util.Optional.empty();
  }
}
