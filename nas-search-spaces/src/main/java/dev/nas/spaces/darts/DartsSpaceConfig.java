package dev.nas.spaces.darts;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.config.SpaceConfig;

/**
 * {@code space: {type: darts}}: the DARTS cell space. The settings shape the network built around
 * the cells; defaults are the DARTS search network (channels 16, layers 8, auxiliary head on).
 * The paper's CIFAR-10 evaluation network is {@code channels: 36, layers: 20}.
 */
@JsonTypeName(DartsSpace.ID)
public record DartsSpaceConfig(Integer channels, Integer layers, Integer classes, Integer inputSize, Boolean auxiliary)
    implements SpaceConfig {

  public DartsSpaceConfig {
    DartsMacro macro = DartsMacro.withDefaults(channels, layers, classes, inputSize, auxiliary);
    channels = macro.channels();
    layers = macro.layers();
    classes = macro.classes();
    inputSize = macro.inputSize();
    auxiliary = macro.auxiliary();
  }

  private DartsMacro macro() {
    return new DartsMacro(channels, layers, classes, inputSize, auxiliary);
  }

  @Override
  public SearchSpace create() {
    return new DartsSpace(macro());
  }
}
