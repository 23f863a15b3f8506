package dev.nas.spaces.enas;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.config.SpaceConfig;

/**
 * {@code space: {type: enas-macro}}: the ENAS macro space. Defaults are ENAS's CIFAR-10 search
 * (12 layers, 36 filters); its final model used 24 layers of 96 filters.
 */
@JsonTypeName(EnasSpace.ID)
public record EnasSpaceConfig(Integer layers, Integer filters, Integer classes, Integer inputSize)
    implements SpaceConfig {

  public EnasSpaceConfig {
    layers = layers == null ? EnasMacro.SEARCH.layers() : layers;
    filters = filters == null ? EnasMacro.SEARCH.filters() : filters;
    classes = classes == null ? EnasMacro.SEARCH.classes() : classes;
    inputSize = inputSize == null ? EnasMacro.SEARCH.inputSize() : inputSize;
    macro(layers, filters, classes, inputSize);
  }

  private static EnasMacro macro(int layers, int filters, int classes, int inputSize) {
    return new EnasMacro(layers, filters, classes, inputSize);
  }

  @Override
  public SearchSpace create() {
    return new EnasSpace(macro(layers, filters, classes, inputSize));
  }
}
