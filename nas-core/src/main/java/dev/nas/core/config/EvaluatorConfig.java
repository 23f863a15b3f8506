package dev.nas.core.config;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.data.DataRoot;
import dev.nas.core.eval.Evaluator;

/** The {@code evaluator:} section; its {@code type:} picks the implementation. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface EvaluatorConfig {

  /**
   * Builds the evaluator for {@code space}, loading what it needs from {@code data}. Throws a
   * {@link ConfigException} if it cannot evaluate that space, an
   * {@link dev.nas.core.InputException} if its data is missing or malformed.
   */
  Evaluator create(SearchSpace space, DataRoot data);

  /**
   * The id of the dataset the evaluator measures on (e.g. {@code cifar10}), or null when it does not
   * say. A grader picks the benchmark's figures of the same dataset (see
   * {@link ComponentTypes#grader}). A config record with a {@code dataset} component answers it.
   */
  default String dataset() {
    return null;
  }
}
