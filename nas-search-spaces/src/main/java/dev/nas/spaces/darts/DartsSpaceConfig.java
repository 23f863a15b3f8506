package dev.nas.spaces.darts;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.config.SpaceConfig;

/**
 * {@code space: {type: darts}}: the DARTS cell space as sampling methods search it (two distinct
 * inputs per node, 7 ops without {@code none}; the DARTS relaxation keeps {@code none} among its
 * candidates). The other settings shape the network built around the cells; defaults are the
 * DARTS search network (channels 16, layers 8, auxiliary head on). The paper's CIFAR-10 evaluation
 * network is {@code channels: 36, layers: 20}.
 *
 * @param legacySampling {@code true}: the space as it was before issue 18 ({@link DartsSpace#legacy}):
 *     8 ops with {@code none}, each edge's input chosen on its own, so a node may read one input
 *     twice. For reading run directories and architectures made with it. Default {@code false}.
 */
@JsonTypeName(DartsSpace.ID)
public record DartsSpaceConfig(Integer channels, Integer layers, Integer classes, Integer inputSize, Boolean auxiliary,
    Boolean legacySampling) implements SpaceConfig {

  public DartsSpaceConfig {
    DartsMacro macro = DartsMacro.withDefaults(channels, layers, classes, inputSize, auxiliary);
    channels = macro.channels();
    layers = macro.layers();
    classes = macro.classes();
    inputSize = macro.inputSize();
    auxiliary = macro.auxiliary();
    legacySampling = legacySampling != null && legacySampling;
  }

  private DartsMacro macro() {
    return new DartsMacro(channels, layers, classes, inputSize, auxiliary);
  }

  @Override
  public SearchSpace create() {
    return legacySampling ? DartsSpace.legacy(macro()) : new DartsSpace(macro());
  }
}
