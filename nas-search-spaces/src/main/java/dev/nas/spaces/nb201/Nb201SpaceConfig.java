package dev.nas.spaces.nb201;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.nas.core.arch.SearchSpace;
import dev.nas.core.config.SpaceConfig;

/**
 * {@code space: {type: nb201}}: the NAS-Bench-201 cell space. The settings shape the network
 * built around the cell (for {@code nas describe} and training); the genome is always the same.
 *
 * @param channels first-stage channels, default 16 (the benchmark's)
 * @param cells cells per stage, default 5
 * @param classes classifier outputs, default 10
 * @param inputSize input height and width, default 32
 */
@JsonTypeName(Nb201Space.ID)
public record Nb201SpaceConfig(Integer channels, Integer cells, Integer classes, Integer inputSize)
    implements SpaceConfig {

  public Nb201SpaceConfig {
    channels = channels == null ? Nb201Macro.CIFAR10.channels() : channels;
    cells = cells == null ? Nb201Macro.CIFAR10.cells() : cells;
    classes = classes == null ? Nb201Macro.CIFAR10.classes() : classes;
    inputSize = inputSize == null ? Nb201Macro.CIFAR10.inputSize() : inputSize;
    macro(channels, cells, classes, inputSize);
  }

  public Nb201SpaceConfig() {
    this(null, null, null, null);
  }

  private static Nb201Macro macro(int channels, int cells, int classes, int inputSize) {
    return new Nb201Macro(channels, cells, classes, inputSize);
  }

  @Override
  public SearchSpace create() {
    return Nb201Space.of(macro(channels, cells, classes, inputSize));
  }
}
