package dev.nas.spaces.darts;

import dev.nas.core.config.ConfigException;
import dev.nas.spaces.SizeLimits;

/**
 * The network around DARTS cells (the paper's CIFAR evaluation network): a 3x3 stem with
 * {@code 3 * channels} outputs, {@code layers} cells with reduction cells at {@code layers/3} and
 * {@code 2*layers/3}, an optional auxiliary head after cell {@code 2*layers/3}, global pooling
 * and a linear classifier. The paper's CIFAR-10 model is channels 36, layers 20 with the
 * auxiliary head; the search network is channels 16, layers 8. Sizes are bounded by
 * {@link SizeLimits}.
 */
public record DartsMacro(int channels, int layers, int classes, int inputSize, boolean auxiliary) {

  public static final DartsMacro SEARCH = new DartsMacro(16, 8, 10, 32, true);

  /** The macro with every absent (null) setting taken from {@link #SEARCH}; validates. */
  public static DartsMacro withDefaults(Integer channels, Integer layers, Integer classes, Integer inputSize,
      Boolean auxiliary) {
    return new DartsMacro(channels == null ? SEARCH.channels : channels, layers == null ? SEARCH.layers : layers,
        classes == null ? SEARCH.classes : classes, inputSize == null ? SEARCH.inputSize : inputSize,
        auxiliary == null ? SEARCH.auxiliary : auxiliary);
  }

  public DartsMacro {
    if (channels < 2 || channels > SizeLimits.CELL_CHANNELS || channels % 2 != 0) {
      throw ConfigException.badValue("channels", channels, "an even integer from 2 to " + SizeLimits.CELL_CHANNELS
          + " (factorized reduce halves it)");
    }
    if (layers < 3 || layers > SizeLimits.LAYERS) {
      throw ConfigException.badValue("layers", layers, "an integer from 3 (two of them are reduction cells) to "
          + SizeLimits.LAYERS);
    }
    SizeLimits.check("classes", classes, 2, SizeLimits.CLASSES);
    if (inputSize < 8 || inputSize > SizeLimits.INPUT_SIZE || inputSize % 4 != 0) {
      throw ConfigException.badValue("input_size", inputSize, "a multiple of 4 from 8 (two stride-2 reductions) to "
          + SizeLimits.INPUT_SIZE);
    }
    if (auxiliary && inputSize / 4 < 8) {
      // 5x5 windows at stride 3 must leave the head's 2x2 conv at least a 2x2 map.
      throw ConfigException.badValue("auxiliary", true, "false for input_size " + inputSize
          + ": the CIFAR auxiliary head needs input_size >= 32 (it pools 5x5 windows at stride 3 of the"
          + " input_size/4 feature map, then applies a 2x2 conv)");
    }
  }
}
