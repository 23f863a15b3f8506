package dev.nas.spaces.nb201;

import dev.nas.core.config.ConfigException;
import dev.nas.spaces.SizeLimits;

/**
 * The NB201 network around the cell: {@code channels} in the first stage (doubled in each of the
 * next two), {@code cells} cells per stage, an input of {@code inputSize} x {@code inputSize} RGB
 * images and {@code classes} outputs. The benchmark's network is C=16, N=5, 32x32 (16x16 for
 * ImageNet16-120), 10/100/120 classes. Sizes are bounded by {@link SizeLimits}.
 */
public record Nb201Macro(int channels, int cells, int classes, int inputSize) {

  public static final Nb201Macro CIFAR10 = new Nb201Macro(16, 5, 10, 32);

  public Nb201Macro {
    SizeLimits.check("channels", channels, 1, SizeLimits.CELL_CHANNELS);
    SizeLimits.check("cells", cells, 1, SizeLimits.CELLS_PER_STAGE);
    SizeLimits.check("classes", classes, 2, SizeLimits.CLASSES);
    if (inputSize < 4 || inputSize > SizeLimits.INPUT_SIZE) {
      throw ConfigException.badValue("input_size", inputSize, "an integer from 4 (two stride-2 reductions) to "
          + SizeLimits.INPUT_SIZE);
    }
  }

  /** The benchmark's network for one of its datasets. */
  public static Nb201Macro of(Nb201Dataset dataset) {
    return switch (dataset) {
      case CIFAR10 -> CIFAR10;
      case CIFAR100 -> new Nb201Macro(16, 5, 100, 32);
      case IMAGENET16_120 -> new Nb201Macro(16, 5, 120, 16);
    };
  }
}
